import { hash, verify } from "@node-rs/argon2";
import { normalizePassword } from "./password-rules";

export * from "./password-rules";

/** Hashing of passwords and PINs (SPEC §6); the rules they must meet are in lib/password-rules.ts. */

// argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). `algorithm: 2` is Argon2id; the library's const enum
// can't be used under isolatedModules. The work runs on libuv's threadpool, off the event loop.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

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

// A voicemail PIN is 4–8 digits: far too few possibilities for a slow hash to protect it, so it gets argon2id at a
// fraction of a password's cost (the phone system throttles PIN attempts instead), and the set-password page does
// one full hash per submission, not two (SPEC §7).
const PIN_ARGON2 = { algorithm: 2, memoryCost: 2048, timeCost: 1, parallelism: 1 } as const;

export function hashPin(pin: string): Promise<string> {
  return hash(pin, PIN_ARGON2);
}

