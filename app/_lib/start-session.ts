import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import type { AccountClaims, SessionClaims } from "@/lib/actor";
import { SESSION_LIFETIME_SECONDS } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config";
import { newSessionFields, sessionClaimsOf } from "./auth.config";

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

/** Auth.js's cookie name: secure cookies, with the __Secure- prefix, when the app's URL is https. */
function sessionCookieName() {
  const secure = new URL(getConfig().appUrl).protocol === "https:";
  return { name: `${secure ? "__Secure-" : ""}authjs.session-token`, secure };
}

export async function sessionCookie(claims: AccountClaims, now = Date.now()) {
  const config = getConfig();
  const { name, secure } = sessionCookieName();
  const value = await encode({ token: { sub: claims.id, ...newSessionFields(claims) }, secret: config.authSecret, salt: name, maxAge: SESSION_LIFETIME_SECONDS });
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure, expires: new Date(now + SESSION_LIFETIME_SECONDS * 1000) };
  return { name, value, options };
}

/**
 * The session this request carries, read from the cookie store as Auth.js writes and reads it. Read there rather than
 * through Auth.js's auth(), which reads the request's Cookie header: after a server action has started a new session
 * (a password change ends the others, this one goes on), the page drawn in the same response sees the new cookie.
 */
export async function currentSessionClaims(): Promise<SessionClaims | null> {
  const { name } = sessionCookieName();
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  try {
    return sessionClaimsOf(await decode({ token, secret: getConfig().authSecret, salt: name }));
  } catch {
    return null; // not a cookie we wrote, or one written with another secret
  }
}
