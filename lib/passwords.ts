import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";
import { getConfig } from "./config";
import { normalizePassword } from "./password-rules";

export * from "./password-rules";

/** Hashing of passwords and PINs (SPEC §6); the rules they must meet are in lib/password-rules.ts. */

// argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). `algorithm: 2` is Argon2id; the library's const enum
// can't be used under isolatedModules. The work runs on libuv's threadpool, off the event loop.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// At most one argon2 job per core on the threadpool (SPEC §7). libuv's queue is first in, first out: with fifty hashes
// queued there, the few milliseconds of other threadpool work a request needs once its own hash is done (Auth.js's
// HKDF, AES and HMAC for the session cookie, file reads) would wait for all fifty. Held back here instead, the hashes
// still keep every core busy, and that work waits for one hash at most.
const inHashSlot = pLimit(Math.max(1, Math.min(os.availableParallelism(), Number(process.env.UV_THREADPOOL_SIZE) || 4)));

export function hashPassword(password: string): Promise<string> {
  return inHashSlot(() => hash(normalizePassword(password), ARGON2));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inHashSlot(() => verify(passwordHash, normalizePassword(password)));
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

// A voicemail PIN is 4–8 digits: at most 10^8 candidates, which no slow hash protects once its hash is read (the phone
// system throttles PIN attempts instead). What protects a stored PIN is a key the database doesn't hold: an HMAC-SHA256
// keyed from AUTH_SECRET, salted per PIN so equal PINs don't look equal. Microseconds on the event loop, so a
// set-password submission does one slow hash, the password's, and nothing else on the threadpool (SPEC §7).
// Rotating AUTH_SECRET makes the stored PINs unverifiable: members would choose a new one.
const PIN_SCHEME = "$hmac-sha256$";
let pinKey: { secret: string; key: Buffer } | undefined;

function pinMac(salt: Buffer, pin: string): Buffer {
  const { authSecret } = getConfig();
  if (pinKey?.secret !== authSecret) {
    pinKey = { secret: authSecret, key: Buffer.from(hkdfSync("sha256", authSecret, "gatehouse", "voicemail PIN", 32)) };
  }
  return createHmac("sha256", pinKey.key).update(salt).update(pin).digest();
}

/** `$hmac-sha256$<salt>$<mac>`, both base64url. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `${PIN_SCHEME}${salt.toString("base64url")}$${pinMac(salt, pin).toString("base64url")}`;
}

/** Checks a PIN against what hashPin stored, or against an argon2id hash from before (they stay valid). */
export async function verifyPin(pinHash: string, pin: string): Promise<boolean> {
  if (!pinHash.startsWith(PIN_SCHEME)) {
    try {
      return await inHashSlot(() => verify(pinHash, pin));
    } catch {
      return false;
    }
  }
  const [salt, mac] = pinHash.slice(PIN_SCHEME.length).split("$");
  if (!salt || !mac) return false;
  const expected = pinMac(Buffer.from(salt, "base64url"), pin);
  const given = Buffer.from(mac, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
