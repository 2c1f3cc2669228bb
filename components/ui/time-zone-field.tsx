import type { ActionFailure } from "@/app/_lib/action-result";
import { Field } from "./field";

/**
 * A time zone typed to search the IANA names ("Berlin", "New York"), which the browser offers as the person types
 * (a <datalist>: a native control, keyboard and screen-reader ready).
 */
export function TimeZoneField({
  name,
  timeZones,
  ...field
}: {
  name: string;
  label: string;
  hint: string;
  defaultValue: string;
  timeZones: string[];
  result?: ActionFailure;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <>
      <Field name={name} list={`${name}-options`} autoComplete="off" spellCheck={false} {...field} />
      <datalist id={`${name}-options`}>
        {[...new Set(["UTC", ...timeZones])].map((tz) => (
          <option key={tz} value={tz}>
            {tz.replaceAll("_", " ")}
          </option>
        ))}
      </datalist>
    </>
  );
}
