import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { rows, type Database, type Executor } from "@/db";
import { emailEvent } from "@/db/schema";
import { renderDeferred } from "./deferred-content";
import type { EmailEventDetails } from "./events";
import { holdProviderUntil, reserveSlot, slotIntervalSeconds } from "./rate";
import type { OutgoingEmail, SendOutcome, Transport } from "./transport";

/**
 * The dispatcher (SPEC §5, §9): takes queued emails out of the outbox and hands them to the transport, in every app
 * process and in `npm run worker`, as many at once as like.
 *
 * - A batch (1–100 emails) is fixed when it is claimed: its rows get a batch key, and every later attempt sends the
 *   very same emails under the very same idempotency key, so the provider can recognise a retry and not send twice.
 * - Claiming leases the rows (status `sending`, due again when the lease ends). A dispatcher that dies mid-send leaves
 *   them to be claimed again when the lease runs out; the idempotency key makes that resend harmless.
 * - New rows are claimed with FOR UPDATE SKIP LOCKED, so dispatchers never wait for each other or take the same row;
 *   a batch being retried is claimed under an advisory lock on its key, so it is claimed whole, by one dispatcher.
 * - The provider's rate is reserved per request from one row for the whole deployment (lib/email/rate.ts).
 */

export type DispatcherSettings = {
  /** Emails per provider request (Resend's batch endpoint takes at most 100). */
  batchSize: number;
  /** How long a claim lasts before another dispatcher may take the batch over. Longer than any request. */
  leaseMs: number;
  requestTimeoutMs: number;
  /** How often an idle dispatcher looks for work (a nudge wakes it sooner). */
  pollMs: number;
  /** Requests in flight at once per dispatcher; the deployment-wide rate still caps the total. */
  concurrency: number;
  /** Attempts before an email is given up as failed (about an hour of retrying with the backoff below). */
  maxAttempts: number;
  /** Provider requests per second for the whole deployment (EMAIL_RATE_LIMIT). */
  ratePerSecond: number;
};

export const DEFAULT_SETTINGS: DispatcherSettings = {
  batchSize: 100,
  leaseMs: 60_000,
  requestTimeoutMs: 20_000,
  pollMs: 1_000,
  concurrency: 4,
  maxAttempts: 12,
  ratePerSecond: 2,
};

export type ClaimedBatch = { key: string; attempt: number; emails: OutgoingEmail[] };

type ClaimedRow = {
  id: string;
  batch_key: string;
  attempts: number;
  idempotency_key: string;
  sender: string;
  reply_to: string | null;
  to: string;
  subject: string;
  template: string;
  /** Null until rendered from render_props (lib/email/deferred-content.ts). */
  html: string | null;
  text: string | null;
  render_props: Record<string, unknown> | null;
};

// Any fixed number, distinct from the setup and migration locks.
const NEW_BATCH_LOCK = 7_402_116;

const CLAIMED_COLUMNS = sql`id, batch_key, attempts, idempotency_key, sender, reply_to, "to", subject, template, html, text, render_props`;

/** Whether any email is due now (cheap: the partial index on next_attempt_at). */
export async function hasDueEmail(db: Executor): Promise<boolean> {
  const found = await rows(db, sql`select 1 from email_message where status in ('queued', 'sending') and next_attempt_at <= now() limit 1`);
  return found.length > 0;
}

