import Negotiator from "negotiator";
import { EMAIL_LANGUAGES, messagesFor, pauseWords, type Messages } from "./messages";

const CODES = EMAIL_LANGUAGES.map((l) => l.code);

/** A language the catalogue has ("es-MX" counts as "es"), or null. */
export function catalogueLanguage(language: string | null | undefined): string | null {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && (CODES as string[]).includes(primary) ? primary : null;
}

/** The language a member reads (SPEC §4.9): their own choice, else their organization's default, else English. */
export function memberLanguage(member: { language: string | null }, organization: { defaultLanguage: string } | null): string {
  return catalogueLanguage(member.language) ?? catalogueLanguage(organization?.defaultLanguage) ?? "en";
}

/** The time zone a member reads dates in: their own, else their organization's. */
export function memberTimeZone(member: { timeZone: string | null }, organization: { defaultTimeZone: string } | null): string {
  return member.timeZone || organization?.defaultTimeZone || "UTC";
}

/**
 * The language of a page that is about no one in particular ("Forgot your password?", the help page): the browser's
 * Accept-Language among the catalogue's, else the fallback (the organization's default when the page knows it). A
 * header that states no preference ("*", or none) is no reason to prefer English over the organization's language.
 */
export function requestLanguage(acceptLanguage: string | null | undefined, fallback: string | null = null): string {
  const header = acceptLanguage?.trim();
  const chosen = header && header !== "*" ? new Negotiator({ headers: { "accept-language": header } }).language([...CODES]) : undefined;
  return (chosen && chosen !== "*" && catalogueLanguage(chosen)) || catalogueLanguage(fallback) || "en";
}

export { messagesFor, pauseWords, type Messages };
export { en } from "./messages/en";
