import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, rows } from "@/db";
import { startFakeResend, type FakeResend } from "../../fake-resend/server";
import { withEmptyDatabase } from "../fresh-database";
import { messagesByStatus, queueTestEmails } from "./outbox-helpers";

/**
 * SPEC §5, §9 with real processes: `npm run worker` dispatchers against one PostgreSQL database and a Resend-compatible
 * server, killed mid-batch, run two at once, and answered with 500s and 429s. After each: every email accepted by the
 * provider exactly once, and every status in the database true. (PostgreSQL only: PGlite is one process's database.)
 */
withEmptyDatabase();

const RATE = 5;
let provider: FakeResend;
const workers = new Set<ChildProcess>();

function startWorker(name: string): ChildProcess {
  const worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/worker.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      MAIL_TRANSPORT: "resend",
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: provider.url,
      EMAIL_RATE_LIMIT: String(RATE),
      DATABASE_POOL_SIZE: "4",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  worker.stdout!.on("data", (chunk) => (output += chunk));
  worker.stderr!.on("data", (chunk) => (output += chunk));
  worker.on("exit", (code, signal) => {
    workers.delete(worker);
    if (code && signal !== "SIGKILL") console.error(`worker ${name} exited with ${code}:\n${output}`);
  });
  workers.add(worker);
  return worker;
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

const allSent = async (n: number) => (await messagesByStatus()).sent === n;

/** Every queued email reached the provider exactly once: by its message id (the tag) and by recipient + link. */
async function expectEachAcceptedOnce(ids: string[]) {
  const byMessage = new Map<string, number>();
  const byRecipientAndLink = new Map<string, number>();
  for (const email of provider.accepted) {
    const tag = email.tagValues.message_id ?? "";
    byMessage.set(tag, (byMessage.get(tag) ?? 0) + 1);
    const key = `${email.to.join()}|${/set-password\/[\w-]+/.exec(email.html ?? "")?.[0]}`;
    byRecipientAndLink.set(key, (byRecipientAndLink.get(key) ?? 0) + 1);
  }
  expect(ids.filter((id) => byMessage.get(id) !== 1), "lost or duplicated").toEqual([]);
  expect(byMessage.size).toBe(ids.length);
  expect([...byRecipientAndLink.values()].every((n) => n === 1)).toBe(true);
  const recorded = await rows<{ n: number | string }>(
    await getDb(),
    sql`select count(*) as n from email_message where status = 'sent' and provider_id is not null`,
  );
  expect(Number(recorded[0]!.n)).toBe(ids.length);
}

beforeAll(async () => {
  provider = await startFakeResend({ rate: RATE });
});
afterEach(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await until(() => workers.size === 0, "workers to exit", 10_000);
  const db = await getDb();
  await db.execute(sql`delete from email_message`);
  await db.execute(sql`delete from provider_rate`);
  provider.reset();
});
afterAll(async () => {
  await provider?.close();
});

describe("dispatchers in separate processes (SPEC §9)", () => {
  it("a worker killed with SIGKILL mid-batch loses nothing and, restarted, duplicates nothing", async () => {
    const ids = await queueTestEmails(350);
    // The first request is held by the provider, which accepts the batch after the worker is dead.
    provider.inject({ kind: "delay", ms: 1_500 });
    const first = startWorker("A");
    await until(() => provider.requests.length >= 1, "the first request");
    first.kill("SIGKILL");
    await until(() => workers.size === 0, "worker A to die");
    const stuck = await messagesByStatus();
    expect(stuck.sending).toBeGreaterThan(0);
    // The lease of the dead worker's batch runs out (fast-forwarded here rather than waited for).
    await (await getDb()).execute(sql`update email_message set next_attempt_at = now() where status = 'sending'`);
    startWorker("B");
    await until(() => allSent(ids.length), "every email to be sent");
    await expectEachAcceptedOnce(ids);
    // The dead worker's batch went out again under its key, and the provider recognised it (a replay of its answer,
    // or a 409 while the first request was still in flight, then the replay) instead of accepting it again: each email
    // was accepted once, above. Which of the two happens depends on how fast worker B starts.
    const keys = provider.requests.map((r) => r.idempotencyKey);
    const seen = provider.requests.map((r) => `${r.status} ${r.idempotencyKey}`).join("\n");
    expect(keys.length, `the requests:\n${seen}`).toBeGreaterThan(new Set(keys).size);
  });

  it("two workers at once share the outbox and the rate: each email once, never more than the rate per second", async () => {
    const ids = await queueTestEmails(1_250);
    startWorker("A");
    startWorker("B");
    await until(() => allSent(ids.length), "every email to be sent");
    await expectEachAcceptedOnce(ids);
    // Together the two keep to the deployment's rate: at most RATE requests a second over the run. (Arrival jitter on a
    // busy machine may still put a request over the provider's one-second window now and then; it gets a 429 and is
    // retried. Two processes sharing one rate would draw a 429 on most of their requests.)
    const times = provider.requests.map((r) => r.at).sort((a, b) => a - b);
    expect((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)).toBeLessThanOrEqual(RATE);
    expect(provider.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
  });

  it("500s and a 429 with retry-after are retried with the same batch and key until each email is accepted once", async () => {
    const ids = await queueTestEmails(420);
    provider.inject({ kind: "status", status: 500, times: 2 });
    provider.inject({ kind: "status", status: 429, retryAfter: 1 });
    provider.inject({ kind: "status", status: 503 });
    startWorker("A");
    await until(() => allSent(ids.length), "every email to be sent");
    await expectEachAcceptedOnce(ids);
    const failedKeys = provider.requests.filter((r) => r.fault?.startsWith("status:")).map((r) => r.idempotencyKey);
    const acceptedKeys = new Set(provider.requests.filter((r) => r.status === 200).map((r) => r.idempotencyKey));
    expect(failedKeys.length).toBe(4);
    expect(failedKeys.every((key) => acceptedKeys.has(key))).toBe(true);
    const [retried] = await rows<{ n: number | string }>(await getDb(), sql`select count(distinct message_id) as n from email_event where type = 'retry'`);
    expect(Number(retried!.n)).toBeGreaterThan(0);
  });
});
