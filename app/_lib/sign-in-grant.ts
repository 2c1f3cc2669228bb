import { createHmac, timingSafeEqual } from "node:crypto";
import type { AccountClaims } from "@/lib/actor";
import { getConfig } from "@/lib/config";

/**
 * A one-minute, server-made pass that signs a member in right after they set their password with a welcome link
 * (SPEC §4.7), without hashing the password a second time to check it (SPEC §7: one hash per submission). It is
 * HMAC-signed with AUTH_SECRET and never leaves the server: the set-password action makes it and hands it straight to
 * Auth.js.
 */
const LIFETIME_MS = 60_000;

const sign = (payload: string) => createHmac("sha256", `sign-in-grant:${getConfig().authSecret}`).update(payload).digest("base64url");

export function createSignInGrant(claims: AccountClaims, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, exp: now + LIFETIME_MS })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function verifySignInGrant(grant: unknown, now = Date.now()): AccountClaims | null {
  if (typeof grant !== "string") return null;
  const [payload, signature] = grant.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as AccountClaims & { exp: number };
    if (claims.kind !== "member" || typeof claims.id !== "string" || typeof claims.sessionVersion !== "number" || claims.exp < now) return null;
    return { kind: claims.kind, id: claims.id, sessionVersion: claims.sessionVersion };
  } catch {
    return null;
  }
}
