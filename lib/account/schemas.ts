import { z } from "zod";
import { EMAIL_LANGUAGES } from "../i18n/messages";
import type { Messages } from "../i18n/messages";
import { blankToUndefined, emailAddress, lineOfText, timeZoneIn } from "../validation";

const LANGUAGE_CODES = EMAIL_LANGUAGES.map((l) => l.code) as [string, ...string[]];

/**
 * The forms of My Account (SPEC §4.9), with their messages in the member's language: every refusal is read by the
 * member themselves, so each schema is built from their catalogue.
 */
export function accountInputs(t: Messages) {
  const words = t.forms;
  const name = (required: string) => lineOfText(required, words).min(1, required).max(100, words.tooLong(100));
  // "" is "as my organization has it": the member keeps no language or time zone of their own.
  const orDefault = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
  const secret = z.string().max(1024, t.password.rules.tooLong(128));
  return {
    profile: z.object({
      firstName: name(t.account.profile.firstNameRequired),
      lastName: name(t.account.profile.lastNameRequired),
      language: orDefault(z.enum(LANGUAGE_CODES, t.account.profile.languageUnknown)),
      timeZone: orDefault(timeZoneIn(t.account.profile.timeZoneUnknown)),
      listedInDirectory: z.preprocess((v) => v === "on", z.boolean()),
    }),
    email: z.object({ email: emailAddress(undefined, words) }),
    address: z.object({ addressId: z.uuid(t.account.additional.gone) }),
    /** Acts with nothing to fill in (Resend, Cancel, Sign out everywhere else). */
    none: z.object({}),
    password: z.object({ currentPassword: secret, password: secret, confirmPassword: secret }),
    pin: z.object({ password: secret, voicemailPin: z.string().trim().max(20, t.pin.rules.digits) }),
  };
}

export type AccountInputs = ReturnType<typeof accountInputs>;
export type ProfileInput = z.infer<AccountInputs["profile"]>;
export type PasswordChangeInput = z.infer<AccountInputs["password"]>;
export type PinChangeInput = z.infer<AccountInputs["pin"]>;
