import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import type { AccountClaims } from "@/lib/actor";
import { SESSION_LIFETIME_SECONDS } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config";
import { newSessionFields } from "./auth.config";

/**
 * Signs a member in right after a welcome link set their password (SPEC §4.7), without checking the password a second
 * time (SPEC §7: one hash per submission). It writes the session cookie Auth.js writes after a sign-in (Auth.js's own
 * `encode`, its cookie name and attributes, the fields of the jwt callback) without a round through Auth.js's request
 * handling, which fifty employees submitting at once would wait for on the server's one thread. Auth.js reads the
 * cookie back like any other (app/_lib/session.ts), and "Sign out" ends it like any other.
 */
export async function startSession(claims: AccountClaims): Promise<void> {
  const { name, value, options } = await sessionCookie(claims);
  (await cookies()).set(name, value, options);
}

export async function sessionCookie(claims: AccountClaims, now = Date.now()) {
  const config = getConfig();
  // Auth.js's rule: secure cookies, with the __Secure- prefix, when the app's URL is https.
  const secure = new URL(config.appUrl).protocol === "https:";
  const name = `${secure ? "__Secure-" : ""}authjs.session-token`;
  const value = await encode({ token: { sub: claims.id, ...newSessionFields(claims) }, secret: config.authSecret, salt: name, maxAge: SESSION_LIFETIME_SECONDS });
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure, expires: new Date(now + SESSION_LIFETIME_SECONDS * 1000) };
  return { name, value, options };
}
