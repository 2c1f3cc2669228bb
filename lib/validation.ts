import { z } from "zod";

/** Shared zod pieces. FormData sends "" for an empty input: treat it as "not given". */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const emailAddress = (required = "Enter an email address") =>
  z.preprocess(
    blankToUndefined,
    z
      .email({ error: (issue) => (issue.input === undefined ? required : "Enter an email address like name@example.com") })
      .max(254, "Use at most 254 characters")
      .transform((e) => e.toLowerCase()),
  );

export const personName = (label: string) =>
  z.string(`Enter a ${label}`).trim().min(1, `Enter a ${label}`).max(100, `Use at most 100 characters for the ${label}`);

/** An IANA time zone this runtime knows, e.g. "Europe/Berlin". */
export const timeZone = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Choose a time zone from the list");
