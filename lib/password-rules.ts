import { dictionary as commonDictionary } from "@zxcvbn-ts/language-common";

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

/**
 * The first rule the password breaks, as a sentence for the field; null when it is acceptable. Every rule here is a
 * set lookup or a string scan, microseconds: the server applies them to every submission (SPEC §7: 50 at once), so
 * there is no guess estimator in them, which takes 10–100 ms of the event loop per password (a l33t-speak password
 * the most). NIST SP 800-63B-4 asks for the blocklist, not for an estimate; the strength meter shows zxcvbn's
 * estimate while the member types (lib/password-estimator.ts), where the time is the member's own.
 */
export function passwordProblem(raw: string, context: PasswordContext): string | null {
  const password = normalizePassword(raw);
  const length = [...password].length;
  if (length < context.minLength) return `Use at least ${context.minLength} characters (you have ${length}).`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  if (commonPasswords.has(lower) || commonPasswords.has(compact)) return "This password is on a list of common passwords. Choose another.";
  // "Password1234!", "dr@gon2024": a common password with digits or symbols around it, or in l33t speak.
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (core.length >= 4 && (commonPasswords.has(core) || commonPasswords.has(unleet(core)))) {
    return "This password is a common password with a few characters added. Choose another.";
  }
  const loginName = context.loginName?.toLowerCase();
  if (loginName && lower.includes(loginName)) return "Don't use your login name in your password.";
  const email = context.email?.toLowerCase();
  const localPart = email?.split("@")[0];
  if (email && (lower.includes(email) || (localPart && localPart.length >= 3 && lower.includes(localPart)))) {
    return "Don't use your email address in your password.";
  }
  const names = (context.names ?? []).map((n) => n.toLowerCase().replace(/\s+/g, "")).filter((n) => n.length >= 3);
  const letters = core.replace(/[^\p{L}]/gu, "");
  if (names.length && (names.includes(letters) || letters === names.join("") || names.includes(unleet(core)))) {
    return "Don't use your own name or your organization's as your password.";
  }
  if (new Set(compact).size < 4) return "This password repeats just a few characters. Use a phrase of several different words.";
  if (isSequence(compact)) return "Don't use a sequence like abcd, 1234 or a row of your keyboard. Use a phrase of several different words.";
  return null;
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

/** The first rule a voicemail PIN breaks, as a sentence for the field; null when it is acceptable. */
export function pinProblem(pin: string, { extension }: { extension?: string | null } = {}): string | null {
  if (!/^\d{4,8}$/.test(pin)) return "Use 4 to 8 digits.";
  if (/^(\d)\1+$/.test(pin)) return "Don't repeat one digit: choose a PIN that is harder to guess.";
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return "Don't use a run of digits like 1234: choose a PIN that is harder to guess.";
  if (extension && pin === extension) return "Don't use your extension as your PIN.";
  return null;
}
