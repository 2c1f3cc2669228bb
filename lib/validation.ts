import { z } from "zod";

/** Shared zod pieces. FormData sends "" for an empty input: treat it as "not given". */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The sentences of these checks; pages a member reads pass their own language's (lib/i18n `forms`). */
export type ValidationWords = {
  emailRequired: string;
  emailInvalid: string;
  tooLong: (max: number) => string;
  controlCharacters: string;
  directionCharacters: string;
};
const ENGLISH: ValidationWords = {
  emailRequired: "Enter an email address",
  emailInvalid: "Enter an email address like name@example.com",
  tooLong: (max) => `Use at most ${max} characters`,
  controlCharacters: "Remove the hidden control characters (such as a tab or a line break)",
  directionCharacters: "Remove the hidden characters that change the direction of the text",
};

export const emailAddress = (required?: string, words: ValidationWords = ENGLISH) =>
  z.preprocess(
    blankToUndefined,
    z
      .email({ error: (issue) => (issue.input === undefined ? (required ?? words.emailRequired) : words.emailInvalid) })
      .max(254, words.tooLong(254))
      .transform((e) => e.toLowerCase()),
  );

// C0 and C1 control characters (NUL, tab, line breaks, escape…): nothing typed on one line holds them, and PostgreSQL
// refuses a NUL outright. Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a displayed name read
// differently from what it is ("Dana" shown for "anaD").
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
const DIRECTION_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/;
export const CONTROL_CHARACTERS_MESSAGE = ENGLISH.controlCharacters;
export const DIRECTION_OVERRIDES_MESSAGE = ENGLISH.directionCharacters;

/** Why a line of text can't be kept as typed, or null: the one check behind every text input and import cell. */
export function hiddenCharactersProblem(text: string, words: Pick<ValidationWords, "controlCharacters" | "directionCharacters"> = ENGLISH): string | null {
  if (CONTROL_CHARACTERS.test(text)) return words.controlCharacters;
  if (DIRECTION_OVERRIDES.test(text)) return words.directionCharacters;
  return null;
}

/** One line of text as a person types it: trimmed, and refused with a message when it holds hidden characters. */
export const lineOfText = (required?: string, words: ValidationWords = ENGLISH) =>
  z
    .string(required)
    .trim()
    .superRefine((text, ctx) => {
      const problem = hiddenCharactersProblem(text, words);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const personName = (label: string) =>
  lineOfText(`Enter a ${label}`).min(1, `Enter a ${label}`).max(100, `Use at most 100 characters for the ${label}`);

/**
 * An IANA time zone this runtime knows, e.g. "Europe/Berlin", kept as the runtime spells it ("europe/berlin" typed
 * is "Europe/Berlin" stored).
 */
export const timeZoneIn = (unknown: string) =>
  z.string().transform((typed, ctx) => {
    try {
      return new Intl.DateTimeFormat("en", { timeZone: typed.trim() }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: "custom", message: unknown });
      return z.NEVER;
    }
  });
export const timeZone = timeZoneIn("Choose a time zone from the list");
