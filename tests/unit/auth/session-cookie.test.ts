import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The cookie a welcome link's sign-in writes must be one Auth.js itself reads back as the member's session
// (app/_lib/session.ts), with a session id of its own for "Sign out", under Auth.js's cookie name.
const claims = { kind: "member" as const, id: "6f1c2a57-2b6e-4d63-9a51-2b0f1a4c9e11", sessionVersion: 3 };
const saved = { ...process.env };

async function load(appUrl: string) {
  vi.resetModules();
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret-0123456789";
  process.env.APP_URL = appUrl;
  const { sessionCookie } = await import("@/app/_lib/start-session");
  const { authConfig } = await import("@/app/_lib/auth.config");
  const { decode } = await import("next-auth/jwt");
  return { sessionCookie, authConfig, decode };
}

describe("the session cookie of a welcome link's sign-in", () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => {
    process.env = { ...saved };
  });

  it("is read by Auth.js as the member's session, with its own session id", async () => {
    const { sessionCookie, authConfig, decode } = await load("http://localhost:3000");
    const cookie = await sessionCookie(claims, Date.parse("2026-12-05T12:00:00Z"));
    expect(cookie.name).toBe("authjs.session-token");
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false, expires: new Date("2026-12-06T00:00:00Z") });

    const token = await decode({ token: cookie.value, secret: process.env.AUTH_SECRET!, salt: cookie.name });
    const session = authConfig().callbacks.session({ session: {} as never, token: token! } as never) as { claims?: unknown };
    expect(session.claims).toEqual({ ...claims, sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const again = await decode({ token: (await sessionCookie(claims)).value, secret: process.env.AUTH_SECRET!, salt: cookie.name });
    expect(again!.sid).not.toBe(token!.sid); // every sign-in is a session of its own
  });

  it("is secure, with Auth.js's __Secure- name, when the app is served over https", async () => {
    const { sessionCookie, decode } = await load("https://portal.example.com");
    const cookie = await sessionCookie(claims);
    expect(cookie.name).toBe("__Secure-authjs.session-token");
    expect(cookie.options.secure).toBe(true);
    expect(await decode({ token: cookie.value, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" }).catch(() => null)).toBeNull();
  });
});
