import type { ReactNode, SelectHTMLAttributes } from "react";
import type { ActionFailure } from "@/app/_lib/action-result";
import { describedByOf, FieldMessages } from "./field";

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  hint?: ReactNode;
  result?: ActionFailure;
};

/** A labelled <select> whose error and hint are announced with it, like Field. */
export function SelectField({ name, label, options, hint, result, id = name, defaultValue, ...select }: SelectFieldProps) {
  const error = result?.fieldErrors?.[name]?.[0];
  const describedBy = describedByOf(id, error, hint);
  return (
    <div className="grid content-start gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={result?.values?.[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm aria-[invalid=true]:border-red-600"
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
