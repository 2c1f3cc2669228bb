import { commonPasswords, estimator, MIN_SCORE } from "./password-estimator";

/**
 * Passwords per SPEC §6 (NIST SP 800-63B-4): a length floor set by the organization, up to 128 characters, Unicode
 * normalized, no composition rules; common passwords and ones built on the login name or email are refused, and the
 * message says which rule was broken. Plain functions with no server dependency: the server enforces them, and the
 * strength meter of the set-password page shows the very same verdict while the member types.
 */

export const MAX_PASSWORD_LENGTH = 128;
export const DEFAULT_MIN_PASSWORD_LENGTH = 15;

/** NFKC, so the same password typed on two keyboards (composed or decomposed accents) hashes the same. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export type PasswordContext = { minLength: number; loginName?: string | null; email?: string | null; names?: string[] };

/** The first rule the password breaks, as a sentence for the field; null when it is acceptable. */
export function passwordProblem(raw: string, context: PasswordContext): string | null {
  const password = normalizePassword(raw);
  const length = [...password].length;
  if (length < context.minLength) return `Use at least ${context.minLength} characters (you have ${length}).`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return "This password is on a list of common passwords. Choose another.";
  const loginName = context.loginName?.toLowerCase();
  if (loginName && lower.includes(loginName)) return "Don't use your login name in your password.";
  const email = context.email?.toLowerCase();
  const localPart = email?.split("@")[0];
  if (email && (lower.includes(email) || (localPart && localPart.length >= 3 && lower.includes(localPart)))) {
    return "Don't use your email address in your password.";
  }
  const result = estimator.check(password, [loginName, email, ...(context.names ?? [])].filter((v): v is string => !!v));
  if (result.score < MIN_SCORE) {
    const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
    return `This password is too easy to guess.${why} Try a longer phrase of unrelated words.`;
  }
  return null;
}

/** What the strength meter shows while typing: zxcvbn's 0–4 score and the rule the password still breaks, if any. */
export function passwordStrength(raw: string, context: PasswordContext): { score: 0 | 1 | 2 | 3 | 4; problem: string | null } {
  const password = normalizePassword(raw);
  if (!password) return { score: 0, problem: null };
  const names = [context.loginName, context.email, ...(context.names ?? [])].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  return { score: estimator.check(password, names).score, problem: passwordProblem(raw, context) };
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
