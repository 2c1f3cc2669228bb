import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, emailMessage, job, member, token } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { createMember as createMemberFromForm } from "@/lib/members/create-member";
import { memberInput } from "@/lib/members/schemas";
import { usersQuery } from "@/lib/members/users-query";
import { queueLinkEmails } from "@/lib/onboarding/link-emails";
import { findLink } from "@/lib/onboarding/links";
import { organizationFor, planLinkEmails, sendLinkEmail, sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { SKIP_REASONS, whyNotSendable } from "@/lib/onboarding/sendability";
import { hashTokenSecret } from "@/lib/tokens";
import { createMember, createSupportActor, reloadMember, seedOrganization, type SeededOrganization } from "@/tests/factories";
import { auditsOf, emailsOf, everythingAbout, expectRejection, newestLink, pendingMember, secretIn, sendLink, tokensOf } from "./helpers";

/**
 * "Send Welcome Email" and "Send Password Reset" (SPEC §4.6, seeds 002–004): bulk from the Users tab, single from a
 * member page, and "Send welcome email now" on Create. Every email carries a link of its own, written with it.
 */

const ids = (...members: { id: string }[]) => ({ kind: "ids" as const, ids: members.map((m) => m.id) });
const allPending = () => ({ kind: "query" as const, query: usersQuery.parse({ status: "pending" }) });

/** How many members, tokens, emails and audit events the organization has. */
async function rowsOf(organizationId: string) {
  const db = await getDb();
  const [[members], [tokens], [emails], [audits]] = await Promise.all([
    db.select({ n: count() }).from(member).where(eq(member.organizationId, organizationId)),
    db.select({ n: count() }).from(token).innerJoin(member, eq(member.id, token.memberId)).where(eq(member.organizationId, organizationId)),
    db.select({ n: count() }).from(emailMessage).where(eq(emailMessage.organizationId, organizationId)),
    db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.organizationId, organizationId)),
  ]);
  return { members: members!.n, tokens: tokens!.n, emails: emails!.n, audits: audits!.n };
}

/** One member of each kind the bulk dialog skips, and why (SPEC §4.6). */
async function oneOfEachSkip(org: SeededOrganization) {
  return {
    "already-confirmed": org.members.inScope,
    "no-email": await pendingMember(org, { primaryEmail: null }),
    bounced: await pendingMember(org, { primaryEmailProblem: "bounced" }),
    complained: await pendingMember(org, { primaryEmailProblem: "complained" }),
    "no-portal-access": await pendingMember(org, { portalAccess: false, loginName: null, primaryEmail: null }),
    disabled: await pendingMember(org, { status: "disabled" }),
  };
}

