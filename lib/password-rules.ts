import { dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { en, type Messages } from "./i18n/messages/en";

type PasswordRuleWords = Messages["password"]["rules"];
type PinRuleWords = Messages["pin"]["rules"];

/**
 * Passwords per SPEC §6 (NIST SP 800-63B-4): a length floor set by the organization, up to 128 characters, Unicode
 * normalized, no composition rules; common passwords and ones built on the login name or email are refused, and the
 * message says which rule was broken. Plain functions with no server dependency: the server enforces them, and the
 * strength meter of the set-password page shows the very same verdict while the member types, beside zxcvbn's
 * estimate of how guessable the password is (lib/password-estimator.ts).
 */

/** The bundled list of common and breached passwords (about 49,000, from zxcvbn's data), lower-cased. */
const commonPasswords = new Set((commonDictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export const MAX_PASSWORD_LENGTH = 128;
export const DEFAULT_MIN_PASSWORD_LENGTH = 15;

/** NFKC, so the same password typed on two keyboards (composed or decomposed accents) hashes the same. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export type PasswordContext = { minLength: number; loginName?: string | null; email?: string | null; names?: string[] };

/** A rule a password breaks, with what its sentence needs; the catalogue words it (`password.rules` of lib/i18n). */
export type PasswordProblem =
  | { rule: "tooShort"; min: number; length: number }
  | { rule: "tooLong"; max: number }
  | { rule: "common" | "commonWithExtras" | "loginName" | "email" | "ownName" | "fewCharacters" | "sequence" };

/**
 * Every rule the password breaks, in the order a person would fix them; empty when it is acceptable (the form shows
 * them all at once, not one per submit). Every rule here is a set lookup or a string scan, microseconds: the server
 * applies them to every submission (SPEC §7: 50 at once), so there is no guess estimator in them, which takes
 * 10–100 ms of the event loop per password (a l33t-speak password the most). NIST SP 800-63B-4 asks for the
 * blocklist, not for an estimate; the strength meter shows zxcvbn's estimate while the member types
 * (lib/password-estimator.ts), where the time is the member's own.
 */
export function passwordProblems(raw: string, context: PasswordContext): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const password = normalizePassword(raw);
  const length = [...password].length;
  if (length < context.minLength) problems.push({ rule: "tooShort", min: context.minLength, length });
  if (length > MAX_PASSWORD_LENGTH) return [{ rule: "tooLong", max: MAX_PASSWORD_LENGTH }];
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  // "Password1234!", "dr@gon2024": a common password with digits or symbols around it, or in l33t speak.
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (commonPasswords.has(lower) || commonPasswords.has(compact)) problems.push({ rule: "common" });
  else if (core.length >= 4 && (commonPasswords.has(core) || commonPasswords.has(unleet(core)))) problems.push({ rule: "commonWithExtras" });
  const loginName = context.loginName?.toLowerCase();
  if (loginName && lower.includes(loginName)) problems.push({ rule: "loginName" });
  const email = context.email?.toLowerCase();
  const localPart = email?.split("@")[0];
  if (email && (lower.includes(email) || (localPart && localPart.length >= 3 && lower.includes(localPart)))) problems.push({ rule: "email" });
  const names = (context.names ?? []).map((n) => n.toLowerCase().replace(/\s+/g, "")).filter((n) => n.length >= 3);
  const letters = core.replace(/[^\p{L}]/gu, "");
  if (names.length && (names.includes(letters) || letters === names.join("") || names.includes(unleet(core)))) problems.push({ rule: "ownName" });
  if (new Set(compact).size < 4) problems.push({ rule: "fewCharacters" });
  else if (isSequence(compact)) problems.push({ rule: "sequence" });
  return problems;
}

/** The sentence of a broken rule, in the words of a catalogue (English unless given). */
export function describePasswordProblem(problem: PasswordProblem, words: PasswordRuleWords = en.password.rules): string {
  switch (problem.rule) {
    case "tooShort":
      return words.tooShort(problem.min, problem.length);
    case "tooLong":
      return words.tooLong(problem.max);
    default:
      return words[problem.rule];
  }
}

/** The first rule the password breaks, as a sentence for the field (English unless given); null when it is acceptable. */
export function passwordProblem(raw: string, context: PasswordContext, words?: PasswordRuleWords): string | null {
  const [first] = passwordProblems(raw, context);
  return first ? describePasswordProblem(first, words) : null;
}

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };
const unleet = (text: string) => text.replace(/[013457@$!]/g, (c) => LEET[c]!);

// Alphabet, digits and keyboard rows: a password that is a stretch of one of them (forwards or backwards, going round
// as often as it likes) is a sequence, however long.
const SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm", "azertyuiopqsdfghjklmwxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"];
function isSequence(text: string): boolean {
  return SEQUENCES.some((sequence) => {
    const around = sequence.repeat(Math.ceil(text.length / sequence.length) + 1);
    return around.includes(text) || [...around].reverse().join("").includes(text);
  });
}

/** The rules a voicemail PIN breaks (`pin.rules` of the catalogue words them); empty when it is acceptable. */
export type PinRule = Exclude<keyof PinRuleWords, "required">;

export function pinProblems(pin: string, { extension }: { extension?: string | null } = {}): PinRule[] {
  if (!/^\d{4,8}$/.test(pin)) return ["digits"];
  const problems: PinRule[] = [];
  if (/^(\d)\1+$/.test(pin)) problems.push("repeated");
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) problems.push("run");
  if (extension && pin === extension) problems.push("extension");
  return problems;
}

/** The first rule a voicemail PIN breaks, as a sentence for the field (English unless given); null when it is acceptable. */
export function pinProblem(pin: string, context: { extension?: string | null } = {}, words: PinRuleWords = en.pin.rules): string | null {
  const [first] = pinProblems(pin, context);
  return first ? words[first] : null;
}
