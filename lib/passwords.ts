import { hash, verify } from "@node-rs/argon2";
import { dictionary as commonDictionary, adjacencyGraphs } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * Passwords per SPEC §6 (NIST SP 800-63B-4): a length floor set by the organization, up to 128 characters, Unicode
 * normalized, no composition rules; common passwords and ones built on the login name or email are refused, and the
 * message says which rule was broken.
 */

// argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). `algorithm: 2` is Argon2id; the library's const enum
// can't be used under isolatedModules. The work runs on libuv's threadpool, off the event loop.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MAX_PASSWORD_LENGTH = 128;
export const DEFAULT_MIN_PASSWORD_LENGTH = 15;

/** NFKC, so the same password typed on two keyboards (composed or decomposed accents) hashes the same. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

// Verified when no account matched, so a wrong login name costs the same time as a wrong password (SPEC §6).
let dummyHash: Promise<string> | undefined;
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword("gatehouse timing equalizer");
  await verifyPassword(await dummyHash, password);
}

const estimator = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...englishDictionary },
  graphs: adjacencyGraphs,
  translations,
});
const commonPasswords = new Set((commonDictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

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
  if (result.score < 3) {
    const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
    return `This password is too easy to guess.${why} Try a longer phrase of unrelated words.`;
  }
  return null;
}
