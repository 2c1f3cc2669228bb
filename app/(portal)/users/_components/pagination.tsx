import { Pagination as ListPagination } from "@/components/ui/pagination";
import { usersHref, type UsersQuery } from "@/lib/members/users-query";
import { PAGE_SIZES } from "@/lib/url-query";

/** The Users tab's pages and "Rows per page", each a link to the same query. */
export function Pagination({
  query,
  page,
  pageCount,
  total,
  shown,
  path = "/users",
}: {
  query: UsersQuery;
  page: number;
  pageCount: number;
  total: number;
  shown: number;
  path?: string;
}) {
  return (
    <ListPagination
      page={page}
      pageCount={pageCount}
      total={total}
      shown={shown}
      size={query.size}
      pageHref={(to) => usersHref(query, { page: to }, path)}
      sizeChoices={PAGE_SIZES.map((size) => ({ size, href: usersHref(query, { size }, path) }))}
    />
  );
}
