import type { ReactNode } from "react";
import { STACKED } from "./stacked-table";

export type StackedColumn = { label: string; className?: string };

/**
 * A table that is stacked cards on a phone (STACKED): its scrolling frame, its caption for screen readers, its
 * header row, and a body for the caller's rows (give them STACKED.row and their cells STACKED.detail).
 */
export function StackedTableFrame({ caption, columns, children }: { caption: string; columns: StackedColumn[]; children: ReactNode }) {
  return (
    <div className={STACKED.frame} tabIndex={0} role="region" aria-label={`${caption}, scrolls sideways`}>
      <table role="table" className={STACKED.table}>
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className={`border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 ${STACKED.head}`}>
          <tr role="row">
            {columns.map((column) => (
              <th key={column.label} role="columnheader" scope="col" className={`px-3 py-2 ${column.className ?? ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className={`divide-y divide-slate-100 ${STACKED.body}`}>
          {children}
        </tbody>
      </table>
    </div>
  );
}
