import Link from "next/link";
import { formatCount } from "@/lib/members/format";
import { PageSizePicker } from "./page-size-picker";

type PaginationProps = {
  page: number;
  pageCount: number;
  total: number;
  /** Rows on this page. */
  shown: number;
  size: number;
  /** The link to another page of the same list, with its query kept. */
  pageHref: (page: number) => string;
  /** The link of each "Rows per page" choice. */
  sizeChoices: { size: number; href: string }[];
  /** The total was counted only up to a limit: "of more than 10,000". */
  totalIsAtLeast?: boolean;
};

/** Real links, so paging works from the keyboard and the back button walks back through pages. */
export function Pagination({ page, pageCount, total, shown, size, pageHref, sizeChoices, totalIsAtLeast = false }: PaginationProps) {
  const first = (page - 1) * size + 1;
  const pageLink = (to: number, label: string, rel?: string) =>
    to >= 1 && to <= pageCount && to !== page ? (
      <Link href={pageHref(to)} rel={rel} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">
        {label}
      </span>
    );
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-700">
        Showing {formatCount(first)}–{formatCount(first + shown - 1)} of {totalIsAtLeast ? "more than " : ""}
        {formatCount(total)}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {sizeChoices.length > 0 && <PageSizePicker size={size} choices={sizeChoices} />}
        {pageLink(1, "First")}
        {pageLink(page - 1, "Previous", "prev")}
        <span className="px-2 text-sm text-slate-700" aria-current="page">
          Page {formatCount(page)} of {formatCount(pageCount)}
        </span>
        {pageLink(page + 1, "Next", "next")}
        {pageLink(pageCount, "Last")}
      </div>
    </nav>
  );
}
