import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, memberEmail, token, type Member } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { memberProfile } from "@/lib/members/member-profile";
import { setMemberStatus } from "@/lib/members/member-status";
import { CLEARED_BY_RESET, resetMemberCompletely } from "@/lib/members/reset-member-completely";
import { createMember, reloadMember, seedOrganization } from "@/tests/factories";

/**
 * A member page's Advanced tab: "Disable user" / "Enable user", "Reset user completely" (SPEC §4.10), and the `may`
 * flags that decide which of its buttons the page shows.
 */

async function insertToken(memberId: string, purpose: "invite" | "reset" | "email-verify") {
  const db = await getDb();
  const [row] = await db
    .insert(token)
    .values({ memberId, purpose, secretHash: randomUUID() + randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), sentTo: "x@example.test" })
    .returning();
  return row!;
}
const revokedAt = async (tokenId: string) => (await (await getDb()).select().from(token).where(eq(token.id, tokenId)))[0]!.revokedAt;

async function auditsOf(memberId: string, action: string) {
  const db = await getDb();
  return db.select().from(auditEvent).where(and(eq(auditEvent.targetId, memberId), eq(auditEvent.action, action)));
}

/** Expects the act to be refused this way with the member exactly as it was. */
async function expectRefused(attempt: Promise<unknown>, error: typeof ForbiddenError | typeof NotFoundError, target: Member) {
  await expect(attempt).rejects.toBeInstanceOf(error);
  expect(await reloadMember(target.id)).toEqual(target);
}

