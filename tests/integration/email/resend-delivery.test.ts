import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createDispatcher, type DispatcherSettings } from "@/lib/email/dispatcher";
import { resendTransport } from "@/lib/email/transports/resend";
import { startFakeResend, type FakeResend } from "../../fake-resend/server";
import { withEmptyDatabase } from "../fresh-database";
import { eventsOf, message, messagesByStatus, queueTestEmails } from "./outbox-helpers";

/**
 * The `resend` transport through the real `resend` SDK against the local Resend-compatible server (SPEC §5): batches,
 * idempotency keys, permissive validation, and every fault the provider can answer with. Every email must reach the
 * provider exactly once, or be shown failed with the provider's reason.
 */
withEmptyDatabase();

let provider: FakeResend;
beforeAll(async () => {
  provider = await startFakeResend();
});
afterAll(async () => {
  await provider?.close();
});
beforeEach(async () => {
  provider.reset();
  const db = await getDb();
  await db.execute(sql`delete from email_message`);
  await db.execute(sql`delete from provider_rate`);
});

async function deliverAll(settings: Partial<DispatcherSettings> = {}) {
  const transport = resendTransport({ apiKey: "re_test", baseUrl: provider.url });
  await createDispatcher({ db: await getDb(), transport, settings: { pollMs: 20, ratePerSecond: 50, ...settings } }).drain();
}

/** Accepted by the provider exactly once each, by message id. */
function expectAcceptedOnce(ids: string[]) {
  const counts = new Map<string, number>();
  for (const email of provider.accepted) counts.set(email.tagValues.message_id!, (counts.get(email.tagValues.message_id!) ?? 0) + 1);
  expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect(provider.accepted).toHaveLength(ids.length);
}

describe("delivery through Resend", () => {
  it("sends up to 100 emails per batch request, one alone through POST /emails, and records the provider's ids", async () => {
    const ids = await queueTestEmails(201);
    await deliverAll({ concurrency: 1 });
    expect(provider.requests.map((r) => [r.path, (r.body as unknown[]).length ?? 1])).toEqual([
      ["/emails/batch", 100],
      ["/emails/batch", 100],
      ["/emails", 1],
    ]);
    expect(provider.requests.every((r) => r.idempotencyKey)).toBe(true);
    expect(provider.requests[2]!.idempotencyKey).toMatch(/^gatehouse\//);
    expect(provider.requests[0]!.batchValidation).toBe("permissive");
    expectAcceptedOnce(ids);
    const first = provider.accepted[0]!;
    expect(await message(first.tagValues.message_id!)).toMatchObject({ status: "sent", provider_id: first.id });
    expect(first.from).toBe("Acme Dental <onboarding@acme.example>");
  });

  it("lets one bad address in a batch fail on its own, with the provider's reason, and sends the rest", async () => {
    const ids = await queueTestEmails(5, { to: (i) => (i === 2 ? "nobody@invalid.test" : `person-${i}@example.test`) });
    await deliverAll();
    expect(await messagesByStatus()).toEqual({ sent: 4, failed: 1 });
    const failed = await message(ids[2]!);
    expect(failed.status).toBe("failed");
    expect(failed.last_error).toMatch(/invalid/i);
    expect(provider.accepted).toHaveLength(4);
  });

  it("marks a batch refused for good (a 4xx) failed with the provider's error, and does not retry it", async () => {
    const ids = await queueTestEmails(3);
    provider.inject({ kind: "status", status: 403, body: { statusCode: 403, name: "validation_error", message: "The example.com domain is not verified." } });
    await deliverAll();
    for (const id of ids) expect(await message(id)).toMatchObject({ status: "failed", last_error: "403 validation_error: The example.com domain is not verified." });
    expect(provider.requests).toHaveLength(1);
  });

  it("retries after a 500 with the same emails under the same key", async () => {
    const ids = await queueTestEmails(30);
    provider.inject({ kind: "status", status: 500 });
    await deliverAll();
    expect(provider.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(provider.requests[0]!.idempotencyKey).toBe(provider.requests[1]!.idempotencyKey);
    expect(provider.requests[0]!.body).toEqual(provider.requests[1]!.body);
    expectAcceptedOnce(ids);
    expect((await eventsOf(ids[0]!)).map((e) => e.type)).toEqual(["retry"]);
  });

  it("waits for retry-after after a 429 before trying that batch again", async () => {
    const ids = await queueTestEmails(10);
    provider.inject({ kind: "status", status: 429, retryAfter: 1 });
    await deliverAll();
    const refused = provider.requests.find((r) => r.status === 429)!;
    const retried = provider.requests.find((r) => r.status === 200 && r.idempotencyKey === refused.idempotencyKey)!;
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(950);
    expectAcceptedOnce(ids);
  });

  it("sends again under the same key when the provider does not answer in time, and the provider accepts it once", async () => {
    const ids = await queueTestEmails(20);
    provider.inject({ kind: "hang" });
    await deliverAll({ requestTimeoutMs: 300 });
    expect(provider.requests).toHaveLength(2);
    expectAcceptedOnce(ids);
    expect((await eventsOf(ids[0]!))[0]!.details.error).toBe("The mail provider did not answer in time");
  });

  it("does not send twice when the provider accepted a batch but the answer was lost", async () => {
    const ids = await queueTestEmails(20);
    provider.inject({ kind: "drop-after-accept" });
    await deliverAll();
    expect(provider.requests.map((r) => r.replay ?? false)).toEqual([false, true]);
    expectAcceptedOnce(ids);
    expect(await messagesByStatus()).toEqual({ sent: 20 });
  });

  it("keeps retrying through a burst of 502s and 503s and loses nothing", async () => {
    const ids = await queueTestEmails(250);
    provider.inject({ kind: "status", status: 502, times: 2 });
    provider.inject({ kind: "status", status: 503 });
    const started = Date.now();
    const draining = deliverAll();
    // Later attempts back off for seconds: bring them forward instead of waiting.
    const db = await getDb();
    while (Date.now() - started < 20_000 && (await messagesByStatus()).sent !== 250) {
      await new Promise((r) => setTimeout(r, 100));
      await db.execute(sql`update email_message set next_attempt_at = now() where status = 'queued' and attempts > 0`);
    }
    await draining;
    expectAcceptedOnce(ids);
  });
});
