/**
 * `npm run bench:delivery` (SPEC §7, §9): 10,000 queued emails delivered by two `npm run worker` processes through
 * the `resend` transport to the local Resend-compatible server (tests/fake-resend), which allows R requests/s.
 * Prints emails/s as a percentage of R × 100 (100 emails per batch request), and the emails lost and duplicated, by
 * idempotency key and by recipient + token. Runs: R = 10, R = 2, and R = 10 with 5 % 500s and 1 % 429s injected.
 * Target: ≥ 90 %, 0 lost, 0 duplicated in every run. Each run has a fresh PostgreSQL database, dropped afterwards.
 *
 * DATABASE_URL (if set) names the server; otherwise postgres://postgres@127.0.0.1:5432. Exit code 0 on pass, 1 on fail.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { openDatabase, rows, type Database } from "@/db";
import { organization } from "@/db/schema";
import { queueEmails } from "@/lib/email/outbox";
import { adminStatement, benchServer } from "./bench-database";
import { startFakeResend, type FakeResend, type FaultPlan } from "@/tests/fake-resend/server";

const EMAILS = 10_000;
const WORKERS = 2;
const TARGET_PERCENT = 90;
const server = benchServer();

type Run = { name: string; rate: number; faults?: FaultPlan };
const RUNS: Run[] = [
  { name: "R = 10", rate: 10 },
  { name: "R = 2", rate: 2 },
  { name: "R = 10, 5 % 500s + 1 % 429s", rate: 10, faults: { errorRate500: 0.05, errorRate429: 0.01, seed: 7 } },
];

const admin = (statement: string) => adminStatement(statement, server);

/** 10,000 welcome-like emails, each with its own recipient and its own token in its link. */
async function queueBenchEmails(db: Database): Promise<Map<string, string>> {
  const [org] = await db.insert(organization).values({ name: "Bench Dental", slug: `bench-${Date.now()}`, senderName: "Bench Dental" }).returning();
  const emails = Array.from({ length: EMAILS }, (_, i) => {
    const link = `https://portal.example.com/set-password/${randomBytes(32).toString("base64url")}`;
    return {
      organizationId: org!.id,
      memberId: null,
      template: "welcome" as const,
      to: `person-${i}@bench.example.com`,
      sender: "Bench Dental <onboarding@example.com>",
      content: {
        subject: "Your account has been created!",
        html: `<p>Hi Person ${i},</p><p><a href="${link}">Set your password</a></p><p>${link}</p>`,
        text: `Hi Person ${i},\n\nSet your password: ${link}\n`,
      },
    };
  });
  const ids = await db.transaction((tx) => queueEmails(tx, emails));
  const keys = await rows<{ id: string; idempotency_key: string }>(db, sql`select id, idempotency_key from email_message`);
  if (ids.length !== EMAILS) throw new Error("queueing failed");
  return new Map(keys.map((k) => [k.id, k.idempotency_key]));
}

function startWorker(databaseUrl: string, provider: FakeResend, rate: number): ChildProcess {
  const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/worker.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: "bench-delivery-secret-not-for-production-0123456789",
      DATABASE_URL: databaseUrl,
      MAIL_TRANSPORT: "resend",
      RESEND_API_KEY: "re_bench",
      RESEND_BASE_URL: provider.url,
      EMAIL_RATE_LIMIT: String(rate),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return worker;
}

