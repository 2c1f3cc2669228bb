import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, emailMessage, member } from "@/db/schema";
import type { SupportActor } from "@/lib/actor";
import { auditLogPage } from "@/lib/audit-log/audit-log";
import { parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { listOrganizationEmails } from "@/lib/email/email-log";
import { DEFAULT_EMAIL_LOG_QUERY } from "@/lib/email/email-log-query";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { listMembers } from "@/lib/members/list-members";
import { updateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";
import { parseUsersQuery } from "@/lib/members/users-query";
import { sendLinkEmail, sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { resendToCorrectedAddress, supportMemberView } from "@/lib/support/member-help";
import { supportOrganizationSummary, supportViewerFor } from "@/lib/support/organization-summary";
import { parseSupportSearch, searchPlatform } from "@/lib/support/search-platform";
import { insertEvents } from "@/tests/email-factories";
import { createMember, createSupportActor, reloadMember, seedOrganization, type SeededOrganization } from "@/tests/factories";
import { expectRejection, pendingMember } from "../onboarding/helpers";

/**
 * The support console (SPEC §4.14) through the functions its pages call: finding anyone on the platform, an
 * organization's read-only pages, and the two acts support does for a customer, each with a reason (seeds 002, 003).
 */

const word = () => `Zq${randomUUID().replace(/\d|-/g, "").slice(0, 6)}`;
const search = async (actor: Parameters<typeof searchPlatform>[1], q: string) => {
  const parsed = parseSupportSearch(q);
  if (parsed.kind !== "query") throw new Error(`refused: ${q}`);
  return searchPlatform(await getDb(), actor, parsed);
};
const ids = (result: { people: { id: string }[] }) => result.people.map((p) => p.id);

/** Whatever a refused act could have written about the member: emails, audit events. */
async function writtenAbout(memberId: string) {
  const db = await getDb();
  const [emails, events] = await Promise.all([
    db.select({ id: emailMessage.id }).from(emailMessage).where(eq(emailMessage.memberId, memberId)),
    db.select({ id: auditEvent.id }).from(auditEvent).where(eq(auditEvent.targetId, memberId)),
  ]);
  return { emails: emails.length, events: events.length };
}

describe("support search across the platform", () => {
  it("[Support] finds a member of any organization by name, email, login name, extension or direct number", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const last = word();
    const dana = await createMember(org.organization.id, {
      firstName: "Dana",
      lastName: last,
      extension: "4417",
      loginName: `${last.toLowerCase()}@acme`,
      primaryEmail: `dana.${last.toLowerCase()}@acme-dental.test`,
      directNumber: "+14155550199",
    });
    const found = await search(support, `Dana ${last}`);
    expect(found.people).toEqual([
      expect.objectContaining({ id: dana.id, organizationId: org.organization.id, organizationName: "Test Org", extension: "4417", status: "Active" }),
    ]);
    expect(ids(await search(support, last.slice(1, 5)))).toContain(dana.id);
    expect(ids(await search(support, `DANA.${last}@ACME-dental.test`))).toEqual([dana.id]);
    expect(ids(await search(support, `${last}@acme`))).toEqual([dana.id]);
    expect(ids(await search(support, "(415) 555-0199"))).toEqual([dana.id]);
    expect(ids(await search(support, "+1 415 555 0199"))).toEqual([dana.id]);
    expect(ids(await search(support, "555-0199"))).toContain(dana.id);
    // An extension is someone's in many organizations: each of them is found, named with their organization.
    const other = await seedOrganization();
    const twin = await createMember(other.organization.id, { extension: "4417" });
    expect(ids(await search(support, "4417"))).toEqual(expect.arrayContaining([dana.id, twin.id]));
  });

  it("[Support] finds organizations by part of their name, with their member counts", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const name = `Harbor ${word()} Dental`;
    await (await getDb()).execute(`update organization set name = '${name}' where id = '${org.organization.id}'`);
    const found = await search(support, name.split(" ")[1]!);
    expect(found.organizations).toEqual([expect.objectContaining({ id: org.organization.id, name, members: 7 })]);
  });

  it("takes every character as typed: an underscore is not a wildcard", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const last = word();
    await createMember(org.organization.id, { lastName: `${last}x1` });
    expect((await search(support, `${last}_1`)).people).toEqual([]);
  });

  it("shows 50 people at most, and says when there are more", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const last = word();
    for (let i = 0; i < 52; i++) await createMember(org.organization.id, { lastName: last, extension: String(7000 + i) });
    const found = await search(support, last);
    expect(found.people).toHaveLength(50);
    expect(found.morePeople).toBe(true);
  });

  it("[Owner] and every member of an organization are refused: the search is support's", async () => {
    const org = await seedOrganization();
    for (const actor of Object.values(org.actors)) await expectRejection(search(actor, "Dana"), ForbiddenError);
  });
});

