import type { Messages } from "./messages";

const DATE_AND_TIME: Intl.DateTimeFormatOptions = {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/**
 * A moment as the member reads it: in their time zone, with the zone's name so nobody has to guess, and in their own
 * variant of the email's language ("en-GB" writes 14:00 where "en" writes 2:00 PM).
 */
export function formatMemberDateTime(date: Date, { language, timeZone, messages }: { language: string; timeZone: string; messages: Messages }): string {
  return new Intl.DateTimeFormat(dateLocale(language, messages), { ...DATE_AND_TIME, timeZone: knownTimeZone(timeZone) }).format(date);
}

// The member's own tag only when the email is written in its language: "es-MX" for a Spanish email, but neither "fr"
// for the English fallback (English words around a French date) nor a malformed tag (Intl would throw).
function dateLocale(language: string, messages: Messages): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(language);
    if (canonical && new Intl.Locale(canonical).language === messages.language) return canonical;
  } catch {
    // not a BCP 47 tag
  }
  return messages.language;
}

// A zone this runtime doesn't know would throw and hold back the email (and the token written with it); UTC, named
// in the text, still states the right moment.
function knownTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}
