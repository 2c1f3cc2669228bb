/**
 * Class names that turn a table into stacked cards below the md breakpoint (SPEC §4.17: a phone never scrolls the page
 * sideways), with CSS alone so nothing is rendered twice. Give the table, its row groups, rows and cells explicit
 * roles: some browsers drop a table's semantics once its display changes.
 */
export const STACKED = {
  /** The scrolling region around the table: on a phone the cards need no frame of their own. min-w-0: a grid column
   * sized by its content would take the cards at their widest (an fr track is measured at max-content);
   * the same for each grid item around it. */
  frame: "min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:overflow-visible max-md:border-0 max-md:bg-transparent",
  table: "w-full text-left text-sm max-md:block",
  /** Column headers a card says beside each value instead. */
  head: "max-md:hidden",
  body: "max-md:grid max-md:gap-2 max-md:divide-y-0",
  /** A row as a card: a narrow first column (a checkbox, a button), the rest beside it. Give it a background. */
  row: "max-md:grid max-md:min-w-0 max-md:grid-cols-[auto_minmax(0,1fr)_auto] max-md:gap-x-3 max-md:gap-y-1 max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:p-3",
  /** A card's labelled line: the cell's data-label, then its value. */
  detail:
    "max-md:col-span-2 max-md:col-start-2 max-md:flex max-md:min-w-0 max-md:gap-2 max-md:p-0 max-md:[overflow-wrap:anywhere] max-md:before:w-36 max-md:before:shrink-0 max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]",
} as const;
