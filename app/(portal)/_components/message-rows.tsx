"use client";

import { useState } from "react";

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
      <tr className={open ? "bg-slate-50" : "hover:bg-slate-50"}>
        <td className="px-2 py-2 align-top">
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
      <tr id={panel} hidden={!open} className="bg-slate-50">
        <td />
        <td colSpan={columns - 1} className="px-3 pb-4 pt-1">
          {timeline}
        </td>
      </tr>
    </>
  );
}
