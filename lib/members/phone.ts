import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** Numbers typed without a country code are read as this country's (our customers are mostly North American). */
export const DEFAULT_PHONE_COUNTRY: CountryCode = "US";

/**
 * A direct number as typed ("(415) 555-0123", "+44 20 7946 0958") in E.164 ("+14155550123"), or null when it isn't a
 * possible phone number (SPEC §2).
 */
export function normalizeDirectNumber(input: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed?.isValid() ? parsed.number : null;
}

/** E.164 for reading: "+1 415 555 0123". */
export function formatDirectNumber(e164: string | null): string {
  if (!e164) return "";
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
