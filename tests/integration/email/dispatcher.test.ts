import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, rows } from "@/db";
import { claimBatch, createDispatcher, recordOutcome, retryDelayMs } from "@/lib/email/dispatcher";
import { deferredContent } from "@/lib/email/deferred-content";
import { mailboxEmails } from "@/lib/email/mailbox";
import { queueEmails } from "@/lib/email/outbox";
import { reserveSlot } from "@/lib/email/rate";
import { renderEmail } from "@/lib/email/render-email";
import type { SendOutcome, Transport } from "@/lib/email/transport";
import { outboxTransport } from "@/lib/email/transports/outbox";
import { createOrganization } from "../../factories";
import { withEmptyDatabase } from "../fresh-database";
import { eventsOf, message, messagesByStatus, queueTestEmails } from "./outbox-helpers";

// A dispatcher takes every due email in its database: this file gets a database of its own.
withEmptyDatabase();

const fast = { pollMs: 20, concurrency: 2, ratePerSecond: 1000 };

/** A transport that answers from a script, one outcome per request, and remembers what it was asked to send. */
function scriptedTransport(script: (request: number, ids: string[]) => SendOutcome | "accept"): Transport & { requests: { key: string; ids: string[] }[] } {
  const requests: { key: string; ids: string[] }[] = [];
  return {
    name: "resend",
    rateLimited: true,
    requests,
    async send(batch, key) {
      const ids = batch.map((e) => e.id);
      requests.push({ key, ids });
      const outcome = script(requests.length, ids);
      if (outcome !== "accept") return outcome;
      return { kind: "answered", results: ids.map((id) => ({ id, accepted: true, providerId: `re_${id}` })) };
    },
  };
}

async function clearOutbox() {
  const db = await getDb();
  await db.execute(sql`delete from email_message`);
  await db.execute(sql`delete from provider_rate`);
}

describe("the outbox (SPEC §5)", () => {
  it("queues in the caller's transaction: rolled back, no email exists", async () => {
    await clearOutbox();
    const db = await getDb();
    const org = await createOrganization();
    await expect(
      db.transaction(async (tx) => {
        await queueEmails(tx, [
          { organizationId: org.id, memberId: null, template: "welcome", to: "Dana@Example.test", sender: "Acme <a@b.test>", content: { subject: "s", html: "h", text: "t" } },
        ]);
        throw new Error("the token could not be written");
      }),
    ).rejects.toThrow("the token could not be written");
    expect(await messagesByStatus()).toEqual({});
  });

  it("delivers through the outbox transport at once, to the mailbox, newest first, with the links of each email", async () => {
    await clearOutbox();
    const db = await getDb();
    // Three separate sends: emails queued in one transaction share their time.
    const ids: string[] = [];
    for (const to of ["dana@example.test", "Other@Example.test", "dana@example.test"]) ids.push(...(await queueTestEmails(1, { to: () => to })));
    await createDispatcher({ db, transport: outboxTransport, settings: fast }).drain();
    expect(await messagesByStatus()).toEqual({ sent: 3 });
    const dana = await mailboxEmails(db, { to: "DANA@example.test" });
    expect(dana.map((e) => e.id)).toEqual([ids[2], ids[0]]);
    expect(dana[0]!.links).toEqual(["http://localhost:3000/set-password/secret-0?a=1&b=2"]);
    expect(dana[0]!.subject).toBe("Your account has been created! (0)");
    expect((await mailboxEmails(db, { to: "other@example.test" })).map((e) => e.to)).toEqual(["other@example.test"]);
  });

  it("keeps what is queued but not yet sent out of the mailbox", async () => {
    await clearOutbox();
    await queueTestEmails(1, { to: () => "queued@example.test" });
    expect(await mailboxEmails(await getDb(), { to: "queued@example.test" })).toEqual([]);
  });
});

describe("claiming batches", () => {
  it("fixes a batch when it is claimed: after a crash the same emails go again under the same key", async () => {
    await clearOutbox();
    const db = await getDb();
    const ids = await queueTestEmails(5);
    const first = await claimBatch(db, { batchSize: 3, leaseMs: 60_000 });
    expect(first!.emails).toHaveLength(3);
    expect(await claimBatch(db, { batchSize: 3, leaseMs: 60_000 })).toMatchObject({ emails: expect.any(Array) }); // the other two
    // The first dispatcher dies without recording anything; its lease runs out.
    await db.execute(sql`update email_message set next_attempt_at = now() - interval '1 second' where batch_key = ${first!.key.split("/")[1]!}`);
    const again = await claimBatch(db, { batchSize: 3, leaseMs: 60_000 });
    expect(again!.key).toBe(first!.key);
    expect(again!.emails.map((e) => e.id)).toEqual(first!.emails.map((e) => e.id));
    expect(again!.attempt).toBe(2);
    expect(ids).toEqual(expect.arrayContaining(again!.emails.map((e) => e.id)));
    expect(await claimBatch(db, { batchSize: 3, leaseMs: 60_000 })).toBeNull();
  });

  it("never gives one email to two claims at once", async () => {
    await clearOutbox();
    const db = await getDb();
    await queueTestEmails(250);
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimBatch(db, { batchSize: 50, leaseMs: 60_000 })));
    const claimed = claims.flatMap((c) => c?.emails.map((e) => e.id) ?? []);
    expect(claimed).toHaveLength(250);
    expect(new Set(claimed).size).toBe(250);
  });
});

