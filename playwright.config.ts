import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against the production build (`npx next build` first): `next start` servers, each on its own free
 * port and its own PGlite folder. "first-run" starts empty, for the setup flow (SPEC §4.1); the others start with a
 * copy of `npm run db:seed`'s demo organization, each its own, so one suite's changes don't move another's counts.
 * Ports and folders go into process.env, so the workers (which load this file again) reuse them instead of picking
 * new ones.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

process.env.E2E_FIRST_RUN_PORT ??= String(await freePort());
process.env.E2E_SEEDED_PORT ??= String(await freePort());
process.env.E2E_MEMBERS_PORT ??= String(await freePort());
process.env.E2E_EMAIL_PORT ??= String(await freePort());
process.env.E2E_ONBOARDING_PORT ??= String(await freePort());
process.env.E2E_IMPORT_PORT ??= String(await freePort());
process.env.E2E_DELIVERY_PORT ??= String(await freePort());
process.env.E2E_FAKE_RESEND_PORT ??= String(await freePort());
process.env.E2E_ADDRESS_PORT ??= String(await freePort());
process.env.E2E_ORGANIZATION_PORT ??= String(await freePort());
process.env.E2E_ACCOUNT_PORT ??= String(await freePort());
process.env.E2E_SUPPORT_PORT ??= String(await freePort());
process.env.E2E_DIRECTORY_SYNC_PORT ??= String(await freePort());
// Signs the Resend webhooks the email tests post (SPEC §4.11); every server verifies with it.
process.env.E2E_WEBHOOK_SECRET ??= `whsec_${Buffer.from("gatehouse-e2e-webhook-signing-key").toString("base64")}`;
/** The runner's own process, as opposed to its workers (which load this file again): it prepares the servers' data. */
const runnerProcess = !process.env.E2E_DATA_ROOT;
if (runnerProcess) {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-"));
  process.env.E2E_DATA_ROOT = created;
  // Only the process that made the folder removes it, once the runner has stopped the servers and exits.
  process.on("exit", () => fs.rmSync(created, { recursive: true, force: true }));
}

const root = process.env.E2E_DATA_ROOT!;
const servers = {
  firstRun: { port: Number(process.env.E2E_FIRST_RUN_PORT), dataDir: path.join(root, "first-run") },
  seeded: { port: Number(process.env.E2E_SEEDED_PORT), dataDir: path.join(root, "seeded") },
  // The Users tab's tests create, edit, disable and reset people: their own demo organization keeps the others' counts.
  members: { port: Number(process.env.E2E_MEMBERS_PORT), dataDir: path.join(root, "members") },
  // The email engine's tests: demo organization plus five welcome emails queued before start (tests/e2e/queue-demo-emails.ts).
  email: { port: Number(process.env.E2E_EMAIL_PORT), dataDir: path.join(root, "email") },
  // Welcome emails, set-password and reset pages (issue 6): its own demo organization, the outbox mailbox.
  onboarding: { port: Number(process.env.E2E_ONBOARDING_PORT), dataDir: path.join(root, "onboarding") },
  // The Import page (SPEC §4.5): its own demo organization, so the members its files add don't change the others' counts.
  import: { port: Number(process.env.E2E_IMPORT_PORT), dataDir: path.join(root, "import") },
  // A bulk send's progress bar: delivery through the real resend SDK to the local Resend-compatible server, which
  // answers each request after a few seconds, so the bar can be watched (and reloaded) while emails are on the way.
  delivery: { port: Number(process.env.E2E_DELIVERY_PORT), dataDir: path.join(root, "delivery") },
  // Per-address throttling (SPEC §6) from outside: its tests use up this machine's address's budget on purpose.
  address: { port: Number(process.env.E2E_ADDRESS_PORT), dataDir: path.join(root, "address") },
  // Organization → Settings: its changes (lifetimes, language, name) stay on its own demo organization.
  organization: { port: Number(process.env.E2E_ORGANIZATION_PORT), dataDir: path.join(root, "organization") },
  // My Account: its members change their names, languages, addresses and passwords on their own demo organization.
  account: { port: Number(process.env.E2E_ACCOUNT_PORT), dataDir: path.join(root, "account") },
  // The support console: its staff send on customers' behalf, and a bounce is corrected, on their own demo organization.
  support: { port: Number(process.env.E2E_SUPPORT_PORT), dataDir: path.join(root, "support") },
  // Directory sync: its tokens provision, change and disable people over SCIM on their own demo organization.
  directorySync: { port: Number(process.env.E2E_DIRECTORY_SYNC_PORT), dataDir: path.join(root, "directory-sync") },
};
const FAKE_RESEND_URL = `http://127.0.0.1:${process.env.E2E_FAKE_RESEND_PORT}`;
/** How long the local Resend-compatible server of the "delivery" server takes to answer each request. */
const DELIVERY_DELAY_MS = 6_000;
const urlOf = (port: number) => `http://127.0.0.1:${port}`;

