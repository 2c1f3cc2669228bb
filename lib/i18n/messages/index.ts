import { en, type EmailMessages, type Messages } from "./en";
import { es } from "./es";

export type { EmailMessages, Messages };

// A Map, not an object literal: a language like "constructor" must not find Object.prototype's.
const CATALOGUES = new Map<string, Messages>([
  ["en", en],
  ["es", es],
]);

/** The languages the emails are written in, as each language names itself: what an organization may choose as its default. */
export const EMAIL_LANGUAGES = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
] as const satisfies readonly { code: string; name: string }[];
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number]["code"];

/** The catalogue for a BCP 47 language: its primary subtag picks one ("es-MX" → Spanish), anything else gets English. */
export function messagesFor(language: string): Messages {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return CATALOGUES.get(primary) ?? en;
}

/** "5 minutes": how long a pause lasts, in a catalogue's words, rounded up to whole minutes. */
export const pauseWords = (t: Messages, seconds: number) => t.minutes(Math.max(1, Math.ceil(seconds / 60)));
