import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { randomUUID } from "node:crypto";
import type { AccountClaims, SessionClaims } from "@/lib/actor";
import { SESSION_LIFETIME_SECONDS } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config";

/**
 * What a new session's cookie says besides who signed in (`sub`): the account's kind, its session version, and a new
 * id for every sign-in, so "Sign out" ends this session only, not the account's other devices.
 */
export const newSessionFields = (claims: AccountClaims) => ({ kind: claims.kind, sv: claims.sessionVersion, sid: randomUUID() });

/**
 * Auth.js settings without the provider (which needs the database and argon2). The cookie carries who signed in,
 * their session version and the session's own id; pages check all three against the database on every request
 * (app/_lib/session.ts), so a bumped version or "Sign out" ends the session at once (SPEC §6).
 *
 * A function, not a value: Auth.js calls it on the first request, so `next build` needs none of the runtime settings.
 */
export function authConfig() {
  const config = getConfig();
  // Auth.js builds its URLs on APP_URL, the one host the app trusts (SPEC §8): no AUTH_URL or AUTH_TRUST_HOST needed.
  process.env.AUTH_URL ??= config.appUrl;
  return {
    secret: config.authSecret,
    trustHost: true,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
    providers: [],
    logger: {
      // A wrong password is not a server error: keep the log for real ones.
      error(error) {
        // instanceof, not error.name: the production build minifies class names (CredentialsSignin logged as "j").
        if (error instanceof CredentialsSignin) return;
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        const claims = (user as { claims?: AccountClaims } | undefined)?.claims;
        return claims ? { ...token, ...newSessionFields(claims) } : token;
      },
      session({ session, token }) {
        const claims = sessionClaimsOf(token);
        if (claims) (session as { claims?: SessionClaims }).claims = claims;
        return session;
      },
    },
  } satisfies NextAuthConfig;
}

/** What a session cookie's token says, or null when it isn't one of ours. */
export function sessionClaimsOf(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token || typeof token.sub !== "string" || (token.kind !== "member" && token.kind !== "support")) return null;
  if (typeof token.sv !== "number" || typeof token.sid !== "string") return null;
  return { kind: token.kind, id: token.sub, sessionVersion: token.sv, sessionId: token.sid };
}
