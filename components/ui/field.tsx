import type { InputHTMLAttributes, ReactNode, Ref } from "react";
import type { ActionFailure } from "@/app/_lib/action-result";

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  ref?: Ref<HTMLInputElement>;
  name: string;
  label: string;
  hint?: ReactNode;
  result?: ActionFailure;
};

/** A labelled input whose error and hint are announced with it (aria-describedby), as next-learn does. */
export function Field({ name, label, hint, result, id = name, ...input }: FieldProps) {
  const error = result?.fieldErrors?.[name]?.[0];
  const describedBy = describedByOf(id, error, hint);
  return (
    <div className="grid content-start gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={input.type === "password" ? undefined : result?.values?.[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm aria-[invalid=true]:border-red-600"
        {...input}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

/** The ids an input's aria-describedby names: its error first, then its hint. */
export function describedByOf(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

/** The error and hint under an input, with the ids describedByOf names. */
export function FieldMessages({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
    </>
  );
}