describe("delivery outcomes", () => {
  it("records the provider's ids and marks the emails sent", async () => {
    await clearOutbox();
    const db = await getDb();
    const ids = await queueTestEmails(3);
    const transport = scriptedTransport(() => "accept");
    await createDispatcher({ db, transport, settings: fast }).drain();
    expect(transport.requests).toHaveLength(1);
    for (const id of ids) expect(await message(id)).toMatchObject({ status: "sent", provider_id: `re_${id}`, attempts: 1 });
  });

  it("retries a batch that failed as a whole with the same emails and key, and records each failed attempt", async () => {
    await clearOutbox();
    const db = await getDb();
    const ids = await queueTestEmails(4);
    const transport = scriptedTransport((n) => (n <= 2 ? { kind: "retry", error: "500 internal_server_error: boom", rateLimited: false } : "accept"));
    // Attempt 2's backoff is about 2 s: run the clock forward instead of waiting.
    const dispatcher = createDispatcher({ db, transport, settings: fast });
    const draining = dispatcher.drain();
    for (let i = 0; i < 50 && transport.requests.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await db.execute(sql`update email_message set next_attempt_at = now() where status = 'queued'`);
    }
    await draining;
    expect(transport.requests).toHaveLength(3);
    expect(new Set(transport.requests.map((r) => r.key)).size).toBe(1);
    expect(transport.requests.every((r) => r.ids.join() === transport.requests[0]!.ids.join())).toBe(true);
    expect(await message(ids[0]!)).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expect((await eventsOf(ids[0]!)).map((e) => [e.type, e.details.error])).toEqual([
      ["retry", "500 internal_server_error: boom"],
      ["retry", "500 internal_server_error: boom"],
    ]);
  });

  it("marks only the refused emails of a batch failed, with the provider's reason", async () => {
    await clearOutbox();
    const db = await getDb();
    const ids = await queueTestEmails(3);
    const transport = scriptedTransport((_, batch) => ({
      kind: "answered",
      results: batch.map((id) => (id === ids[1] ? { id, accepted: false, error: "Invalid `to` field" } : { id, accepted: true, providerId: `re_${id}` })),
    }));
    await createDispatcher({ db, transport, settings: fast }).drain();
    expect(await message(ids[1]!)).toMatchObject({ status: "failed", last_error: "Invalid `to` field" });
    expect(await eventsOf(ids[1]!)).toEqual([{ type: "failed", details: { error: "Invalid `to` field" } }]);
    expect((await message(ids[0]!)).status).toBe("sent");
    expect((await message(ids[2]!)).status).toBe("sent");
  });

  it("fails the whole batch on a permanent rejection", async () => {
    await clearOutbox();
    const db = await getDb();
    const ids = await queueTestEmails(2);
    const transport = scriptedTransport(() => ({ kind: "rejected", error: "403 validation_error: The domain is not verified" }));
    await createDispatcher({ db, transport, settings: fast }).drain();
    for (const id of ids) expect(await message(id)).toMatchObject({ status: "failed", last_error: "403 validation_error: The domain is not verified" });
    expect(transport.requests).toHaveLength(1);
  });

  it("gives up after the last attempt and says so", async () => {
    await clearOutbox();
    const db = await getDb();
    const [id] = await queueTestEmails(1);
    const batch = await claimBatch(db, { batchSize: 100, leaseMs: 60_000 });
    await recordOutcome(db, { ...batch!, attempt: 12 }, { kind: "retry", error: "503 Service Unavailable", rateLimited: false }, { maxAttempts: 12, provider: "resend", ratePerSecond: 10 });
    expect(await message(id!)).toMatchObject({ status: "failed", last_error: "Gave up after 12 attempts. Last error: 503 Service Unavailable" });
  });

  it("never moves an email back to sent once a webhook has moved it on", async () => {
    await clearOutbox();
    const db = await getDb();
    const [id] = await queueTestEmails(1);
    const batch = await claimBatch(db, { batchSize: 100, leaseMs: 60_000 });
    await db.execute(sql`update email_message set status = 'delivered' where id = ${id!}`);
    await recordOutcome(db, batch!, { kind: "answered", results: [{ id: id!, accepted: true, providerId: "re_1" }] }, { maxAttempts: 12, provider: "resend", ratePerSecond: 10 });
    expect(await message(id!)).toMatchObject({ status: "delivered", provider_id: "re_1" });
  });

  it("after a 429 waits for retry-after with that batch, while the others skip one slot", async () => {
    await clearOutbox();
    const db = await getDb();
    await queueTestEmails(1);
    const batch = await claimBatch(db, { batchSize: 100, leaseMs: 60_000 });
    await recordOutcome(db, batch!, { kind: "retry", error: "429 rate_limit_exceeded", retryAfterMs: 3_000, rateLimited: true }, { maxAttempts: 12, provider: "resend", ratePerSecond: 10 });
    const [row] = await rows<{ due_in: number | string }>(db, sql`select extract(epoch from next_attempt_at - now()) as due_in from email_message`);
    expect(Number(row!.due_in)).toBeGreaterThan(2.5);
    const wait = await reserveSlot(db, "resend", 10);
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThan(400);
  });

  it("holds the whole deployment when retry-after says the quota is spent", async () => {
    await clearOutbox();
    const db = await getDb();
    await queueTestEmails(1);
    const batch = await claimBatch(db, { batchSize: 100, leaseMs: 60_000 });
    await recordOutcome(db, batch!, { kind: "retry", error: "429 daily_quota_exceeded", retryAfterMs: 60_000, rateLimited: true }, { maxAttempts: 12, provider: "resend", ratePerSecond: 10 });
    expect(await reserveSlot(db, "resend", 10)).toBeGreaterThan(59_000);
  });
});

