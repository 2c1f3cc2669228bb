import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { lineOfText } from "@/lib/validation";
import { getDb } from "@/db";
import { authenticate } from "@/lib/auth/authenticate";
import { endSession } from "@/lib/auth/sessions";
import { authConfig } from "./auth.config";
import { clientIpFrom } from "./request";

/** Sign-in was refused by throttling; the code carries the seconds left, for "Try again in N minutes". */
class ThrottledSignIn extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled:${retryAfterSeconds}`;
  }
}

const credentialsInput = z.object({ identifier: lineOfText().min(1).max(320), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig(),
  events: {
    // Every way of signing out (the portal's button, a POST to the Auth.js route) ends the session in the database,
    // so a saved copy of the cookie is refused afterwards on every instance (lib/actor.ts).
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sid : undefined;
      if (typeof sessionId === "string") await endSession(await getDb(), sessionId);
    },
  },
  providers: [
    Credentials({
      credentials: { identifier: { label: "Login name or email" }, password: { label: "Password", type: "password" } },
      // Throttling and verification live in lib/auth/authenticate.ts, so a POST straight to the Auth.js route is
      // throttled exactly like the sign-in form.
      async authorize(raw, request) {
        const input = credentialsInput.safeParse(raw);
        if (!input.success) return null;
        const result = await authenticate({ ...input.data, ip: clientIpFrom((name) => request.headers.get(name)), userAgent: request.headers.get("user-agent") });
        if (result.ok) return { id: result.claims.id, claims: result.claims };
        if (result.reason === "throttled") throw new ThrottledSignIn(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
}));