describe("bulk 'Send Welcome Email'", () => {
  it("[Office Manager] each pending member gets an email with a link of their own; the popup's N is what was queued", async () => {
    const org = await seedOrganization();
    const pending = [await pendingMember(org), await pendingMember(org), await pendingMember(org)];
    const now = new Date();
    const result = await sendLinkEmails({ actor: org.actors.admin, selection: ids(...pending), purpose: "invite", now });

    expect(result).toMatchObject({ queued: 3, sendable: 3, skippedCount: 0, missing: 0, jobId: expect.any(String) });
    expect(await rowsOf(org.organization.id)).toMatchObject({ tokens: 3, emails: 3 });
    const secrets = new Set<string>();
    for (const m of pending) {
      const [email] = await emailsOf(m.id);
      const [issued] = await tokensOf(m.id);
      expect(await emailsOf(m.id)).toHaveLength(1);
      expect(await tokensOf(m.id)).toHaveLength(1);
      expect(email).toMatchObject({ status: "queued", template: "welcome", to: m.primaryEmail, subject: "Your account has been created!", tokenId: issued!.id, jobId: result.jobId });
      expect(issued).toMatchObject({ purpose: "invite", sentTo: m.primaryEmail, usedAt: null, revokedAt: null });
      expect(email!.text).toContain("Sent by Adam Admin (Office Manager).");
      const secret = secretIn(email!, "invite");
      expect(issued!.secretHash).toBe(hashTokenSecret(secret));
      secrets.add(secret);
      expect((await reloadMember(m.id))!.confirmationSentAt).toEqual(now); // "Confirmation sent"
    }
    expect(secrets.size).toBe(3);
    const db = await getDb();
    // One audit event for the send, naming its job; the job's emails say who got one.
    expect(await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.organization.id), eq(auditEvent.action, "members.welcome-sent")))).toEqual([
      expect.objectContaining({
        actorMemberId: org.members.admin.id,
        targetType: "job",
        targetId: result.jobId,
        details: { emails: 3, skipped: {}, missing: 0, selection: { picked: 3 } },
      }),
    ]);
    expect(await db.select().from(job).where(eq(job.id, result.jobId!))).toEqual([
      expect.objectContaining({ organizationId: org.organization.id, kind: "bulk_send", status: "running", total: 3, createdById: org.members.admin.id }),
    ]);
  });

  it("[Office Manager] the dialog names who is skipped and why, and the send skips exactly them", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const pending = [await pendingMember(org), await pendingMember(org)];
    const skips = await oneOfEachSkip(org);
    const forged = await pendingMember(other); // another organization's id slipped into the selection
    const selection = ids(...pending, ...Object.values(skips), forged);
    const before = await everythingAbout([...Object.values(skips), forged].map((m) => m.id));

    const plan = await planLinkEmails({ actor: org.actors.admin, selection, purpose: "invite" });
    const expected = {
      sendable: 2,
      skippedCount: 6,
      missing: 1,
      skippedByReason: { "already-confirmed": 1, "no-email": 1, bounced: 1, complained: 1, "no-portal-access": 1, disabled: 1 },
    };
    expect(plan).toMatchObject(expected);
    expect(new Map(plan.skipped.map((s) => [s.id, s.reason]))).toEqual(new Map(Object.entries(skips).map(([reason, m]) => [m.id, reason])));
    expect(plan.skipped.find((s) => s.id === org.members.inScope.id)?.label).toBe("Ina Scope");
    expect(await emailsOf(pending[0]!.id)).toEqual([]); // planning sends nothing

    const result = await sendLinkEmails({ actor: org.actors.admin, selection, purpose: "invite" });
    expect(result).toMatchObject({ ...expected, queued: 2 });
    expect(await everythingAbout([...Object.values(skips), forged].map((m) => m.id))).toEqual(before);
    const db = await getDb();
    expect(await db.select().from(emailMessage).where(eq(emailMessage.jobId, result.jobId!))).toHaveLength(2);
  });

  it("[Office Manager] a selection of nobody who can get one queues nothing and starts no job", async () => {
    const org = await seedOrganization();
    const skips = await oneOfEachSkip(org);
    await expect(sendLinkEmails({ actor: org.actors.admin, selection: ids(...Object.values(skips)), purpose: "invite" })).resolves.toMatchObject({
      queued: 0,
      jobId: null,
      skippedCount: 6,
    });
  });

  it("[Site Manager] a member of the other site counts as missing, an office manager as 'Outside your scope'; neither gets anything", async () => {
    const org = await seedOrganization();
    const mine = await pendingMember(org);
    const otherSite = await pendingMember(org, { siteId: org.sites.other.id, teamId: org.teams.beta.id });
    const officeManager = await pendingMember(org, { role: "admin", siteId: null, teamId: null });
    const before = await everythingAbout([otherSite.id, officeManager.id]);
    const result = await sendLinkEmails({ actor: org.actors.siteManager, selection: ids(mine, otherSite, officeManager), purpose: "invite" });
    expect(result).toMatchObject({ queued: 1, missing: 1, skippedByReason: { "outside-scope": 1 }, skipped: [{ id: officeManager.id, reason: "outside-scope" }] });
    expect(await everythingAbout([otherSite.id, officeManager.id])).toEqual(before);
    // Asked directly, the rule names the other site's member as out of scope too.
    expect(whyNotSendable(org.actors.siteManager, otherSite, "invite")).toBe("outside-scope");
  });

  it("[Call Center Supervisor] only the agents of their own team get one; another team's agent gets nothing", async () => {
    const org = await seedOrganization();
    const agent = await pendingMember(org);
    const otherTeam = await pendingMember(org, { teamId: org.teams.beta.id });
    const before = await everythingAbout([otherTeam.id]);
    const result = await sendLinkEmails({ actor: org.actors.supervisor, selection: ids(agent, otherTeam), purpose: "invite" });
    expect(result).toMatchObject({ queued: 1, missing: 1 });
    expect(await everythingAbout([otherTeam.id])).toEqual(before);
    expect(whyNotSendable(org.actors.supervisor, otherTeam, "invite")).toBe("outside-scope");
    expect(await auditsOf(result.jobId!, "members.welcome-sent")).toMatchObject([{ actorMemberId: org.members.supervisor.id, details: { emails: 1, missing: 1 } }]);
  });

  it("[Office Manager] with the Pending filter on, 'select all N matching' sends to every pending member", async () => {
    const org = await seedOrganization();
    const pending = [await pendingMember(org), await pendingMember(org), await pendingMember(org, { siteId: org.sites.other.id, teamId: null })];
    await oneOfEachSkip(org); // the filter lists the bounced and address-less ones too; they are skipped
    const result = await sendLinkEmails({ actor: org.actors.admin, selection: allPending(), purpose: "invite" });
    expect(result).toMatchObject({ queued: 3, missing: 0 });
    expect(result.skippedByReason).toEqual({ "no-email": 1, bounced: 1, complained: 1 });
    for (const m of pending) expect(await tokensOf(m.id)).toHaveLength(1);
  });

  it("[Office Manager] 'select all N matching' means all of them, not the page on screen, and a member picked twice gets one email", async () => {
    const org = await seedOrganization();
    const pending = await Promise.all(Array.from({ length: 12 }, () => pendingMember(org)));
    const firstPage = { kind: "query" as const, query: usersQuery.parse({ status: "pending", page: "1", pageSize: "10" }) };
    expect(await sendLinkEmails({ actor: org.actors.admin, selection: firstPage, purpose: "invite" })).toMatchObject({ queued: 12 });
    const twice = await sendLinkEmails({ actor: org.actors.admin, selection: ids(pending[0]!, pending[0]!), purpose: "invite" });
    expect(twice).toMatchObject({ queued: 1, missing: 0 });
    expect(await emailsOf(pending[0]!.id)).toHaveLength(2);
  });

  it("[Site Manager] 'select all N matching' reaches only the pending members of their own site", async () => {
    const org = await seedOrganization();
    const mine = [await pendingMember(org), await pendingMember(org, { teamId: null })];
    const elsewhere = await pendingMember(org, { siteId: org.sites.other.id, teamId: org.teams.beta.id });
    const result = await sendLinkEmails({ actor: org.actors.siteManager, selection: allPending(), purpose: "invite" });
    expect(result).toMatchObject({ queued: 2, missing: 0, skippedCount: 0 });
    for (const m of mine) expect(await emailsOf(m.id)).toHaveLength(1);
    expect(await emailsOf(elsewhere.id)).toEqual([]);
  });

  it("[Office Manager] bulk 'Send Password Reset' reaches the active members and skips the pending ones", async () => {
    const org = await seedOrganization();
    const pending = await pendingMember(org);
    const result = await sendLinkEmails({ actor: org.actors.admin, selection: ids(org.members.inScope, pending), purpose: "reset" });
    expect(result).toMatchObject({ queued: 1, skippedByReason: { "not-confirmed": 1 } });
    const { email } = await newestLink(org.members.inScope.id, "reset");
    expect(email).toMatchObject({ template: "password-reset", subject: "Reset your password", to: org.members.inScope.primaryEmail });
    expect(await auditsOf(result.jobId!, "members.reset-sent")).toMatchObject([{ details: { emails: 1, skipped: { "not-confirmed": 1 } } }]);
    expect(await tokensOf(pending.id)).toEqual([]);
  });
});

