"use client";

import { useState } from "react";
import { STACKED } from "@/components/ui/stacked-table";

/**
 * A message's row in an email log and, under it, the row with its timeline, shown and hidden by a disclosure button
 * (aria-expanded) so the table keeps its columns. The cells and the timeline are rendered on the server.
 */
export function MessageRows({
  id,
  cells,
  timeline,
  columns,
  defaultOpen = false,
}: {
  id: string;
  cells: React.ReactNode;
  timeline: React.ReactNode;
  /** Every column, the button's included: the timeline spans them all. */
  columns: number;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const panel = `timeline-${id}`;
  return (
    <>
      <tr role="row" className={`${open ? "bg-slate-50" : "hover:bg-slate-50 max-md:bg-white"} ${STACKED.row}`}>
        <td role="cell" className="px-2 py-2 align-top max-md:col-start-1 max-md:row-span-6 max-md:row-start-1 max-md:p-0">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panel}
            onClick={() => setOpen(!open)}
            className="rounded p-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`size-4 transition-transform motion-reduce:transition-none ${open ? "rotate-90" : ""}`}>
              <path d="M7.2 4.3a1 1 0 0 1 1.4 0l5 5a1 1 0 0 1 0 1.4l-5 5a1 1 0 1 1-1.4-1.4L11.5 10 7.2 5.7a1 1 0 0 1 0-1.4Z" />
            </svg>
            <span className="sr-only">Timeline</span>
          </button>
        </td>
        {cells}
      </tr>
      <tr role="row" id={panel} hidden={!open} className="bg-slate-50 max-md:-mt-2 max-md:block max-md:rounded-b-lg max-md:border max-md:border-t-0 max-md:border-slate-200">
        <td role="cell" className="max-md:hidden" />
        <td role="cell" colSpan={columns - 1} className="px-3 pt-1 pb-4 max-md:block max-md:pt-3">
          {timeline}
        </td>
      </tr>
    </>
  );
}