describe("setMemberStatus (Advanced tab: Disable user / Enable user)", () => {
  it("[Office Manager] disables a member: their sessions end, their links stop working, and it is audited", async () => {
    const org = await seedOrganization();
    const target = org.members.inScope;
    const invite = await insertToken(target.id, "invite");
    const now = new Date("2026-06-01T10:00:00Z");
    await expect(setMemberStatus({ actor: org.actors.admin, memberId: target.id, change: "disabled", now })).resolves.toBe(true);
    expect(await reloadMember(target.id)).toMatchObject({ status: "disabled", sessionVersion: target.sessionVersion + 1, updatedAt: now });
    expect(await revokedAt(invite.id)).toEqual(now);
    expect(await auditsOf(target.id, "member.disable")).toEqual([expect.objectContaining({ actorMemberId: org.members.admin.id, createdAt: now })]);
  });

  it("[Office Manager] disabling a disabled member changes nothing and audits nothing", async () => {
    const org = await seedOrganization();
    const target = org.members.inScope;
    await setMemberStatus({ actor: org.actors.admin, memberId: target.id, change: "disabled" });
    const disabled = (await reloadMember(target.id))!;
    await expect(setMemberStatus({ actor: org.actors.admin, memberId: target.id, change: "disabled" })).resolves.toBe(false);
    expect(await reloadMember(target.id)).toEqual(disabled);
    expect(await auditsOf(target.id, "member.disable")).toHaveLength(1);
  });

  it("[Office Manager] enabling brings a member who had set a password back as Active, and one who hadn't as Pending", async () => {
    const org = await seedOrganization();
    const confirmed = await createMember(org.organization.id, { status: "disabled", confirmedAt: new Date("2026-01-01T00:00:00Z") });
    const unconfirmed = await createMember(org.organization.id, { status: "disabled", passwordHash: null });
    await expect(setMemberStatus({ actor: org.actors.admin, memberId: confirmed.id, change: "enabled" })).resolves.toBe(true);
    await expect(setMemberStatus({ actor: org.actors.admin, memberId: unconfirmed.id, change: "enabled" })).resolves.toBe(true);
    expect((await reloadMember(confirmed.id))?.status).toBe("active");
    expect((await reloadMember(unconfirmed.id))?.status).toBe("pending");
    expect(await auditsOf(confirmed.id, "member.enable")).toHaveLength(1);
    // Enabling doesn't bring old sessions back.
    expect((await reloadMember(confirmed.id))?.sessionVersion).toBe(confirmed.sessionVersion);
    await expect(setMemberStatus({ actor: org.actors.admin, memberId: confirmed.id, change: "enabled" })).resolves.toBe(false);
  });

  it.each([
    ["Owner", "owner"],
    ["Office Manager", "admin"],
    ["Site Manager", "siteManager"],
  ] as const)("[%s] can't disable their own account", async (_label, name) => {
    const org = await seedOrganization();
    await expectRefused(setMemberStatus({ actor: org.actors[name], memberId: org.members[name].id, change: "disabled" }), ForbiddenError, org.members[name]);
  });

  it("[Office Manager] can't disable the owner or another office manager; the owner can", async () => {
    const org = await seedOrganization();
    const otherAdmin = await createMember(org.organization.id, { role: "admin" });
    await expectRefused(setMemberStatus({ actor: org.actors.admin, memberId: org.members.owner.id, change: "disabled" }), ForbiddenError, org.members.owner);
    await expectRefused(setMemberStatus({ actor: org.actors.admin, memberId: otherAdmin.id, change: "disabled" }), ForbiddenError, otherAdmin);
    await expect(setMemberStatus({ actor: org.actors.owner, memberId: otherAdmin.id, change: "disabled" })).resolves.toBe(true);
  });

  it("[Site Manager] disables a member of their site; one of another site or organization is not found", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expect(setMemberStatus({ actor: org.actors.siteManager, memberId: org.members.inScope.id, change: "disabled" })).resolves.toBe(true);
    await expectRefused(setMemberStatus({ actor: org.actors.siteManager, memberId: org.members.outOfScope.id, change: "disabled" }), NotFoundError, org.members.outOfScope);
    await expectRefused(setMemberStatus({ actor: org.actors.siteManager, memberId: other.members.inScope.id, change: "disabled" }), NotFoundError, other.members.inScope);
    await expectRefused(setMemberStatus({ actor: org.actors.siteManager, memberId: org.members.owner.id, change: "disabled" }), ForbiddenError, org.members.owner);
  });

  it("[Call Center Supervisor] and [Member] can't disable anyone", async () => {
    const org = await seedOrganization();
    await expectRefused(setMemberStatus({ actor: org.actors.supervisor, memberId: org.members.inScope.id, change: "disabled" }), ForbiddenError, org.members.inScope);
    await expectRefused(setMemberStatus({ actor: org.actors.member, memberId: org.members.inScope.id, change: "disabled" }), NotFoundError, org.members.inScope);
  });

  it("[Office Manager] an id that isn't a uuid is simply not found", async () => {
    const org = await seedOrganization();
    await expect(setMemberStatus({ actor: org.actors.admin, memberId: "42 or 1=1", change: "disabled" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("resetMemberCompletely (SPEC §4.10)", () => {
  /** A member who has lived a while: confirmed, with PINs, preferences, extra addresses and open links. */
  async function settledMember(org: Awaited<ReturnType<typeof seedOrganization>>) {
    const db = await getDb();
    const m = await createMember(org.organization.id, {
      firstName: "Dana",
      lastName: "Reyes",
      extension: "201",
      loginName: `201@${org.organization.slug}`,
      role: "supervisor",
      siteId: org.sites.main.id,
      teamId: org.teams.alpha.id,
      department: "Billing",
      directNumber: "+14155550123",
      primaryEmail: "dana@example.test",
      primaryEmailProblem: "bounced",
      voicemailPinHash: "pin-hash",
      devicePinHash: "device-hash",
      language: "es",
      timeZone: "America/Chicago",
      listedInDirectory: false,
      confirmationSentAt: new Date("2026-01-01T00:00:00Z"),
      confirmedAt: new Date("2026-01-02T00:00:00Z"),
      sessionVersion: 4,
    });
    await db.insert(memberEmail).values([
      { memberId: m.id, email: "dana.home@example.test", verifiedAt: new Date() },
      { memberId: m.id, email: "dana.other@example.test" },
    ]);
    const links = [await insertToken(m.id, "reset"), await insertToken(m.id, "email-verify")];
    return { m, links };
  }

  it("[Office Manager] clears everything personal, keeps the extension and its number, and sets the member back to Pending", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const { m, links } = await settledMember(org);
    const now = new Date("2026-06-01T10:00:00Z");
    const reset = await resetMemberCompletely({ actor: org.actors.admin, memberId: m.id, now });
    expect(reset).toMatchObject({
      firstName: "",
      lastName: "",
      primaryEmail: null,
      primaryEmailProblem: null,
      passwordHash: null,
      voicemailPinHash: null,
      devicePinHash: null,
      language: null,
      timeZone: null,
      listedInDirectory: true,
      confirmationSentAt: null,
      confirmedAt: null,
      status: "pending",
      sessionVersion: 5,
      // Kept for the next person on this extension.
      extension: "201",
      loginName: `201@${org.organization.slug}`,
      directNumber: "+14155550123",
      role: "supervisor",
      siteId: org.sites.main.id,
      teamId: org.teams.alpha.id,
      department: "Billing",
      portalAccess: true,
      updatedAt: now,
    });
    expect(await reloadMember(m.id)).toEqual(reset);
    expect(await db.select().from(memberEmail).where(eq(memberEmail.memberId, m.id))).toEqual([]);
    for (const link of links) expect(await revokedAt(link.id)).toEqual(now);
  });

  it("[Office Manager] the reset is audited with the name it had, never with secrets", async () => {
    const org = await seedOrganization();
    const { m } = await settledMember(org);
    await resetMemberCompletely({ actor: org.actors.admin, memberId: m.id });
    expect(await auditsOf(m.id, "member.reset-completely")).toEqual([
      expect.objectContaining({ actorMemberId: org.members.admin.id, details: { previousName: "Dana Reyes", extension: "201", revokedLinks: 2 } }),
    ]);
  });

  it("[Site Manager] resets a member of their site; another site's member is not found", async () => {
    const org = await seedOrganization();
    await expect(resetMemberCompletely({ actor: org.actors.siteManager, memberId: org.members.inScope.id })).resolves.toMatchObject({ firstName: "", status: "pending" });
    await expectRefused(resetMemberCompletely({ actor: org.actors.siteManager, memberId: org.members.outOfScope.id }), NotFoundError, org.members.outOfScope);
  });

  it("[Office Manager] can't reset their own account, the owner or another office manager", async () => {
    const org = await seedOrganization();
    const otherAdmin = await createMember(org.organization.id, { role: "admin" });
    for (const target of [org.members.admin, org.members.owner, otherAdmin]) {
      await expectRefused(resetMemberCompletely({ actor: org.actors.admin, memberId: target.id }), ForbiddenError, target);
    }
    expect(await auditsOf(otherAdmin.id, "member.reset-completely")).toEqual([]);
  });

  it("[Owner] can reset an office manager but not themselves", async () => {
    const org = await seedOrganization();
    await expect(resetMemberCompletely({ actor: org.actors.owner, memberId: org.members.admin.id })).resolves.toMatchObject({ status: "pending" });
    await expectRefused(resetMemberCompletely({ actor: org.actors.owner, memberId: org.members.owner.id }), ForbiddenError, org.members.owner);
  });

  it("[Call Center Supervisor] and [Member] can't reset anyone", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(resetMemberCompletely({ actor: org.actors.supervisor, memberId: org.members.inScope.id }), ForbiddenError, org.members.inScope);
    await expectRefused(resetMemberCompletely({ actor: org.actors.member, memberId: org.members.member.id }), ForbiddenError, org.members.member);
    await expectRefused(resetMemberCompletely({ actor: org.actors.owner, memberId: other.members.inScope.id }), NotFoundError, other.members.inScope);
  });

  it("the confirmation dialog names everything the reset clears", () => {
    expect(CLEARED_BY_RESET).toEqual([
      "First and last name",
      "Email addresses, including additional ones",
      "Password, voicemail PIN and device PIN",
      "Language, time zone and directory listing",
      "Confirmation dates, outstanding email links and signed-in sessions",
    ]);
  });
});

describe("memberProfile: the buttons a member page shows", () => {
  const ALL = { edit: true, changeRole: true, disable: true, resetCompletely: true, viewEmailLog: true, viewActivity: true, sendWelcome: true, sendReset: true };
  const NONE = { edit: false, changeRole: false, disable: false, resetCompletely: false, viewEmailLog: false, viewActivity: false, sendWelcome: false, sendReset: false };
  // The Activity tab follows the audit log (SPEC §4.13): owners and admins read everyone's, site managers their sites'.
  const ACTIVITY = { viewActivity: true };
  // Helping with email: reading the email log and sending a welcome email or a reset (SPEC §1).
  const EMAIL_HELP = { ...NONE, viewEmailLog: true, sendWelcome: true, sendReset: true };

  it("[Owner] may do everything to others, and only edit themselves and help with their own email", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    for (const target of [org.members.admin, org.members.inScope, org.members.outOfScope]) {
      expect((await memberProfile(db, org.actors.owner, target.id)).may).toEqual(ALL);
    }
    expect((await memberProfile(db, org.actors.owner, org.members.owner.id)).may).toEqual({ ...EMAIL_HELP, ...ACTIVITY, edit: true });
    expect((await memberProfile(db, org.actors.owner, org.members.inScope.id)).grantableRoles).toEqual(["owner", "admin", "site_manager", "supervisor", "member"]);
  });

  it("[Office Manager] may do everything to members, only look at the owner, and help office managers with their email", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const otherAdmin = await createMember(org.organization.id, { role: "admin" });
    for (const target of [org.members.siteManager, org.members.inScope, org.members.outOfScope]) {
      expect((await memberProfile(db, org.actors.admin, target.id)).may).toEqual(ALL);
    }
    expect((await memberProfile(db, org.actors.admin, org.members.owner.id)).may).toEqual({ ...NONE, ...ACTIVITY });
    for (const target of [otherAdmin, org.members.admin]) {
      expect((await memberProfile(db, org.actors.admin, target.id)).may).toEqual({ ...EMAIL_HELP, ...ACTIVITY });
    }
    expect((await memberProfile(db, org.actors.admin, org.members.inScope.id)).grantableRoles).toEqual(["site_manager", "supervisor", "member"]);
  });

  it("[Site Manager] may do everything to members of their site, only look at the owner, and help with their own email", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    expect((await memberProfile(db, org.actors.siteManager, org.members.inScope.id)).may).toEqual(ALL);
    expect((await memberProfile(db, org.actors.siteManager, org.members.supervisor.id)).may).toEqual(ALL);
    expect((await memberProfile(db, org.actors.siteManager, org.members.owner.id)).may).toEqual(NONE);
    // Site managers are managed from above, themselves included.
    expect((await memberProfile(db, org.actors.siteManager, org.members.siteManager.id)).may).toEqual({ ...EMAIL_HELP, ...ACTIVITY });
    await expect(memberProfile(db, org.actors.siteManager, org.members.outOfScope.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await memberProfile(db, org.actors.siteManager, org.members.inScope.id)).grantableRoles).toEqual(["supervisor", "member"]);
  });

  it("[Call Center Supervisor] may only look at their agents and help with their email", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const profile = await memberProfile(db, org.actors.supervisor, org.members.inScope.id);
    expect(profile).toMatchObject({ may: EMAIL_HELP, grantableRoles: [] });
    await expect(memberProfile(db, org.actors.supervisor, org.members.outOfScope.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("[Member] may look at their own page and nobody else's", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    expect((await memberProfile(db, org.actors.member, org.members.member.id)).may).toEqual(NONE);
    await expect(memberProfile(db, org.actors.member, org.members.inScope.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("[Office Manager] the page lists what a site manager manages and a supervisor supervises", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    expect(await memberProfile(db, org.actors.admin, org.members.siteManager.id)).toMatchObject({ managedSiteIds: [org.sites.main.id], supervisedTeamIds: [] });
    expect(await memberProfile(db, org.actors.admin, org.members.supervisor.id)).toMatchObject({ managedSiteIds: [], supervisedTeamIds: [org.teams.alpha.id] });
  });
});

describe("resetMemberCompletely leaves everyone else alone", () => {
  it("[Office Manager] resetting one member changes no other member of the organization", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const others = () => db.select().from(member).where(and(eq(member.organizationId, org.organization.id), ne(member.id, org.members.inScope.id))).orderBy(member.id);
    const before = await others();
    await resetMemberCompletely({ actor: org.actors.admin, memberId: org.members.inScope.id });
    expect(await others()).toEqual(before);
  });
});
