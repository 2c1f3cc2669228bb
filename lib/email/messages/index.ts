import { en, type EmailMessages } from "./en";
import { es } from "./es";

export type { EmailMessages };

// A Map, not an object literal: a language like "constructor" must not find Object.prototype's.
const CATALOGUES = new Map<string, EmailMessages>([
  ["en", en],
  ["es", es],
]);

/** The catalogue for a BCP 47 language: its primary subtag picks one ("es-MX" → Spanish), anything else gets English. */
export function messagesFor(language: string): EmailMessages {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return CATALOGUES.get(primary) ?? en;
}
