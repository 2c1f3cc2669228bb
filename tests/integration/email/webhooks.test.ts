import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "svix";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, rows } from "@/db";
import { emailMessage, member } from "@/db/schema";
import { createMember, createOrganization } from "../../factories";
import { withEmptyDatabase } from "../fresh-database";
import { eventsOf, message, queueTestEmails } from "./outbox-helpers";

const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
process.env.RESEND_WEBHOOK_SECRET = SECRET;
const { POST } = await import("@/app/api/webhooks/resend/route");

type Signed = { body: string; headers: Record<string, string> };

function signed(event: object | string, { id = `msg_${randomUUID()}`, at = new Date(), secret = SECRET } = {}): Signed {
  const body = typeof event === "string" ? event : JSON.stringify(event);
  return { body, headers: { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": new Webhook(secret).sign(id, at, body) } };
}

async function deliver({ body, headers }: Signed) {
  const response = await POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
  return { status: response.status, json: (await response.json()) as { result?: string; error?: string } };
}

/** A Resend event for one of our messages, found by the tag every send carries. */
const event = (type: string, messageId: string, data: object = {}) => ({
  type,
  created_at: new Date().toISOString(),
  data: { email_id: `re_${messageId}`, created_at: new Date().toISOString(), to: ["x@example.test"], tags: { message_id: messageId }, ...data },
});

/** Rows per table of this file's own database: what "wrote nothing" is checked against. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = await getDb();
  const tables = await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await rows<{ n: number | string }>(db, sql`select count(*) as n from ${sql.identifier(name)}`))[0]!.n);
  return counts;
}

// A database of its own on PostgreSQL too, so the row counts above see no other test file's writes.
withEmptyDatabase();

let org: { id: string };
beforeAll(async () => {
  org = await createOrganization();
});

describe("POST /api/webhooks/resend: only signed, fresh requests change anything", () => {
  it.each([
    ["unsigned", (s: Signed) => ({ body: s.body, headers: {} })],
    ["signed with another secret", (s: Signed) => signed(JSON.parse(s.body), { secret: `whsec_${randomBytes(24).toString("base64")}` })],
    ["with a body changed after signing", (s: Signed) => ({ ...s, body: s.body.replace("email.delivered", "email.bounced") })],
    ["replayed ten minutes later", (s: Signed) => signed(JSON.parse(s.body), { at: new Date(Date.now() - 10 * 60_000) })],
  ])("rejects a request %s with a 4xx", async (_, tamper) => {
    const [id] = await queueTestEmails(1, { organizationId: org.id });
    const { status } = await deliver(tamper(signed(event("email.delivered", id!))));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect((await message(id!)).status).toBe("queued");
    expect(await eventsOf(id!)).toEqual([]);
  });

  it("rejects a signed body that is not a Resend event", async () => {
    expect((await deliver(signed({ hello: "world" }))).status).toBe(400);
  });
});

describe("POST /api/webhooks/resend: the body is read only when it can be verified, and only up to 256 kB", () => {
  const KB = 1024;

  /** A request body as a stream that counts the chunks taken from it; `chunks` of `size` bytes, or one that throws. */
  function countedBody({ chunks, size = 64 * KB, throws = false }: { chunks: number; size?: number; throws?: boolean }) {
    let pulled = 0;
    // highWaterMark 0: nothing is pulled until someone reads.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          if (throws) throw new Error("the body was read");
          controller.enqueue(new Uint8Array(size).fill(0x20));
          if (pulled === chunks) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return { body, pulled: () => pulled };
  }

  async function post(body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
    const request = new Request("http://localhost/api/webhooks/resend", { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);
    const response = await POST(request);
    return { status: response.status, json: (await response.json()) as { error?: string } };
  }

  /** Headers of a signed request; a streamed body is refused before the signature would be checked against it. */
  const signatureHeaders = () => signed({}).headers;

  it.each([["svix-id"], ["svix-timestamp"], ["svix-signature"]])("refuses a request without %s with a 400, without reading its body", async (header) => {
    const headers = signatureHeaders();
    delete headers[header];
    const { body, pulled } = countedBody({ chunks: 1, throws: true });
    const { status, json } = await post(body, headers);
    expect(status).toBe(400);
    expect(json.error).toBe(`Not a signed Svix request: the ${header} header is missing`);
    expect(pulled()).toBe(0);
  });

  it("names every missing header of an unsigned request", async () => {
    const { body, pulled } = countedBody({ chunks: 1, throws: true });
    const { status, json } = await post(body, {});
    expect({ status, error: json.error }).toEqual({ status: 400, error: "Not a signed Svix request: the svix-id, svix-timestamp, svix-signature headers are missing" });
    expect(pulled()).toBe(0);
  });

  it("refuses a body declared over 256 kB with a 413 before reading it", async () => {
    const { body, pulled } = countedBody({ chunks: 1, throws: true });
    const { status } = await post(body, { ...signatureHeaders(), "content-length": String(50 * KB * KB) });
    expect(status).toBe(413);
    expect(pulled()).toBe(0);
  });

  it("stops reading a body as soon as it passes 256 kB, whatever its Content-Length says, with a 413", async () => {
    // 16 chunks of 64 kB (1 MB) declared as 2 bytes: the fifth chunk passes 256 kB, and nothing after it is taken.
    const { body, pulled } = countedBody({ chunks: 16 });
    const { status, json } = await post(body, { ...signatureHeaders(), "content-length": "2" });
    expect(status).toBe(413);
    expect(json.error).toBe("The body is larger than 256 kB: not a Resend event");
    expect(pulled()).toBe(5);
  });

  it("still takes a signed event of up to 256 kB", async () => {
    const [id] = await queueTestEmails(1, { organizationId: org.id });
    // Padded with spaces (still JSON, still signed) to exactly 256 kB.
    const json = JSON.stringify(event("email.delivered", id!));
    const padded = json + " ".repeat(256 * KB - Buffer.byteLength(json));
    expect(await deliver(signed(padded))).toMatchObject({ status: 200, json: { result: "applied" } });
  });
});

describe("webhook events move the message and are kept on its timeline (SPEC §4.11)", () => {
  it("moves a sent message to delivered, once per event id", async () => {
    const [id] = await queueTestEmails(1, { organizationId: org.id });
    const request = signed(event("email.delivered", id!));
    expect((await deliver(request)).json.result).toBe("applied");
    expect((await deliver(request)).json.result).toBe("duplicate");
    expect(await message(id!)).toMatchObject({ status: "delivered", provider_id: `re_${id}` });
    expect((await eventsOf(id!)).map((e) => e.type)).toEqual(["delivered"]);
  });

  it("finds the message by the provider's id when the tag is missing", async () => {
    const [id] = await queueTestEmails(1, { organizationId: org.id });
    const db = await getDb();
    await db.update(emailMessage).set({ providerId: `re_only_${id}`, status: "sent" }).where(eq(emailMessage.id, id!));
    const { json } = await deliver(signed({ type: "email.delivery_delayed", data: { email_id: `re_only_${id}` } }));
    expect(json.result).toBe("applied");
    expect((await message(id!)).status).toBe("delayed");
  });

  it("keeps the bounce reason and flags the member's address, so the manager fixes it before resending", async () => {
    const person = await createMember(org.id, { primaryEmail: "typo@exmaple.test" });
    const [id] = await queueTestEmails(1, { organizationId: org.id, to: () => "typo@exmaple.test" });
    const db = await getDb();
    await db.update(emailMessage).set({ memberId: person.id }).where(eq(emailMessage.id, id!));
    const bounce = { bounce: { message: "550 5.1.1 The email account that you tried to reach does not exist", type: "Permanent", subType: "General" } };
    expect((await deliver(signed(event("email.bounced", id!, bounce)))).json.result).toBe("applied");
    expect(await message(id!)).toMatchObject({ status: "bounced", last_error: bounce.bounce.message });
    expect(await eventsOf(id!)).toEqual([{ type: "bounced", details: { reason: bounce.bounce.message, bounceType: "Permanent", bounceSubType: "General" } }]);
    const [flagged] = await db.select({ problem: member.primaryEmailProblem }).from(member).where(eq(member.id, person.id));
    expect(flagged!.problem).toBe("bounced");
  });

  it("flags a complaint, but not an address the member has since changed", async () => {
    const person = await createMember(org.id, { primaryEmail: "new@example.test" });
    const [id] = await queueTestEmails(1, { organizationId: org.id, to: () => "old@example.test" });
    const db = await getDb();
    await db.update(emailMessage).set({ memberId: person.id }).where(eq(emailMessage.id, id!));
    await deliver(signed(event("email.complained", id!)));
    expect((await message(id!)).status).toBe("complained");
    const [unflagged] = await db.select({ problem: member.primaryEmailProblem }).from(member).where(eq(member.id, person.id));
    expect(unflagged!.problem).toBeNull();
  });

  it("never moves a message back: a late 'delayed' after 'delivered' is stored but changes no status", async () => {
    const [id] = await queueTestEmails(1, { organizationId: org.id });
    await deliver(signed(event("email.delivered", id!)));
    await deliver(signed(event("email.delivery_delayed", id!)));
    expect((await message(id!)).status).toBe("delivered");
    expect((await eventsOf(id!)).map((e) => e.type).sort()).toEqual(["delivered", "delivery_delayed"]);
  });

  it("answers 200 for an event about a message it does not know, so the provider stops retrying it", async () => {
    const { status, json } = await deliver(signed(event("email.delivered", randomUUID())));
    expect(status).toBe(200);
    expect(json.result).toBe("unknown-message");
  });

  it("writes nothing anywhere for an event about an email it never sent, however the event names it", async () => {
    await queueTestEmails(1, { organizationId: org.id }); // a known email beside the unknown ones
    const before = await rowCounts();
    expect(before).toHaveProperty("email_event");
    const unknown = [
      event("email.bounced", randomUUID(), { bounce: { message: "550 no such user" } }),
      { type: "email.complained", data: { email_id: `re_${randomUUID()}` } },
      { type: "email.delivered", data: { email_id: `re_${randomUUID()}`, tags: [{ name: "message_id", value: "not-a-uuid" }] } },
    ];
    for (const e of unknown) expect(await deliver(signed(e))).toEqual({ status: 200, json: { result: "unknown-message" } });
    expect(await rowCounts()).toEqual(before);
  });
});
