import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailEvent, emailMessage, organization, token } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { emailTimelines } from "@/lib/email/email-log";
import { linksOf } from "@/lib/email/mailbox";
import { setMemberStatus } from "@/lib/members/member-status";
import { findLink, recordLinkOpened } from "@/lib/onboarding/links";
import { setPasswordWithLink } from "@/lib/onboarding/set-password-with-link";
import { hashTokenSecret, revokeOpenTokens } from "@/lib/tokens";
import { seedOrganization } from "@/tests/factories";
import { NEW_PASSWORD, NEW_PIN, activeMember, auditsOf, invitedMember, pendingMember, sendLink, tokensOf } from "./helpers";

/**
 * The links in welcome and reset emails (SPEC §6): only their SHA-256 is stored, they live as long as the organization
 * says, and opening one (findLink, recordLinkOpened) tells what state it is in without ever consuming it.
 */

const stateOf = async (secret: string, purpose: "invite" | "reset", now?: Date) => (await findLink(await getDb(), secret, purpose, now))?.state ?? "unknown";


describe("link secrets (SPEC §6)", () => {
  it("a link is the app's address, the page and 32 random bytes in base64url; only its SHA-256 is stored", async () => {
    const { org, invitee: dana, email, secret } = await invitedMember();
    expect(linksOf(email.html)).toContain(`${getConfig().appUrl}/set-password/${secret}`);
    expect(email.text).toContain(`${getConfig().appUrl}/set-password/${secret}`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    const db = await getDb();
    expect(await db.select().from(token).where(eq(token.secretHash, secret))).toEqual([]);
    expect(await db.select().from(token).where(eq(token.secretHash, hashTokenSecret(secret)))).toHaveLength(1);
    // Nowhere in the token row, nor in the audit event of the send.
    expect(JSON.stringify(await tokensOf(dana.id))).not.toContain(secret);
    expect(JSON.stringify(await auditsOf(dana.id, "member.welcome-sent"))).not.toContain(secret);

    const reset = await sendLink(org.actors.admin, org.members.inScope.id, "reset");
    expect(linksOf(reset.email.html)).toContain(`${getConfig().appUrl}/reset-password/${reset.secret}`);
    expect(reset.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("[Owner] invite and reset links last as long as the organization's settings say", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const now = new Date();
    const sendBoth = async () => ({
      invite: (await sendLink(org.actors.admin, (await pendingMember(org)).id, "invite", now)).token,
      reset: (await sendLink(org.actors.admin, (await activeMember(org)).id, "reset", now)).token,
    });
    const defaults = await sendBoth();
    expect(defaults.invite.expiresAt).toEqual(new Date(now.getTime() + 30 * 86_400_000));
    expect(defaults.reset.expiresAt).toEqual(new Date(now.getTime() + 6 * 3_600_000));

    await db.update(organization).set({ inviteLinkDays: 2, resetLinkMinutes: 15 }).where(eq(organization.id, org.organization.id));
    const short = await sendBoth();
    expect(short.invite.expiresAt).toEqual(new Date(now.getTime() + 2 * 86_400_000));
    expect(short.reset.expiresAt).toEqual(new Date(now.getTime() + 15 * 60_000));
  });
});

describe("findLink: what a link page shows (SPEC §4.7)", () => {
  it("a fresh link is valid until its expiry, then expired", async () => {
    const { token: issued, secret } = await invitedMember();
    expect(await stateOf(secret, "invite")).toBe("valid");
    expect(await stateOf(secret, "invite", new Date(issued.expiresAt.getTime() - 1000))).toBe("valid");
    expect(await stateOf(secret, "invite", new Date(issued.expiresAt.getTime() + 1000))).toBe("expired");
  });

  it("a link someone set their password with is used", async () => {
    const { secret } = await invitedMember();
    await setPasswordWithLink({ purpose: "invite", input: { secret, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, voicemailPin: NEW_PIN } });
    expect(await stateOf(secret, "invite")).toBe("used");
  });

  it("the link of an earlier email is replaced once a newer one is sent", async () => {
    const { org, invitee: dana, secret } = await invitedMember();
    await sendLink(org.actors.admin, dana.id, "invite");
    expect(await stateOf(secret, "invite")).toBe("replaced");
  });

  it("disabling the member cancels their link", async () => {
    const { org, invitee: dana, secret } = await invitedMember();
    await setMemberStatus({ actor: org.actors.admin, memberId: dana.id, change: "disabled" });
    expect(await stateOf(secret, "invite")).toBe("cancelled");
  });

  it("a link revoked with no newer one to take its place is cancelled", async () => {
    const { invitee: dana, secret } = await invitedMember();
    await revokeOpenTokens(await getDb(), [dana.id], new Date());
    expect(await stateOf(secret, "invite")).toBe("cancelled");
  });

  it("a made-up, malformed, or other page's secret is unknown", async () => {
    const { org, secret } = await invitedMember();
    const reset = await sendLink(org.actors.admin, org.members.inScope.id, "reset");
    expect(await stateOf(randomBytes(32).toString("base64url"), "invite")).toBe("unknown");
    expect(await stateOf(`${secret}x`, "invite")).toBe("unknown");
    expect(await stateOf("' or 1=1 --", "invite")).toBe("unknown");
    expect(await stateOf(reset.secret, "invite")).toBe("unknown"); // a reset link on the set-password page
    expect(await stateOf(secret, "reset")).toBe("unknown");
    expect(await stateOf(reset.secret, "reset")).toBe("valid");
  });

  it("opening a link page, however often, never uses the link up", async () => {
    const { invitee: dana, secret } = await invitedMember();
    for (let i = 0; i < 5; i++) expect(await stateOf(secret, "invite")).toBe("valid");
    expect(await tokensOf(dana.id)).toMatchObject([{ usedAt: null, revokedAt: null }]);
  });
});

describe("recordLinkOpened: 'Link page opened' on the email log (SPEC §4.11)", () => {
  async function openings(messageId: string) {
    const db = await getDb();
    const events = await db.select().from(emailEvent).where(eq(emailEvent.messageId, messageId)).orderBy(emailEvent.occurredAt);
    return events.map((e) => ({ type: e.type, details: e.details, occurredAt: e.occurredAt, occurrences: e.occurrences }));
  }

  /** A welcome email the dispatcher has just sent; `open` opens its link this long after it was sent. */
  async function sentInvite() {
    const { email, token: issued } = await invitedMember();
    const db = await getDb();
    const sentAt = new Date();
    await db.update(emailMessage).set({ status: "sent", sentAt }).where(eq(emailMessage.id, email.id));
    const at = (ms: number) => new Date(sentAt.getTime() + ms);
    const open = (method: "GET" | "HEAD", ms: number) => recordLinkOpened(db, issued.id, method, at(ms));
    return { db, email, sentAt, at, open };
  }

  it("is put on the email that carried the link; a HEAD is probably a link scanner even a minute later, a GET is not", async () => {
    const { email, open } = await sentInvite();
    await open("HEAD", 60_000);
    await open("GET", 121_000);
    expect(await openings(email.id)).toMatchObject([
      { type: "link_opened", details: { method: "HEAD", probablyScanner: true }, occurrences: 1 },
      { type: "link_opened", details: { method: "GET", probablyScanner: false }, occurrences: 1 },
    ]);
  });

  it("a GET within seconds of the email being sent or delivered is probably a scanner; a minute later, a person", async () => {
    const { db, email, sentAt, open } = await sentInvite();
    await open("GET", 3_000);
    await open("GET", 64_000);
    await db.update(emailMessage).set({ status: "delivered", deliveredAt: new Date(sentAt.getTime() + 180_000) }).where(eq(emailMessage.id, email.id));
    await open("GET", 182_000);
    expect((await openings(email.id)).map((e) => e.details.probablyScanner)).toEqual([true, false, true]);
  });

  it("keeps one event per link per minute: 20 openings within a minute are one row counted 20 times; 61 s later, a second row", async () => {
    const { email, at, open } = await sentInvite();
    for (let i = 0; i < 20; i++) await open("GET", 30_000 + i * 3_000); // from 30 s to 87 s after sending
    expect(await openings(email.id)).toEqual([
      { type: "link_opened", details: { method: "GET", probablyScanner: false }, occurredAt: at(30_000), occurrences: 20 },
    ]);
    await open("GET", 91_000); // 61 s after the event's first opening
    expect((await openings(email.id)).map((e) => [e.occurredAt, e.occurrences])).toEqual([
      [at(30_000), 20],
      [at(91_000), 1],
    ]);
  });

  it("counts 20 openings at once as one event, on one connection or several", async () => {
    const { email, at, open } = await sentInvite();
    await Promise.all(Array.from({ length: 20 }, (_, i) => open(i % 2 ? "HEAD" : "GET", 30_000 + i * 100)));
    const events = await openings(email.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.occurrences).toBe(20);
    expect(events[0]!.occurredAt.getTime()).toBeLessThan(at(32_000).getTime());
  });

  it("stays 'probably a link scanner' only while every opening it counts looks like one", async () => {
    const { email, open } = await sentInvite();
    await open("HEAD", 1_000);
    await open("HEAD", 20_000);
    expect(await openings(email.id)).toMatchObject([{ details: { probablyScanner: true }, occurrences: 2 }]);
    await open("GET", 40_000); // a person, within the minute
    expect(await openings(email.id)).toMatchObject([{ details: { probablyScanner: false }, occurrences: 3 }]);
  });

  it("the email log shows the count where it shows the event: 'Link page opened (20 times)'", async () => {
    const { db, email, open } = await sentInvite();
    for (let i = 0; i < 20; i++) await open("GET", 30_000 + i * 1_000);
    await open("GET", 100_000);
    const [message] = await db.select().from(emailMessage).where(eq(emailMessage.id, email.id));
    const timeline = (await emailTimelines(db, [message!])).get(email.id)!;
    expect(timeline.map((e) => e.label)).toEqual(["Queued", "Sent", "Link page opened (20 times)", "Link page opened"]);
  });
});
