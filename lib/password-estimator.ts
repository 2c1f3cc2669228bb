import { dictionary as commonDictionary, adjacencyGraphs } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * The password strength estimator (zxcvbn-ts with its common-password and English dictionaries), the same in the
 * server's rules (lib/passwords.ts) and in the strength meter people see while typing, which loads it on demand.
 */
export const estimator = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...englishDictionary },
  graphs: adjacencyGraphs,
  translations,
});

/** The bundled list of common and breached passwords (about 49,000), lower-cased. */
export const commonPasswords = new Set((commonDictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

/** zxcvbn's score from which a password is accepted (0–4: "too guessable" to "very unguessable"). */
export const MIN_SCORE = 3;