async function runOnce(run: Run) {
  const name = `gatehouse_bench_delivery_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(`/${name}`, server).toString();
  const handle = await openDatabase({ url });
  const provider = await startFakeResend({ rate: run.rate, seed: 1 });
  const workers: ChildProcess[] = [];
  try {
    const keyOf = await queueBenchEmails(handle.db);
    if (run.faults) provider.setFaults(run.faults);
    for (let i = 0; i < WORKERS; i++) workers.push(startWorker(url, provider, run.rate));
    const deadline = Date.now() + (EMAILS / (run.rate * 100)) * 4_000 + 60_000;
    let doneAt = 0;
    for (;;) {
      const [counts] = await rows<{ open: number | string }>(handle.db, sql`select count(*) filter (where status in ('queued', 'sending')) as open from email_message`);
      if (Number(counts!.open) === 0) {
        doneAt = Date.now();
        break;
      }
      if (Date.now() > deadline) throw new Error(`${run.name}: not done before the deadline`);
      await sleep(50);
    }
    const started = provider.requests[0]?.at ?? doneAt;
    const seconds = (doneAt - started) / 1000;
    const statuses = Object.fromEntries(
      (await rows<{ status: string; n: number | string }>(handle.db, sql`select status, count(*) as n from email_message group by status`)).map((r) => [r.status, Number(r.n)]),
    );
    // Lost: queued but never accepted by the provider. Duplicated: accepted more than once.
    const acceptedByKey = new Map<string, number>();
    const acceptedByRecipientToken = new Map<string, number>();
    for (const email of provider.accepted) {
      const key = keyOf.get(email.tagValues.message_id ?? "") ?? `unknown:${email.id}`;
      acceptedByKey.set(key, (acceptedByKey.get(key) ?? 0) + 1);
      const tokenKey = `${email.to.join()}|${/set-password\/([\w-]+)/.exec(email.html ?? "")?.[1]}`;
      acceptedByRecipientToken.set(tokenKey, (acceptedByRecipientToken.get(tokenKey) ?? 0) + 1);
    }
    const lost = [...keyOf.values()].filter((key) => !acceptedByKey.has(key)).length;
    const duplicatedByKey = [...acceptedByKey.values()].reduce((sum, n) => sum + n - 1, 0);
    const duplicatedByToken = [...acceptedByRecipientToken.values()].reduce((sum, n) => sum + n - 1, 0);
    const perSecond = EMAILS / seconds;
    const percent = (perSecond / (run.rate * 100)) * 100;
    const stats = provider.stats();
    return {
      run: run.name,
      seconds,
      perSecond,
      percent,
      lost,
      duplicatedByKey,
      duplicatedByToken,
      statuses,
      requests: stats.sendRequests,
      byStatus: stats.byStatus,
      replays: stats.idempotentReplays,
      pass: percent >= TARGET_PERCENT && lost === 0 && duplicatedByKey === 0 && duplicatedByToken === 0 && statuses.sent === EMAILS,
    };
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once("exit", resolve)))));
    await provider.close();
    await handle.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const results = [];
for (const run of RUNS) {
  process.stdout.write(`Running ${run.name}: ${EMAILS.toLocaleString("en-US")} emails, ${WORKERS} workers…\n`);
  const result = await runOnce(run);
  results.push(result);
  console.log(
    `  ${result.seconds.toFixed(2)} s, ${result.perSecond.toFixed(0)} emails/s = ${result.percent.toFixed(1)} % of ${run.rate * 100}/s · ` +
      `lost ${result.lost} · duplicated ${result.duplicatedByKey} by idempotency key, ${result.duplicatedByToken} by recipient+token · ` +
      `statuses ${JSON.stringify(result.statuses)} · ${result.requests} requests ${JSON.stringify(result.byStatus)}, ${result.replays} idempotent replays`,
  );
}

console.log("\n| run | time | emails/s | % of R × 100 | lost | duplicated (key / recipient+token) | requests by status |");
console.log("|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.run} | ${r.seconds.toFixed(2)} s | ${r.perSecond.toFixed(0)} | ${r.percent.toFixed(1)} % | ${r.lost} | ${r.duplicatedByKey} / ${r.duplicatedByToken} | ${JSON.stringify(r.byStatus)} |`,
  );
}
const failed = results.filter((r) => !r.pass);
console.log(failed.length ? `\nFAIL: ${failed.map((r) => r.run).join(", ")} (target ≥ ${TARGET_PERCENT} %, 0 lost, 0 duplicated)` : `\nPASS: every run ≥ ${TARGET_PERCENT} %, 0 lost, 0 duplicated`);
process.exitCode = failed.length ? 1 : 0;
