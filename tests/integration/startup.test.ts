import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * What the server prints when it starts (instrumentation-node.ts, as `next start` runs it): with the outbox in
 * production one warning line, since no email leaves the machine and every link sits in the mailbox instead.
 */

const OUTBOX_WARNING = "Gatehouse: MAIL_TRANSPORT=outbox: emails are not sent; they are kept in /dev/mailbox (owner and support accounts only)";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("starting the server (instrumentation-node.ts)", () => {
  it.each([
    ["in production with the outbox transport, warns once", { NODE_ENV: "production", MAIL_TRANSPORT: "outbox" }, [OUTBOX_WARNING]],
    ["in production with the resend transport, warns of nothing", { NODE_ENV: "production", MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test" }, []],
    ["in development with the outbox transport, warns of nothing", { NODE_ENV: "development", MAIL_TRANSPORT: "outbox" }, []],
  ])("%s", async (_, env, expected) => {
    vi.stubEnv("AUTH_SECRET", "startup-test-secret-0123456789abcdefghij");
    vi.stubEnv("EMAIL_DISPATCHER", "off");
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.resetModules(); // a fresh getConfig() for this environment, and the module's top level run again
    await import("@/instrumentation-node");
    expect(warn.mock.calls).toEqual(expected.map((line) => [line]));
  });
});