describe("an organization's pages in the support console, read-only", () => {
  it("[Support] opens any organization's Users tab, email log and audit log, as its owner sees them", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const db = await getDb();
    const { viewer, organization } = await supportViewerFor(db, support, org.organization.id);
    expect(organization.id).toBe(org.organization.id);
    const users = await listMembers(db, viewer, parseUsersQuery({}));
    const owners = await listMembers(db, org.actors.owner, parseUsersQuery({}));
    expect(users.rows.map((r) => r.id)).toEqual(owners.rows.map((r) => r.id));
    await sendLinkEmails({ actor: org.actors.admin, selection: { kind: "ids", ids: [(await pendingMember(org)).id] }, purpose: "invite" });
    expect((await listOrganizationEmails(db, viewer, org.organization.id, DEFAULT_EMAIL_LOG_QUERY)).rows).toHaveLength(1);
    expect((await auditLogPage(db, { viewer, organizationId: org.organization.id, query: parseAuditLogQuery({}) })).rows.length).toBeGreaterThan(0);
  });

  it("[Support] reads the overview: people by status, who runs the organization, the last bulk sends and where they stand", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const db = await getDb();
    const pending = [await pendingMember(org), await pendingMember(org)];
    const sent = await sendLinkEmails({ actor: org.actors.admin, selection: { kind: "ids", ids: pending.map((p) => p.id) }, purpose: "invite" });
    await db.update(emailMessage).set({ status: "delivered" }).where(and(eq(emailMessage.jobId, sent.jobId!), eq(emailMessage.memberId, pending[0]!.id)));
    const { viewer } = await supportViewerFor(db, support, org.organization.id);
    const summary = await supportOrganizationSummary(db, viewer);
    expect(summary.overview.membersByStatus).toEqual({ Pending: 2, Active: 7, Disabled: 0, "No portal access": 0 });
    expect(summary.owners.map((o) => [o.name, o.role])).toEqual([
      ["Olive Owner", "owner"],
      ["Adam Admin", "admin"],
    ]);
    expect(summary.recentSends).toEqual([
      expect.objectContaining({ id: sent.jobId, template: "welcome", total: 2, createdBy: "Adam Admin", queued: 1, delivered: 1, failed: 0 }),
    ]);
  });

  it("answers an organization id that names nothing, or isn't an id, as not found", async () => {
    const support = await createSupportActor();
    const db = await getDb();
    await expectRejection(supportViewerFor(db, support, randomUUID()), NotFoundError);
    await expectRejection(supportViewerFor(db, support, "' or 1=1 --"), NotFoundError);
  });
});

/** A pending member whose welcome email bounced at the address on file: seed 003's member who never got it. */
async function bouncedWelcome(org: SeededOrganization) {
  const db = await getDb();
  const id = randomUUID().slice(0, 6);
  const m = await pendingMember(org, { firstName: "Nia", lastName: word(), loginName: `nia${id}@${org.organization.slug}`, primaryEmail: `nia.${id}@exmaple.test` });
  await sendLinkEmails({ actor: org.actors.admin, selection: { kind: "ids", ids: [m.id] }, purpose: "invite" });
  const [welcome] = await db.select().from(emailMessage).where(eq(emailMessage.memberId, m.id));
  await db.update(emailMessage).set({ status: "bounced", sentAt: new Date() }).where(eq(emailMessage.id, welcome!.id));
  await insertEvents(welcome!.id, [{ type: "bounced", occurredAt: new Date(), details: { reason: "550 5.1.1 No such domain" } }]);
  await db.update(member).set({ primaryEmailProblem: "bounced" }).where(eq(member.id, m.id));
  return { m: (await reloadMember(m.id))!, welcome: welcome! };
}

/** The customer's office manager corrects the address on the member's Profile (lib/members/update-member.ts). */
async function correctAddress(org: SeededOrganization, memberId: string, email: string) {
  const current = (await reloadMember(memberId))!;
  const input = updateMemberInput.parse({ memberId, portalAccess: "yes", firstName: current.firstName, lastName: current.lastName, role: current.role, email, loginName: current.loginName });
  await updateMember({ actor: org.actors.admin, input });
}