describe("single 'Send Welcome Email' and 'Send Password Reset'", () => {
  it("[Office Manager] resending to a pending member replaces the earlier link: only the newest works", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    const first = await sendLink(org.actors.admin, dana.id, "invite");
    const second = await sendLink(org.actors.admin, dana.id, "invite");
    const db = await getDb();
    expect((await findLink(db, first.secret, "invite"))?.state).toBe("replaced");
    expect((await findLink(db, second.secret, "invite"))?.state).toBe("valid");
    expect(second.secret).not.toBe(first.secret);
    expect((await tokensOf(dana.id)).map((t) => t.revokedAt !== null)).toEqual([true, false]);
  });

  it("[Office Manager] sending at the same moment twice (a double click) never fails oddly and leaves one working link", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => sendLinkEmail({ actor: org.actors.admin, memberId: dana.id, purpose: "invite" })));
    // Each send either goes through (replacing the one before) or says "try again"; never "Something went wrong".
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(ConflictError);
    const open = (await tokensOf(dana.id)).filter((t) => !t.revokedAt);
    expect(open).toHaveLength(1);
    const carrier = (await emailsOf(dana.id)).find((e) => e.tokenId === open[0]!.id);
    expect((await findLink(await getDb(), secretIn(carrier!, "invite"), "invite"))?.state).toBe("valid");
  });

  it("[Office Manager] of two welcome emails sent within the same millisecond, the earlier link says 'replaced'", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    const now = new Date(); // concurrent requests read the clock in the same millisecond
    const first = await sendLink(org.actors.admin, dana.id, "invite", now);
    await sendLink(org.actors.admin, dana.id, "invite", now);
    expect((await findLink(await getDb(), first.secret, "invite"))?.state).toBe("replaced");
  });

  it("[Office Manager] two members who share one address each get their own working link", async () => {
    const org = await seedOrganization();
    const shared = "front.desk@example.test";
    const [a, b] = [await pendingMember(org, { primaryEmail: shared }), await pendingMember(org, { primaryEmail: shared })];
    await sendLinkEmails({ actor: org.actors.admin, selection: ids(a, b), purpose: "invite" });
    const db = await getDb();
    const links = [await newestLink(a.id, "invite"), await newestLink(b.id, "invite")];
    expect(links.map((l) => l.email.to)).toEqual([shared, shared]);
    expect(links[0]!.secret).not.toBe(links[1]!.secret);
    for (const [i, m] of [a, b].entries()) {
      const found = await findLink(db, links[i]!.secret, "invite");
      expect(found).toMatchObject({ state: "valid", member: { id: m.id } });
    }
  });

  it("[Office Manager] a confirmed member can't be re-invited, but can be sent a password reset (seed 003)", async () => {
    const org = await seedOrganization();
    const confirmed = org.members.inScope;
    const before = await everythingAbout([confirmed.id]);
    await expectRejection(sendLinkEmail({ actor: org.actors.admin, memberId: confirmed.id, purpose: "invite" }), ValidationError, {
      message: SKIP_REASONS["already-confirmed"],
    });
    expect(await everythingAbout([confirmed.id])).toEqual(before);

    await expect(sendLinkEmail({ actor: org.actors.admin, memberId: confirmed.id, purpose: "reset" })).resolves.toEqual({ to: confirmed.primaryEmail, name: `${confirmed.firstName} ${confirmed.lastName}` });
    const { email, token: issued } = await newestLink(confirmed.id, "reset");
    expect(email).toMatchObject({ template: "password-reset", subject: "Reset your password" });
    expect(issued.purpose).toBe("reset");
    expect((await reloadMember(confirmed.id))!.confirmationSentAt).toBeNull(); // a reset is not a "Confirmation sent"
  });

  it("[Office Manager] a pending member gets no password reset: 'send a welcome email instead'", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    await expectRejection(sendLinkEmail({ actor: org.actors.admin, memberId: dana.id, purpose: "reset" }), ValidationError, { message: SKIP_REASONS["not-confirmed"] });
    expect(await tokensOf(dana.id)).toEqual([]);
  });

  it("[Office Manager] each reason the dialog gives refuses the single send in the same words", async () => {
    const org = await seedOrganization();
    for (const [reason, m] of Object.entries(await oneOfEachSkip(org))) {
      const message = SKIP_REASONS[reason as keyof typeof SKIP_REASONS];
      await expectRejection(sendLinkEmail({ actor: org.actors.admin, memberId: m.id, purpose: "invite" }), ValidationError, { message });
      expect(await emailsOf(m.id)).toEqual([]);
    }
  });

  it("[Site Manager] a member of another site or another organization 'doesn't exist' for them", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const otherSite = await pendingMember(org, { siteId: org.sites.other.id });
    for (const m of [otherSite, await pendingMember(other)]) {
      await expect(sendLinkEmail({ actor: org.actors.siteManager, memberId: m.id, purpose: "invite" })).rejects.toBeInstanceOf(NotFoundError);
      expect(await tokensOf(m.id)).toEqual([]);
    }
  });

  it("[Support] sends a welcome email on a customer's behalf; the email and the audit say it was Support", async () => {
    const org = await seedOrganization();
    const support = await createSupportActor();
    const dana = await pendingMember(org);
    const { email } = await sendLink(support, dana.id, "invite");
    expect(email.text).toContain(`${support.name} (Gatehouse Support)`);
    expect(await auditsOf(dana.id, "member.welcome-sent")).toMatchObject([
      { actorSupportId: support.supportId, actorMemberId: null, organizationId: org.organization.id, details: { reason: "Ticket 4411: asked by phone" } },
    ]);
  });
});

