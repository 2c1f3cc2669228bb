import { z } from "zod";
import { lineOfText } from "../validation";
import { firstValues, pagingFields, searchOf, type SearchParams } from "../url-query";
import { ROLES, STATUS_FILTERS, type StatusFilter } from "./labels";

export const SORTS = ["name", "extension", "status"] as const;

/**
 * The Users tab's whole state, read from the URL (SPEC §4.3): a link can be shared and the back button restores it.
 * Every key falls back to its default instead of failing, so a hand-edited URL still opens the tab.
 */
export const usersQuery = z.object({
  q: lineOfText().max(100).catch("").default(""),
  status: z.enum(Object.keys(STATUS_FILTERS) as [StatusFilter, ...StatusFilter[]]).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  site: z.union([z.literal("none"), z.uuid()]).optional().catch(undefined),
  team: z.union([z.literal("none"), z.uuid()]).optional().catch(undefined),
  sort: z.enum(SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  ...pagingFields,
});
export type UsersQuery = z.infer<typeof usersQuery>;

export const DEFAULT_QUERY: UsersQuery = usersQuery.parse({});

/** Reads the query from Next's searchParams or URLSearchParams; a repeated key counts once. */
export function parseUsersQuery(params: SearchParams): UsersQuery {
  return usersQuery.parse(firstValues(params));
}

/** The URL search string of a query, without the defaults, so links stay short. */
export function usersSearch(query: UsersQuery): string {
  return searchOf(query, DEFAULT_QUERY);
}

/**
 * A link to the Users tab (or the support console's copy of it, at `path`) with a change applied; any change but
 * paging starts again at page 1.
 */
export function usersHref(query: UsersQuery, change: Partial<UsersQuery>, path = "/users"): string {
  return `${path}${usersSearch({ ...query, page: 1, ...change })}`;
}

/** Does the query narrow the list (search or filters), as opposed to only sorting and paging it? */
export function isFiltered(query: UsersQuery): boolean {
  return Boolean(query.q || query.status || query.role || query.site || query.team);
}