describe("support acts on a customer's behalf, each with a reason (SPEC §4.14)", () => {
  it("[Support] sends a welcome email with a reason; the customer's audit log shows it as support's, with the reason", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const m = await pendingMember(org);
    const sent = await sendLinkEmail({ actor: support, memberId: m.id, purpose: "invite", reason: "Ticket 4411: Dana asked by phone" });
    expect(sent.to).toBe(m.primaryEmail);
    const { rows } = await auditLogPage(await getDb(), { viewer: org.actors.admin, organizationId: org.organization.id, query: parseAuditLogQuery({}) });
    expect(rows[0]).toMatchObject({
      action: "member.welcome-sent",
      actor: { kind: "support", name: support.name, reason: "Ticket 4411: Dana asked by phone" },
      target: { kind: "member", id: m.id },
    });
  });

  it("[Support] without a reason, or with a blank one, is refused and nothing is written", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const m = await pendingMember(org);
    for (const reason of [undefined, "", "   ", "ok", "x".repeat(201), "Ticket\u0000 12"]) {
      const refusal = await sendLinkEmail({ actor: support, memberId: m.id, purpose: "invite", reason }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).field).toBe("reason");
    }
    expect(await writtenAbout(m.id)).toEqual({ emails: 0, events: 0 });
  });

  it("[Office Manager] sends without a reason, as before: the reason is support's alone", async () => {
    const org = await seedOrganization();
    const m = await pendingMember(org);
    await sendLinkEmail({ actor: org.actors.admin, memberId: m.id, purpose: "invite", reason: "forged" });
    const [event] = await (await getDb()).select().from(auditEvent).where(eq(auditEvent.targetId, m.id));
    expect(event!.details).not.toHaveProperty("reason");
  });

  it("[Support] is told the welcome email bounced and whom to ask; resending is refused until the customer corrects the address", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const { m, welcome } = await bouncedWelcome(org);
    const view = await supportMemberView(await getDb(), support, m.id);
    expect(view.undelivered).toMatchObject({ id: welcome.id, to: m.primaryEmail, status: "bounced", reason: "550 5.1.1 No such domain", corrected: false });
    expect(view.link).toEqual({ purpose: "invite", problem: "Their email bounced: fix the address first" });
    expect(view.contacts.map((c) => c.name)).toEqual(["Olive Owner", "Adam Admin", "Sita Manager"]);
    const before = await writtenAbout(m.id);
    await expectRejection(resendToCorrectedAddress({ actor: support, memberId: m.id, messageId: welcome.id, reason: "Ticket 4412" }), ValidationError, {
      message: `The address is still ${m.primaryEmail}: ask the customer to correct it on ${m.firstName} ${m.lastName}'s Profile first.`,
    });
    expect(await writtenAbout(m.id)).toEqual(before);
  });

  it("[Support] resends to the corrected address with a reason; the customer sees it in their audit log", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const { m, welcome } = await bouncedWelcome(org);
    const corrected = `nia.${randomUUID().slice(0, 6)}@example.test`;
    await correctAddress(org, m.id, corrected);
    expect((await supportMemberView(await getDb(), support, m.id)).undelivered).toMatchObject({ id: welcome.id, corrected: true });

    const sent = await resendToCorrectedAddress({ actor: support, memberId: m.id, messageId: welcome.id, reason: "Ticket 4412" });
    expect(sent).toEqual({ to: corrected, name: `Nia ${m.lastName}`, purpose: "invite" });
    const emails = await (await getDb()).select().from(emailMessage).where(eq(emailMessage.memberId, m.id));
    expect(emails.map((e) => [e.to, e.template, e.status])).toHaveLength(2);
    expect(emails.map((e) => [e.to, e.template, e.status])).toEqual(
      expect.arrayContaining([
        [corrected, "welcome", "queued"],
        [m.primaryEmail, "welcome", "bounced"],
      ]),
    );
    // Sent once: the bounced email is no longer the last one, so a second click finds nothing to resend.
    expect((await supportMemberView(await getDb(), support, m.id)).undelivered).toBeNull();
    await expectRejection(resendToCorrectedAddress({ actor: support, memberId: m.id, messageId: welcome.id, reason: "Ticket 4412" }), NotFoundError);

    const { rows } = await auditLogPage(await getDb(), { viewer: org.actors.admin, organizationId: org.organization.id, query: parseAuditLogQuery({}) });
    expect(rows[0]).toMatchObject({
      actor: { kind: "support", reason: "Ticket 4412" },
      description: { what: "Sent a welcome email", notes: [`To ${corrected}`, `Resent to a corrected address: the email to ${m.primaryEmail} didn't arrive`] },
    });
  });

  it("refuses a member or manager calling the support act, and forged or foreign ids, writing nothing", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    const { m, welcome } = await bouncedWelcome(org);
    await correctAddress(org, m.id, `nia.${randomUUID().slice(0, 6)}@example.test`);
    const other = await bouncedWelcome(org);
    const before = await writtenAbout(m.id);
    const asMember = org.actors.admin as unknown as SupportActor;
    await expectRejection(resendToCorrectedAddress({ actor: asMember, memberId: m.id, messageId: welcome.id, reason: "Ticket 1" }), ForbiddenError);
    // Another member's bounced email, named with this member: not this member's last email.
    await expectRejection(resendToCorrectedAddress({ actor: support, memberId: m.id, messageId: other.welcome.id, reason: "Ticket 1" }), NotFoundError);
    await expectRejection(resendToCorrectedAddress({ actor: support, memberId: "not-an-id", messageId: welcome.id, reason: "Ticket 1" }), NotFoundError);
    await expectRejection(resendToCorrectedAddress({ actor: support, memberId: m.id, messageId: welcome.id, reason: "" }), ValidationError);
    expect(await writtenAbout(m.id)).toEqual(before);
  });
});