/** Claims the next batch: a batch due for another attempt first, else up to batchSize new emails. */
export async function claimBatch(db: Database, { batchSize, leaseMs }: Pick<DispatcherSettings, "batchSize" | "leaseMs">): Promise<ClaimedBatch | null> {
  const lease = sql`now() + make_interval(secs => ${leaseMs / 1000})`;
  const claimed = await db.transaction(async (tx) => {
    const [retry] = await rows<{ batch_key: string }>(
      tx,
      sql`select batch_key from email_message
          where status in ('queued', 'sending') and batch_key is not null and next_attempt_at <= now()
            and pg_try_advisory_xact_lock(hashtextextended(batch_key, 0))
          limit 1`,
    );
    if (retry) {
      return rows<ClaimedRow>(
        tx,
        sql`update email_message
            set status = 'sending', attempts = attempts + 1, lease_until = ${lease}, next_attempt_at = ${lease}, updated_at = now()
            -- Due still: another dispatcher whose claim committed just before ours got the advisory lock leaves the
            -- rows leased into the future, and PostgreSQL re-checks this against them rather than claiming twice.
            where batch_key = ${retry.batch_key} and status in ('queued', 'sending') and next_attempt_at <= now()
            returning ${CLAIMED_COLUMNS}`,
      );
    }
    // New batches are formed one claim at a time across the deployment (a claim takes milliseconds): two claims
    // side by side would each skip the other's locked rows and split 30 due emails into batches of 21 and 9, two
    // provider requests where one would do (SPEC §7 counts emails per request).
    await tx.execute(sql`select pg_advisory_xact_lock(${NEW_BATCH_LOCK})`);
    return rows<ClaimedRow>(
      tx,
      sql`with picked as (
            select id as picked_id from email_message
            where status = 'queued' and batch_key is null and next_attempt_at <= now()
            order by next_attempt_at
            limit ${batchSize}
            for update skip locked
          )
          update email_message m
          set status = 'sending', batch_key = ${randomUUID()}, attempts = m.attempts + 1, lease_until = ${lease},
              next_attempt_at = ${lease}, updated_at = now()
          from picked where m.id = picked_id
          returning ${CLAIMED_COLUMNS}`,
    );
  });
  if (!claimed.length) return null;
  const ready = await renderClaimed(db, claimed);
  if (!ready.length) return claimBatch(db, { batchSize, leaseMs });
  return {
    key: `gatehouse-batch/${claimed[0]!.batch_key}`,
    attempt: Math.max(...claimed.map((r) => r.attempts)),
    emails: ready
      .map((r) => ({
        id: r.id,
        idempotencyKey: r.idempotency_key,
        sender: r.sender,
        replyTo: r.reply_to,
        to: r.to,
        subject: r.subject,
        html: r.html!,
        text: r.text!,
      }))
      // The same order on every attempt: a retried batch must be the same request, byte for byte.
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

/**
 * Renders the claimed emails that were queued with their template's props (lib/email/deferred-content.ts), and
 * stores the result before anything is sent, so every attempt sends the very same bytes under its idempotency key.
 * An email that can't be rendered fails at once, with why; the rest of the batch goes on.
 */
async function renderClaimed(db: Database, claimed: ClaimedRow[]): Promise<ClaimedRow[]> {
  const deferred = claimed.filter((r) => r.html === null || r.text === null);
  if (!deferred.length) return claimed;
  const rendered = await renderDeferred(deferred.map((r) => ({ template: r.template, renderProps: r.render_props ?? {} })));
  const ok: { id: string; html: string; text: string }[] = [];
  const failures: { id: string; error: string }[] = [];
  deferred.forEach((r, i) => {
    const result = rendered[i]!;
    if (result instanceof Error) failures.push({ id: r.id, error: result.message });
    else ok.push({ id: r.id, html: result.html, text: result.text });
  });
  await db.transaction(async (tx) => {
    if (ok.length) {
      // The props (and the link in them) are not kept once the email exists.
      await tx.execute(sql`
        update email_message m set html = v.html, text = v.text, render_props = null, updated_at = now()
        from unnest(${sql.param(ok.map((r) => r.id))}::uuid[], ${sql.param(ok.map((r) => r.html))}::text[], ${sql.param(ok.map((r) => r.text))}::text[]) as v(id, html, text)
        where m.id = v.id`);
    }
    await markFailed(tx, failures);
  });
  const byId = new Map(ok.map((r) => [r.id, r]));
  return claimed.flatMap((r) => (r.html !== null && r.text !== null ? [r] : byId.has(r.id) ? [{ ...r, ...byId.get(r.id)! }] : []));
}

/**
 * When the next attempt may go: the first retry at once (a lost packet, one 502), then 2, 4, 8… seconds up to
 * 15 minutes, spread ±20 % so a crowd of retries does not come back in step; never before the provider's retry-after.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, random = Math.random): number {
  const backoff = attempt <= 1 ? 0 : Math.min(2 ** (attempt - 1) * 1000, 15 * 60_000) * (0.8 + 0.4 * random());
  return Math.max(backoff, retryAfterMs ?? 0);
}

/** A retry-after this long is a quota, not a rate: the whole deployment waits it out. */
const QUOTA_HOLD_MS = 10_000;

/**
 * How long a 429 pauses every dispatcher of the deployment. The refused batch itself always waits for retry-after.
 * Everyone else skips one slot: we already pace at EMAIL_RATE_LIMIT, so a 429 means the provider's window is full by
 * about one request, and a sliding window frees one within one interval (retry-after, in whole seconds, can't say
 * less than 1 s). A long retry-after (a daily quota) holds everyone.
 */
export function deploymentHoldMs(retryAfterMs: number | undefined, ratePerSecond: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= QUOTA_HOLD_MS) return retryAfterMs;
  return slotIntervalSeconds(ratePerSecond) * 1000;
}

/** Writes what the attempt did to every email of the batch, in one transaction. */
export async function recordOutcome(
  db: Database,
  batch: ClaimedBatch,
  outcome: SendOutcome,
  { maxAttempts, provider, ratePerSecond }: { maxAttempts: number; provider: string; ratePerSecond: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (outcome.kind === "answered") {
      const accepted = outcome.results.flatMap((r) => (r.accepted ? [{ id: r.id, provider_id: r.providerId }] : []));
      const refused = outcome.results.flatMap((r) => (r.accepted ? [] : [{ id: r.id, error: r.error }]));
      if (accepted.length) {
        // A webhook may already have moved a message on (it finds it by its tag): never move it back to "sent".
        await tx.execute(sql`
          update email_message m
          set status = case when m.status in ('queued', 'sending') then 'sent'::email_status else m.status end,
              provider_id = coalesce(m.provider_id, v.provider_id), sent_at = coalesce(m.sent_at, now()),
              lease_until = null, last_error = null, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(accepted)}::jsonb) as v(id uuid, provider_id text)
          where m.id = v.id`);
      }
      await markFailed(tx, refused);
      return;
    }
    if (outcome.kind === "rejected") {
      await markFailed(tx, batch.emails.map((e) => ({ id: e.id, error: outcome.error })));
      return;
    }
    if (batch.attempt >= maxAttempts) {
      const error = `Gave up after ${batch.attempt} attempts. Last error: ${outcome.error}`;
      await markFailed(tx, batch.emails.map((e) => ({ id: e.id, error })));
      return;
    }
    const delayMs = retryDelayMs(batch.attempt, outcome.retryAfterMs);
    if (outcome.rateLimited) await holdProviderUntil(tx, provider, deploymentHoldMs(outcome.retryAfterMs, ratePerSecond));
    const ids = batch.emails.map((e) => e.id);
    const [due] = await rows<{ at: Date | string }>(
      tx,
      sql`update email_message
          set status = 'queued', next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}), lease_until = null,
              last_error = ${outcome.error}, updated_at = now()
          where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid) and status in ('queued', 'sending')
          returning next_attempt_at as at`,
    );
    if (!due) return;
    const details: EmailEventDetails["retry"] = { attempt: batch.attempt, error: outcome.error, retryAt: new Date(due.at).toISOString() };
    await tx.insert(emailEvent).values(ids.map((messageId) => ({ messageId, type: "retry", details })));
  });
}

