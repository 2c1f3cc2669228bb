import { dictionary as commonDictionary, adjacencyGraphs } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { normalizePassword, passwordProblem, type PasswordContext } from "./password-rules";

/**
 * The strength meter's estimator (zxcvbn-ts with its common-password and English dictionaries), loaded in the browser
 * on the first keystroke of a password field. It runs where the member types, never in the server's request path
 * (lib/password-rules.ts says why).
 */
const estimator = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...englishDictionary },
  graphs: adjacencyGraphs,
  translations,
  // The first 24 characters are estimated: a long passphrase costs a keystroke a few milliseconds, not tens.
  maxLength: 24,
});

export type Strength = { score: 0 | 1 | 2 | 3 | 4; problem: string | null };

/** zxcvbn's 0–4 score, and the first rule of lib/password-rules.ts the password still breaks (what the form would say), in the reader's words. */
export function passwordStrength(raw: string, context: PasswordContext, words?: Parameters<typeof passwordProblem>[2]): Strength {
  const password = normalizePassword(raw);
  if (!password) return { score: 0, problem: null };
  const names = [context.loginName, context.email, ...(context.names ?? [])].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  return { score: estimator.check(password, names).score, problem: passwordProblem(raw, context, words) };
}
