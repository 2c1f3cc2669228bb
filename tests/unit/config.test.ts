import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const devSecret = () => "generated-development-secret-kept-in-data";
const parse = (env: Record<string, string | undefined>) => parseConfig(env, { devSecret });
const problemsOf = (env: Record<string, string | undefined>) => {
  try {
    parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("configuration (SPEC §8)", () => {
  it("runs with nothing set in development: PGlite, the outbox, localhost, a generated secret", () => {
    expect(parse({})).toEqual({
      production: false,
      databaseUrl: undefined,
      pgliteDataDir: ".data/pglite",
      authSecret: "generated-development-secret-kept-in-data",
      appUrl: "http://localhost:3000",
      mailTransport: "outbox",
      resendApiKey: undefined,
      resendBaseUrl: undefined,
      resendWebhookSecret: undefined,
      emailFrom: "Gatehouse <onboarding@localhost>",
      emailRateLimit: 2,
      trustedProxyHops: 0,
      auditRetentionDays: 400,
    });
  });

  it("chooses resend when an API key is set, and keeps explicit settings", () => {
    const config = parse({ RESEND_API_KEY: "re_123", APP_URL: "https://portal.example.com/", EMAIL_RATE_LIMIT: "10", DATABASE_URL: "postgres://u@h/db" });
    expect(config).toMatchObject({ mailTransport: "resend", appUrl: "https://portal.example.com", emailRateLimit: 10, databaseUrl: "postgres://u@h/db" });
  });

  it("refuses to start in production without a secret or a chosen transport, one line per problem", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      "AUTH_SECRET is required in production (openssl rand -base64 32)",
      "MAIL_TRANSPORT is required in production: outbox or resend",
    ]);
  });

  it("names every malformed setting on its own line", () => {
    const problems = problemsOf({ APP_URL: "portal.example.com", DATABASE_URL: "mysql://x", EMAIL_RATE_LIMIT: "fast", MAIL_TRANSPORT: "smtp", RESEND_WEBHOOK_SECRET: "abc", AUTH_SECRET: "short" });
    expect(problems).toHaveLength(6);
    expect(problems).toContain("APP_URL must be an absolute http(s) URL, e.g. https://portal.example.com");
    expect(problems).toContain("DATABASE_URL must be a postgres:// connection string");
    expect(problems).toContain("MAIL_TRANSPORT must be outbox or resend");
    expect(problems).toContain("RESEND_WEBHOOK_SECRET must start with whsec_");
  });

  it("trusts as many proxies as TRUSTED_PROXY_HOPS says, a whole number from 0 to 10", () => {
    expect(parse({ TRUSTED_PROXY_HOPS: "2" })).toMatchObject({ trustedProxyHops: 2 });
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "one" })).toEqual(["TRUSTED_PROXY_HOPS must be a whole number"]);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "1.5" })).toEqual(["TRUSTED_PROXY_HOPS must be a whole number"]);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "-1" })).toEqual(["TRUSTED_PROXY_HOPS must be 0 or more"]);
  });

  it("keeps audit events AUDIT_RETENTION_DAYS, a whole number of days, 400 unless told", () => {
    expect(parse({ AUDIT_RETENTION_DAYS: "90" })).toMatchObject({ auditRetentionDays: 90 });
    expect(problemsOf({ AUDIT_RETENTION_DAYS: "a year" })).toEqual(["AUDIT_RETENTION_DAYS must be a whole number of days"]);
    expect(problemsOf({ AUDIT_RETENTION_DAYS: "0" })).toEqual(["AUDIT_RETENTION_DAYS must be at least 1"]);
  });

  it("requires a Resend key when the resend transport is chosen", () => {
    expect(problemsOf({ MAIL_TRANSPORT: "resend" })).toEqual(["RESEND_API_KEY is required when MAIL_TRANSPORT is resend"]);
  });

  it("starts in production with only the SPEC §8 variables", () => {
    const config = parse({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), MAIL_TRANSPORT: "outbox", APP_URL: "https://portal.example.com" });
    expect(config).toMatchObject({ production: true, mailTransport: "outbox", authSecret: "x".repeat(32) });
  });
});
