import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { SessionClaims } from "@/lib/actor";
import { getConfig } from "@/lib/config";

/**
 * Auth.js settings without the provider (which needs the database and argon2). The cookie carries who signed in and
 * their session version; pages check both against the database on every request (app/_lib/session.ts), so a bumped
 * version ends the session at once (SPEC §6).
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
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
        const claims = (user as { claims?: SessionClaims } | undefined)?.claims;
        if (claims) {
          token.kind = claims.kind;
          token.sv = claims.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub && (token.kind === "member" || token.kind === "support") && typeof token.sv === "number") {
          (session as { claims?: SessionClaims }).claims = { kind: token.kind, id: token.sub, sessionVersion: token.sv };
        }
        return session;
      },
    },
  } satisfies NextAuthConfig;
}
