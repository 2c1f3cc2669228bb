"use client";

import { Fragment, useState } from "react";

/**
 * The controls of a filter bar whose state is the URL (the email log, the audit log): a select that applies at once,
 * and texts and dates that apply with Enter or "Apply", so half-typed values don't reload the page.
 */

/** A text the URL holds: follows the URL when it changes (back/forward, "Clear filters"), else keeps what was typed. */
export function useUrlText(fromUrl: string) {
  const [text, setText] = useState(fromUrl);
  const [shown, setShown] = useState(fromUrl);
  if (shown !== fromUrl) {
    setShown(fromUrl);
    setText(fromUrl);
  }
  return [text, setText] as const;
}

export type FilterOption = { value: string; label: string; group?: string };

/** A labelled select whose first choice is "All" (or `all`); options with a group are shown under it. */
export function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
  all = "All",
}: {
  id: string;
  label: string;
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
  all?: string;
}) {
  const groups = [...new Set(options.map((o) => o.group))];
  const optionsOf = (group: string | undefined) =>
    options
      .filter((o) => o.group === group)
      .map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ));
  return (
    <div className="grid min-w-0 gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm">
        <option value="">{all}</option>
        {groups.map((group) =>
          group ? (
            <optgroup key={group} label={group}>
              {optionsOf(group)}
            </optgroup>
          ) : (
            <Fragment key="">{optionsOf(undefined)}</Fragment>
          ),
        )}
      </select>
    </div>
  );
}

export function FilterDate({ id, label, value, onChange, min, max }: { id: string; label: string; value: string; onChange: (value: string) => void; min?: string; max?: string }) {
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} type="date" value={value} min={min} max={max} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm" />
    </div>
  );
}
