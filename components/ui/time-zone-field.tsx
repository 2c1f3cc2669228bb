import { describedByOf, FieldMessages } from "./field";

/**
 * A time zone typed to search the IANA names ("Berlin", "New York"), which the browser offers as the person types
 * (a <datalist>: a native control, keyboard and screen-reader ready).
 */
export function TimeZoneField({
  id,
  label,
  hint,
  defaultValue,
  timeZones,
  error,
  required = false,
  placeholder,
}: {
  id: string;
  label: string;
  hint: string;
  defaultValue: string;
  timeZones: string[];
  error?: string | string[];
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <div className="grid content-start gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={id}
        list={`${id}-options`}
        required={required}
        autoComplete="off"
        spellCheck={false}
        defaultValue={defaultValue}
        placeholder={placeholder}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedByOf(id, error, hint)}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm aria-[invalid=true]:border-red-600"
      />
      <datalist id={`${id}-options`}>
        {[...new Set(["UTC", ...timeZones])].map((tz) => (
          <option key={tz} value={tz}>
            {tz.replaceAll("_", " ")}
          </option>
        ))}
      </datalist>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
