import type { ReactNode } from "react";

/** Labelled facts in a card ("Name", "Extension", …), read-only; an empty value shows as "—", never as a blank. */
export function FactList({ facts, className = "max-w-2xl" }: { facts: [label: string, value: ReactNode][]; className?: string }) {
  return (
    <dl className={`grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm ${className}`}>
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="text-slate-900 [overflow-wrap:anywhere]">{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