async function markFailed(tx: Executor, failures: { id: string; error: string }[]): Promise<void> {
  if (!failures.length) return;
  const failed = await rows<{ id: string; last_error: string }>(
    tx,
    sql`update email_message m
        set status = 'failed', last_error = v.error, lease_until = null, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(failures)}::jsonb) as v(id uuid, error text)
        where m.id = v.id and m.status in ('queued', 'sending')
        returning m.id, m.last_error`,
  );
  if (!failed.length) return;
  await tx.insert(emailEvent).values(
    failed.map((f) => ({ messageId: f.id, type: "failed", details: { error: f.last_error } satisfies EmailEventDetails["failed"] })),
  );
}

export type Dispatcher = {
  start(): void;
  /** Stops claiming, lets the requests in flight finish and be recorded. */
  stop(): Promise<void>;
  /** Something was queued: look now rather than at the next poll. */
  nudge(): void;
  /** Delivers until nothing is queued or sending any more (retries included); for scripts and tests. */
  drain(): Promise<void>;
};

export function createDispatcher({
  db,
  transport,
  settings: overrides = {},
  onError = (error) => console.error("Email dispatcher:", error),
}: {
  db: Database;
  transport: Transport;
  settings?: Partial<DispatcherSettings>;
  onError?: (error: unknown) => void;
}): Dispatcher {
  const settings = { ...DEFAULT_SETTINGS, ...overrides };
  let running = false;
  let loops: Promise<void>[] = [];
  let wake: AbortController = new AbortController();

  /** One claim and one request; false when there was nothing to do. */
  async function dispatchOnce(): Promise<boolean> {
    if (!(await hasDueEmail(db))) return false;
    let sendAt = Date.now();
    if (transport.rateLimited) {
      const waitMs = await reserveSlot(db, transport.name, settings.ratePerSecond);
      sendAt += waitMs;
      // Claim shortly before the slot, not long before it: the lease runs from the claim.
      if (waitMs > 1_000) await sleep(waitMs - 1_000);
    }
    const batch = await claimBatch(db, settings);
    if (!batch) return true; // another dispatcher took it; this slot is spent
    const wait = sendAt - Date.now();
    if (wait > 0) await sleep(wait);
    const outcome = await transport.send(batch.emails, batch.key, AbortSignal.timeout(settings.requestTimeoutMs));
    await recordOutcome(db, batch, outcome, { maxAttempts: settings.maxAttempts, provider: transport.name, ratePerSecond: settings.ratePerSecond });
    return true;
  }

  async function idle(ms: number) {
    await sleep(ms, undefined, { signal: wake.signal }).catch(() => undefined);
  }

  async function loop() {
    while (running) {
      try {
        if (!(await dispatchOnce())) await idle(settings.pollMs);
      } catch (error) {
        if (!running) return;
        onError(error);
        await idle(settings.pollMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: settings.concurrency }, () => loop());
    },
    async stop() {
      running = false;
      wake.abort();
      await Promise.all(loops);
      loops = [];
      wake = new AbortController();
    },
    nudge() {
      wake.abort();
      wake = new AbortController();
    },
    async drain() {
      const worker = async () => {
        for (;;) {
          if (await dispatchOnce()) continue;
          const [next] = await rows<{ wait_ms: number | string | null }>(
            db,
            sql`select extract(epoch from (min(next_attempt_at) - now())) * 1000 as wait_ms from email_message where status in ('queued', 'sending')`,
          );
          if (next?.wait_ms == null) return;
          await sleep(Math.min(Math.max(Number(next.wait_ms), 10), settings.pollMs));
        }
      };
      await Promise.all(Array.from({ length: settings.concurrency }, worker));
    },
  };
}