const TSX = "node_modules/tsx/dist/cli.mjs";
if (!fs.existsSync(TSX)) throw new Error(`${TSX} is missing: run npm ci`);
if (!fs.existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npx next build` first");

const nextStart = (port: number) => `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`;

type Server = { port: number; dataDir: string; databaseUrl?: string; appUrl?: string; env?: Record<string, string> };

function serverEnv({ port, dataDir, databaseUrl, appUrl, env = {} }: Server): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "gatehouse-e2e-secret-not-for-production-use-0123456789",
    // Auth.js builds its URLs on APP_URL (app/_lib/auth.config.ts): it must be the address the browser uses.
    APP_URL: appUrl ?? urlOf(port),
    MAIL_TRANSPORT: "outbox",
    RESEND_WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET!,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DATA_DIR: dataDir }),
    UV_THREADPOOL_SIZE: "2",
    ...env,
  };
}

/**
 * The servers that start with the demo organization: it is seeded once, into a folder each of them gets a copy of
 * before it starts (seeding each in turn took most of the browser tests' start-up).
 */
const demoServers = [servers.seeded, servers.members, servers.email, servers.onboarding, servers.import, servers.delivery, servers.address, servers.organization, servers.account, servers.support, servers.directorySync];
if (runnerProcess) {
  const template = path.join(root, "demo-template");
  execFileSync(process.execPath, [TSX, "scripts/db-seed.ts"], { env: { ...process.env, ...serverEnv({ port: 0, dataDir: template }) }, stdio: ["ignore", "ignore", "inherit"] });
  for (const server of demoServers) fs.cpSync(template, server.dataDir, { recursive: true });
}

function webServer(name: string, server: Server, command: string) {
  return {
    name,
    command,
    url: `${urlOf(server.port)}/sign-in`,
    env: serverEnv(server),
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  };
}

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: "/usr/bin/chromium", // Debian's chromium: never `playwright install` (RECIPES §9)
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  },
};

/**
 * SPEC §9: several instances behind a load balancer behave as one. With E2E_DATABASE_URL (an empty PostgreSQL
 * database; .ci/run makes one per run) two more servers share it, as two instances would, both answering for the
 * same public APP_URL. Without it this suite is not part of the run: it needs a PostgreSQL server.
 */
const sharedDatabase = process.env.E2E_DATABASE_URL;
if (sharedDatabase) {
  process.env.E2E_INSTANCE_A_PORT ??= String(await freePort());
  process.env.E2E_INSTANCE_B_PORT ??= String(await freePort());
}
const instances = sharedDatabase
  ? [Number(process.env.E2E_INSTANCE_A_PORT), Number(process.env.E2E_INSTANCE_B_PORT)].map((port) => ({
      port,
      dataDir: "",
      databaseUrl: sharedDatabase,
      appUrl: urlOf(Number(process.env.E2E_INSTANCE_A_PORT)),
    }))
  : [];
process.env.E2E_INSTANCE_URLS = instances.map((i) => urlOf(i.port)).join(" ");

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: { trace: "retain-on-failure", reducedMotion: "reduce" },
  projects: [
    { name: "first-run", testMatch: "first-run.spec.ts", use: { ...chromium, baseURL: urlOf(servers.firstRun.port) } },
    {
      name: "seeded",
      testIgnore: ["first-run.spec.ts", "two-instances.spec.ts", "users.spec.ts", "email.spec.ts", "onboarding.spec.ts", "delivery.spec.ts", "import.spec.ts", "client-address.spec.ts", "organization.spec.ts", "account.spec.ts", "audit-log.spec.ts", "support-console.spec.ts", "directory-sync.spec.ts"],
      use: { ...chromium, baseURL: urlOf(servers.seeded.port) },
    },
    { name: "members", testMatch: "users.spec.ts", use: { ...chromium, baseURL: urlOf(servers.members.port) } },
    { name: "email", testMatch: "email.spec.ts", use: { ...chromium, baseURL: urlOf(servers.email.port) } },
    { name: "onboarding", testMatch: "onboarding.spec.ts", use: { ...chromium, baseURL: urlOf(servers.onboarding.port) } },
    { name: "import", testMatch: "import.spec.ts", use: { ...chromium, baseURL: urlOf(servers.import.port) } },
    { name: "delivery", testMatch: "delivery.spec.ts", use: { ...chromium, baseURL: urlOf(servers.delivery.port) } },
    { name: "client-address", testMatch: "client-address.spec.ts", use: { ...chromium, baseURL: urlOf(servers.address.port) } },
    { name: "organization", testMatch: ["organization.spec.ts", "audit-log.spec.ts"], use: { ...chromium, baseURL: urlOf(servers.organization.port) } },
    { name: "account", testMatch: "account.spec.ts", use: { ...chromium, baseURL: urlOf(servers.account.port) } },
    { name: "support", testMatch: "support-console.spec.ts", use: { ...chromium, baseURL: urlOf(servers.support.port) } },
    { name: "directory-sync", testMatch: "directory-sync.spec.ts", use: { ...chromium, baseURL: urlOf(servers.directorySync.port) } },
    ...(sharedDatabase ? [{ name: "two-instances", testMatch: "two-instances.spec.ts", use: { ...chromium, baseURL: urlOf(instances[0]!.port) } }] : []),
  ],
  webServer: [
    webServer("first-run", servers.firstRun, nextStart(servers.firstRun.port)),
    webServer("seeded", servers.seeded, nextStart(servers.seeded.port)),
    webServer("members", servers.members, nextStart(servers.members.port)),
    webServer("email", servers.email, `node ${TSX} tests/e2e/queue-demo-emails.ts && ${nextStart(servers.email.port)}`),
    webServer("onboarding", servers.onboarding, nextStart(servers.onboarding.port)),
    webServer("import", servers.import, nextStart(servers.import.port)),
    {
      name: "fake-resend",
      command: `node ${TSX} tests/fake-resend/cli.ts --port ${process.env.E2E_FAKE_RESEND_PORT} --delay-ms ${DELIVERY_DELAY_MS} --quiet`,
      url: `${FAKE_RESEND_URL}/__fake/stats`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    webServer(
      "delivery",
      { ...servers.delivery, env: {
        MAIL_TRANSPORT: "resend",
        RESEND_API_KEY: "re_e2e_delivery",
        RESEND_BASE_URL: FAKE_RESEND_URL,
        // Like Resend, the local server refuses a sender on an address without a real domain (onboarding@localhost).
        EMAIL_FROM: "Gatehouse <onboarding@gatehouse.test>",
      } },
      nextStart(servers.delivery.port),
    ),
    webServer("address", servers.address, nextStart(servers.address.port)),
    webServer("organization", servers.organization, nextStart(servers.organization.port)),
    webServer("account", servers.account, nextStart(servers.account.port)),
    webServer("support", servers.support, nextStart(servers.support.port)),
    webServer("directory-sync", servers.directorySync, nextStart(servers.directorySync.port)),
    ...instances.map((instance, i) => webServer(`instance-${"ab"[i]}`, instance, nextStart(instance.port))),
  ],
});
