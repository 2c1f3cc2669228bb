import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The environment of SPEC §8, read and validated once. Every problem is reported on its own line, so an operator
 * fixes them all in one go; production refuses to start on any of them (instrumentation.ts).
 */
export type Config = {
  production: boolean;
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  authSecret: string;
  appUrl: string;
  mailTransport: "outbox" | "resend";
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  resendWebhookSecret: string | undefined;
  emailFrom: string;
  emailRateLimit: number;
  trustedProxyHops: number;
  /** How long audit events are kept, in days; older ones are deleted by the background work (lib/audit-log/retention.ts). */
  auditRetentionDays: number;
};

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

const envSchema = z.object({
  NODE_ENV: opt(z.string()),
  DATABASE_URL: opt(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")),
  PGLITE_DATA_DIR: opt(z.string()),
  AUTH_SECRET: opt(z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)")),
  APP_URL: opt(z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL, e.g. https://portal.example.com" })),
  MAIL_TRANSPORT: opt(z.enum(["outbox", "resend"], "must be outbox or resend")),
  RESEND_API_KEY: opt(z.string()),
  RESEND_BASE_URL: opt(z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })),
  RESEND_WEBHOOK_SECRET: opt(z.string().startsWith("whsec_", "must start with whsec_")),
  EMAIL_FROM: opt(z.string().regex(/^(.+<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)$/, "must be an address, e.g. Gatehouse <onboarding@example.com>")),
  EMAIL_RATE_LIMIT: opt(z.coerce.number("must be a number").positive("must be greater than 0").max(1000, "must be at most 1000")),
  TRUSTED_PROXY_HOPS: opt(z.coerce.number("must be a whole number").int("must be a whole number").min(0, "must be 0 or more").max(10, "must be at most 10")),
  AUDIT_RETENTION_DAYS: opt(z.coerce.number("must be a whole number of days").int("must be a whole number of days").min(1, "must be at least 1").max(36_500, "must be at most 36500 (100 years)")),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment into a Config, or throws ConfigError listing every problem, one line each. */
export function parseConfig(env: Record<string, string | undefined>, { devSecret }: { devSecret: () => string } = { devSecret: developmentSecret }): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const problems: string[] = [];
  if (production && !e.AUTH_SECRET) problems.push("AUTH_SECRET is required in production (openssl rand -base64 32)");
  if (production && !e.MAIL_TRANSPORT) problems.push("MAIL_TRANSPORT is required in production: outbox or resend");
  const mailTransport = e.MAIL_TRANSPORT ?? (e.RESEND_API_KEY ? "resend" : "outbox");
  if (mailTransport === "resend" && !e.RESEND_API_KEY) problems.push("RESEND_API_KEY is required when MAIL_TRANSPORT is resend");
  if (problems.length) throw new ConfigError(problems);
  return {
    production,
    databaseUrl: e.DATABASE_URL,
    pgliteDataDir: e.PGLITE_DATA_DIR ?? ".data/pglite",
    authSecret: e.AUTH_SECRET ?? devSecret(),
    appUrl: (e.APP_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
    mailTransport,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    emailFrom: e.EMAIL_FROM ?? "Gatehouse <onboarding@localhost>",
    emailRateLimit: e.EMAIL_RATE_LIMIT ?? 2,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS ?? 400,
  };
}

/** Outside production a secret is generated on first use and kept in .data/, so sessions survive a restart. */
function developmentSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx": when two processes race on first start, the loser reads the winner's secret.
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/**
 * What the server prints once at start about a setting that works but needs knowing (instrumentation-node.ts): with
 * the outbox in production no email reaches anyone, and the links are in the mailbox instead.
 */
export function startupWarnings(config: Pick<Config, "production" | "mailTransport">): string[] {
  if (!config.production || config.mailTransport !== "outbox") return [];
  return ["Gatehouse: MAIL_TRANSPORT=outbox: emails are not sent; they are kept in /dev/mailbox (owner and support accounts only)"];
}

let cached: Config | undefined;
/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  return (cached ??= parseConfig(process.env));
}