describe("the deployment-wide rate", () => {
  it("spaces slots one interval apart, however many ask at once", async () => {
    const db = await getDb();
    await db.execute(sql`delete from provider_rate`);
    const waits = (await Promise.all(Array.from({ length: 10 }, () => reserveSlot(db, "rate-test", 10)))).sort((a, b) => a - b);
    // 10 per second (with 3 % slack): the tenth slot is about 0.93 s after the first.
    expect(waits[0]!).toBeLessThan(60);
    expect(waits[9]! - waits[0]!).toBeGreaterThan(880);
    for (let i = 1; i < waits.length; i++) expect(waits[i]! - waits[i - 1]!).toBeGreaterThan(90);
  });

  it("backs off 0 s, then about 2, 4, 8 s… up to 15 minutes, never sooner than retry-after", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 20].map((a) => retryDelayMs(a, undefined, mid))).toEqual([0, 2_000, 4_000, 8_000, 900_000]);
    expect(retryDelayMs(1, 5_000, mid)).toBe(5_000);
  });
});

describe("emails queued with their template's props (lib/email/deferred-content.ts)", () => {
  const welcomeProps = (i: number) => ({
    language: "en",
    timeZone: "Europe/Berlin",
    organizationName: "Acme Dental",
    memberName: `Dana Reyes ${i}`,
    loginName: `20${i}@acme`,
    helpUrl: "http://localhost:3000/help",
    link: `http://localhost:3000/set-password/${"x".repeat(40)}00${i}`,
    expiresAt: new Date("2026-12-31T12:00:00Z"),
    directNumber: i === 0 ? "+14155550123" : null,
    sentBy: "Sam Okafor (Office Manager)",
  });

  it("are rendered before the first attempt, exactly as renderEmail writes them, kept, and their props dropped", async () => {
    await clearOutbox();
    const db = await getDb();
    const org = await createOrganization();
    const ids = await db.transaction((tx) =>
      queueEmails(
        tx,
        [0, 1, 2].map((i) => ({
          organizationId: org.id,
          memberId: null,
          template: "welcome" as const,
          to: `dana${i}@example.test`,
          sender: "Acme <a@b.test>",
          content: deferredContent("welcome", welcomeProps(i)),
        })),
      ),
    );
    // The log knows the subject at once; the HTML and text come with the first attempt.
    expect(await rows(db, sql`select subject, html, text from email_message order by "to"`)).toEqual(
      [0, 1, 2].map(() => ({ subject: "Your account has been created!", html: null, text: null })),
    );
    const transport = scriptedTransport(() => "accept");
    await createDispatcher({ db, transport, settings: fast }).drain();
    const stored = await rows<{ id: string; html: string; text: string; render_props: unknown; status: string }>(db, sql`select id, html, text, render_props, status from email_message`);
    for (const [i, id] of ids.entries()) {
      const expected = await renderEmail("welcome", welcomeProps(i));
      expect(stored.find((r) => r.id === id)).toEqual({ id, html: expected.html, text: expected.text, render_props: null, status: "sent" });
    }
    expect(transport.requests).toHaveLength(1);
  });

  it("an email whose props can't be rendered fails at once, saying why, and the rest of its batch is sent", async () => {
    await clearOutbox();
    const db = await getDb();
    const org = await createOrganization();
    const [good, bad] = await db.transaction((tx) =>
      queueEmails(tx, [
        { organizationId: org.id, memberId: null, template: "welcome", to: "good@example.test", sender: "Acme <a@b.test>", content: deferredContent("welcome", welcomeProps(1)) },
        { organizationId: org.id, memberId: null, template: "welcome", to: "bad@example.test", sender: "Acme <a@b.test>", content: { subject: "Your account has been created!", renderProps: { language: "en" } } },
      ]),
    );
    await createDispatcher({ db, transport: scriptedTransport(() => "accept"), settings: fast }).drain();
    expect(await message(good!)).toMatchObject({ status: "sent" });
    expect(await message(bad!)).toMatchObject({ status: "failed", last_error: expect.stringContaining("This email could not be written") });
    expect(await eventsOf(bad!)).toEqual([{ type: "failed", details: { error: expect.stringContaining("could not be written") } }]);
  });
});
