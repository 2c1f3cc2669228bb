import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { Webhook } from "svix";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailMessage, member } from "@/db/schema";
import { createMember, createOrganization } from "../../factories";
import { eventsOf, message, queueTestEmails } from "./outbox-helpers";

const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
process.env.RESEND_WEBHOOK_SECRET = SECRET;
const { POST } = await import("@/app/api/webhooks/resend/route");

type Signed = { body: string; headers: Record<string, string> };

function signed(event: object, { id = `msg_${randomUUID()}`, at = new Date(), secret = SECRET } = {}): Signed {
  const body = JSON.stringify(event);
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
});
