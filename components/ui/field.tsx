import type { InputHTMLAttributes, ReactNode, Ref } from "react";
import type { ActionFailure } from "@/app/_lib/action-result";

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  ref?: Ref<HTMLInputElement>;
  name: string;
  label: string;
  hint?: ReactNode;
  result?: ActionFailure;
};

/**
 * A labelled input whose errors and hint are announced with it (aria-describedby), as next-learn does. Every message
 * the field got is shown, so a password that breaks two rules says both at once.
 */
export function Field({ name, label, hint, result, id = name, ...input }: FieldProps) {
  const error = result?.fieldErrors?.[name];
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
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm read-only:bg-slate-50 read-only:text-slate-700 aria-[invalid=true]:border-red-600"
        {...input}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

/** An input's error messages: none, one, or every rule it broke. */
type FieldError = string | string[] | undefined;
const messagesOf = (error: FieldError) => (Array.isArray(error) ? error : error ? [error] : []);

/** The ids an input's aria-describedby names: its errors first, then its hint. */
export function describedByOf(id: string, error?: FieldError, hint?: ReactNode): string | undefined {
  return [messagesOf(error).length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

/** The errors and hint under an input, with the ids describedByOf names; each error on a line of its own. */
export function FieldMessages({ id, error, hint }: { id: string; error?: FieldError; hint?: ReactNode }) {
  const errors = messagesOf(error);
  return (
    <>
      {errors.length > 0 && (
        <p id={`${id}-error`} className="grid text-sm text-red-700">
          {/* The space keeps the sentences apart when a screen reader reads them as one description. */}
          {errors.map((message, i) => (
            <span key={message}>
              {i > 0 && " "}
              {message}
            </span>
          ))}
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