describe("'Send welcome email now' on Create (SPEC §4.4)", () => {
  const form = (fields: Record<string, unknown> = {}) =>
    memberInput.parse({ portalAccess: "yes", firstName: "Dana", lastName: "Reyes", role: "member", email: "dana@example.test", ...fields });

  it("[Office Manager] the member, their invite link and the welcome email are written together", async () => {
    const org = await seedOrganization();
    const now = new Date();
    const created = await createMemberFromForm({ actor: org.actors.admin, input: form({ extension: "201", sendWelcomeNow: "on" }), now });
    expect(created).toMatchObject({ status: "pending", confirmationSentAt: now });
    expect((await reloadMember(created.id))!.confirmationSentAt).toEqual(now);
    const { email, token: issued, secret } = await newestLink(created.id, "invite");
    expect(email).toMatchObject({ to: "dana@example.test", subject: "Your account has been created!", status: "queued" });
    expect(email.text).toContain(`201@${org.organization.slug}`);
    expect(issued.secretHash).toBe(hashTokenSecret(secret));
    expect(await auditsOf(created.id, "member.welcome-sent")).toHaveLength(1);
  });

  it("[Office Manager] without the option ticked, no link and no email", async () => {
    const org = await seedOrganization();
    const created = await createMemberFromForm({ actor: org.actors.admin, input: form() });
    expect(created.confirmationSentAt).toBeNull();
    expect(await tokensOf(created.id)).toEqual([]);
    expect(await emailsOf(created.id)).toEqual([]);
  });

  it("[Office Manager] a refused create (extension in use) leaves no link and no email behind", async () => {
    const org = await seedOrganization();
    await createMember(org.organization.id, { extension: "301" });
    const before = await rowsOf(org.organization.id);
    await expect(createMemberFromForm({ actor: org.actors.admin, input: form({ extension: "301", sendWelcomeNow: "on" }) })).rejects.toBeInstanceOf(ConflictError);
    expect(await rowsOf(org.organization.id)).toEqual(before);
  });
});

describe("queueLinkEmails in the caller's transaction (SPEC §5)", () => {
  it("rolled back, it leaves no link, no email, no audit and no 'Confirmation sent'", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    const before = await everythingAbout([dana.id]);
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await queueLinkEmails(tx, { organization: await organizationFor(tx, org.organization.id), recipients: [dana], purpose: "invite", actor: org.actors.admin });
        expect(await tx.select().from(token).where(eq(token.memberId, dana.id))).toHaveLength(1); // written, then…
        throw new Error("the job row could not be written");
      }),
    ).rejects.toThrow("the job row could not be written");
    expect(await everythingAbout([dana.id])).toEqual(before);
    expect(await rowsOf(org.organization.id)).toMatchObject({ tokens: 0, emails: 0 });
  });
});
