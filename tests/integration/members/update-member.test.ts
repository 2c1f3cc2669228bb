import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, siteManager, teamSupervisor, token, type Member } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { updateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";
import { createMember, reloadMember, seedOrganization } from "@/tests/factories";

/**
 * The Profile tab's save (SPEC §4.4 fields, §3 permissions) through updateMember, with the form parsed by the schema its
 * action uses. An id the actor can't see answers like a missing one (NotFoundError); a member they see but may not
 * edit answers ForbiddenError.
 */

/**
 * The seeded organization, with login names that end with its own short name as real ones do: the factories' login
 * names don't, and a save re-checks the login name it is given.
 */
async function seedOrg() {
  const org = await seedOrganization();
  const db = await getDb();
  await db
    .update(member)
    .set({ loginName: sql`split_part(${member.loginName}, '@', 1) || ${`@${org.organization.slug}`}` })
    .where(eq(member.organizationId, org.organization.id));
  const members = Object.fromEntries(
    await Promise.all(Object.entries(org.members).map(async ([name, m]) => [name, (await reloadMember(m.id))!] as const)),
  ) as typeof org.members;
  return { ...org, members };
}

/** The Profile form of a member as it stands, with some fields changed: what the browser posts back. */
function profileForm(m: Member, change: Record<string, unknown> = {}) {
  return updateMemberInput.parse({
    memberId: m.id,
    portalAccess: m.portalAccess ? "yes" : "no",
    firstName: m.firstName,
    lastName: m.lastName,
    extension: m.extension ?? "",
    role: m.role,
    siteId: m.siteId ?? "",
    teamId: m.teamId ?? "",
    department: m.department ?? "",
    directNumber: m.directNumber ?? "",
    email: m.primaryEmail ?? "",
    loginName: m.loginName ?? "",
    ...change,
  });
}

async function insertToken(memberId: string, purpose: "invite" | "reset" | "email-verify", extra: Partial<typeof token.$inferInsert> = {}) {
  const db = await getDb();
  const [row] = await db
    .insert(token)
    .values({ memberId, purpose, secretHash: randomUUID() + randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), sentTo: "old@example.test", ...extra })
    .returning();
  return row!;
}
const reloadToken = async (id: string) => (await (await getDb()).select().from(token).where(eq(token.id, id)))[0]!;

async function updatesOf(memberId: string) {
  const db = await getDb();
  return db.select().from(auditEvent).where(and(eq(auditEvent.targetId, memberId), eq(auditEvent.action, "member.update")));
}

/** Expects the save to fail this way and the member and the audit log to be as they were. */
async function expectRefused(attempt: Promise<unknown>, error: typeof NotFoundError | typeof ForbiddenError | typeof ValidationError | typeof ConflictError, target: Member, field?: string) {
  const refusal = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(error);
  if (field) expect(refusal).toMatchObject({ field });
  expect(await reloadMember(target.id)).toEqual(target);
  expect(await updatesOf(target.id)).toEqual([]);
}

describe("updateMember: who may edit whom (SPEC §1, §3)", () => {
  it("[Office Manager] edits a member's name, placement and department, and the audit names each change", async () => {
    const org = await seedOrg();
    const before = org.members.inScope;
    const now = new Date("2026-04-01T12:00:00Z");
    const updated = await updateMember({
      actor: org.actors.admin,
      now,
      input: profileForm(before, { firstName: "Inez", siteId: org.sites.other.id, teamId: "", department: "Claims", extension: "250", directNumber: "(415) 555-0100" }),
    });
    expect(updated).toMatchObject({
      firstName: "Inez",
      siteId: org.sites.other.id,
      teamId: null,
      department: "Claims",
      extension: "250",
      directNumber: "+14155550100",
      loginName: before.loginName, // kept, though the extension changed
      updatedAt: now,
    });
    expect(await updatesOf(before.id)).toEqual([
      expect.objectContaining({
        actorMemberId: org.members.admin.id,
        organizationId: org.organization.id,
        details: {
          changes: {
            firstName: { from: "Ina", to: "Inez" },
            extension: { from: null, to: "250" },
            siteId: { from: org.sites.main.id, to: org.sites.other.id },
            teamId: { from: org.teams.alpha.id, to: null },
            department: { from: null, to: "Claims" },
            directNumber: { from: null, to: "+14155550100" },
          },
        },
      }),
    ]);
  });

  it("[Site Manager] edits a member of a site they manage", async () => {
    const org = await seedOrg();
    await expect(updateMember({ actor: org.actors.siteManager, input: profileForm(org.members.inScope, { department: "Front desk" }) })).resolves.toMatchObject({
      department: "Front desk",
    });
  });

  it("[Site Manager] can't reach a member of another site, another organization or a missing id: all 'not found'", async () => {
    const org = await seedOrg();
    const other = await seedOrg();
    const target = org.members.outOfScope;
    await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(target, { firstName: "Hacked" }) }), NotFoundError, target);
    const foreign = other.members.inScope;
    await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(foreign, { firstName: "Hacked", siteId: org.sites.main.id }) }), NotFoundError, foreign);
    await expect(updateMember({ actor: org.actors.siteManager, input: { ...profileForm(target), memberId: randomUUID() } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("[Office Manager] can't reach another organization's member", async () => {
    const org = await seedOrg();
    const other = await seedOrg();
    const foreign = other.members.inScope;
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(foreign, { firstName: "Hacked", siteId: "", teamId: "" }) }), NotFoundError, foreign);
  });

  it("[Site Manager] sees the owner and office managers but can't edit them", async () => {
    const org = await seedOrg();
    for (const target of [org.members.owner, org.members.admin]) {
      await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(target, { department: "Nope" }) }), ForbiddenError, target);
    }
  });

  it("[Site Manager] can't move a member to a site they don't manage, or off every site", async () => {
    const org = await seedOrg();
    const target = org.members.inScope;
    await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(target, { siteId: org.sites.other.id }) }), ValidationError, target, "siteId");
    await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(target, { siteId: "" }) }), ValidationError, target, "siteId");
  });

  it("[Site Manager] can promote a member to supervisor, but not to site manager or above", async () => {
    const org = await seedOrg();
    const target = org.members.inScope;
    for (const role of ["site_manager", "admin", "owner"]) {
      await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(target, { role }) }), ValidationError, target, "role");
    }
    await updateMember({ actor: org.actors.siteManager, input: profileForm(target, { role: "supervisor" }) });
    const db = await getDb();
    // A new supervisor supervises their own team (SPEC §1).
    expect(await db.select({ teamId: teamSupervisor.teamId }).from(teamSupervisor).where(eq(teamSupervisor.memberId, target.id))).toEqual([
      { teamId: org.teams.alpha.id },
    ]);
  });

  it("[Call Center Supervisor] sees their agents but can't edit them; others are not found", async () => {
    const org = await seedOrg();
    await expectRefused(updateMember({ actor: org.actors.supervisor, input: profileForm(org.members.inScope, { firstName: "X" }) }), ForbiddenError, org.members.inScope);
    await expectRefused(updateMember({ actor: org.actors.supervisor, input: profileForm(org.members.outOfScope, { firstName: "X" }) }), NotFoundError, org.members.outOfScope);
    await expectRefused(updateMember({ actor: org.actors.supervisor, input: profileForm(org.members.owner, { firstName: "X" }) }), NotFoundError, org.members.owner);
  });

  it("[Member] can't edit anyone here, themselves included (their own page is My Account)", async () => {
    const org = await seedOrg();
    await expectRefused(updateMember({ actor: org.actors.member, input: profileForm(org.members.member, { department: "Mine" }) }), ForbiddenError, org.members.member);
    await expectRefused(updateMember({ actor: org.actors.member, input: profileForm(org.members.inScope, { department: "Yours" }) }), NotFoundError, org.members.inScope);
  });

  it("[Office Manager] can't edit the owner or an office manager, their own account included", async () => {
    const org = await seedOrg();
    const db = await getDb();
    const otherAdmin = await createMember(org.organization.id, { role: "admin", loginName: `admin2@${org.organization.slug}` });
    for (const target of [org.members.owner, otherAdmin, org.members.admin]) {
      await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(target, { department: "Nope" }) }), ForbiddenError, target);
    }
    // Not even to demote one to member.
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(otherAdmin, { role: "member" }) }), ForbiddenError, otherAdmin);
    expect((await db.select().from(member).where(eq(member.id, otherAdmin.id)))[0]?.role).toBe("admin");
  });

  it("[Owner] edits office managers: renames one, demotes one, promotes a member", async () => {
    const org = await seedOrg();
    await expect(updateMember({ actor: org.actors.owner, input: profileForm(org.members.admin, { lastName: "Adminson" }) })).resolves.toMatchObject({ lastName: "Adminson", role: "admin" });
    await expect(updateMember({ actor: org.actors.owner, input: profileForm(org.members.admin, { lastName: "Adminson", role: "member" }) })).resolves.toMatchObject({ role: "member" });
    await expect(updateMember({ actor: org.actors.owner, input: profileForm(org.members.inScope, { role: "admin" }) })).resolves.toMatchObject({ role: "admin" });
  });

  it("[Owner] can't change their own role, but may edit the rest of their own profile", async () => {
    const org = await seedOrg();
    const self = org.members.owner;
    await expectRefused(updateMember({ actor: org.actors.owner, input: profileForm(self, { role: "admin" }) }), ValidationError, self, "role");
    await expect(updateMember({ actor: org.actors.owner, input: profileForm(self, { department: "Management" }) })).resolves.toMatchObject({ role: "owner", department: "Management" });
  });

  it("[Site Manager] can't edit themselves here: site managers are managed from above", async () => {
    const org = await seedOrg();
    const self = org.members.siteManager;
    await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(self, { role: "member" }) }), ForbiddenError, self);
    await expectRefused(updateMember({ actor: org.actors.siteManager, input: profileForm(self, { department: "Ops" }) }), ForbiddenError, self);
  });

  it("[Office Manager] can't give a member an extension already in use", async () => {
    const org = await seedOrg();
    await createMember(org.organization.id, { extension: "777", loginName: `777@${org.organization.slug}` });
    const target = org.members.inScope;
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(target, { extension: "777" }) }), ConflictError, target, "extension");
  });

  it("[Office Manager] can't type a login name that is taken or of another organization", async () => {
    const org = await seedOrg();
    const target = org.members.inScope;
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(target, { loginName: org.members.outOfScope.loginName }) }), ConflictError, target, "loginName");
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(target, { loginName: "ina@elsewhere" }) }), ValidationError, target, "loginName");
  });

  it("[Office Manager] can't place a member on another organization's site or team", async () => {
    const org = await seedOrg();
    const other = await seedOrg();
    const target = org.members.inScope;
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(target, { siteId: other.sites.main.id }) }), ValidationError, target, "siteId");
    await expectRefused(updateMember({ actor: org.actors.admin, input: profileForm(target, { teamId: other.teams.alpha.id }) }), ValidationError, target, "teamId");
  });

  it("[Office Manager] changing a site manager's sites replaces what they manage; making them a member removes it", async () => {
    const org = await seedOrg();
    const db = await getDb();
    const target = org.members.siteManager;
    const managed = async () => (await db.select({ siteId: siteManager.siteId }).from(siteManager).where(eq(siteManager.memberId, target.id))).map((r) => r.siteId).sort();
    await updateMember({ actor: org.actors.admin, input: profileForm(target, { managedSiteIds: [org.sites.main.id, org.sites.other.id] }) });
    expect(await managed()).toEqual([org.sites.main.id, org.sites.other.id].sort());
    await updateMember({ actor: org.actors.admin, input: profileForm(target, { role: "member" }) });
    expect(await managed()).toEqual([]);
    // The next time they sign in, they are a member with no sites.
    expect(await memberActorOf(db, (await reloadMember(target.id))!)).toMatchObject({ role: "member", siteIds: [] });
  });
});

describe("updateMember: email and portal access", () => {
  it("[Office Manager] a new email address clears its bounce flag and revokes the invite and reset links sent to the old one", async () => {
    const org = await seedOrg();
    const db = await getDb();
    const target = org.members.inScope;
    await db.update(member).set({ primaryEmailProblem: "bounced", status: "pending" }).where(eq(member.id, target.id));
    const invite = await insertToken(target.id, "invite");
    const reset = await insertToken(target.id, "reset");
    const verify = await insertToken(target.id, "email-verify", { sentTo: "extra@example.test" });
    const used = await insertToken(target.id, "reset", { usedAt: new Date("2026-01-01T00:00:00Z") });
    const now = new Date("2026-04-01T12:00:00Z");
    const updated = await updateMember({ actor: org.actors.admin, now, input: profileForm((await reloadMember(target.id))!, { email: "Ina.New@Example.test" }) });
    expect(updated).toMatchObject({ primaryEmail: "ina.new@example.test", primaryEmailProblem: null, status: "pending" });
    expect((await reloadToken(invite.id)).revokedAt).toEqual(now);
    expect((await reloadToken(reset.id)).revokedAt).toEqual(now);
    expect((await reloadToken(verify.id)).revokedAt).toBeNull(); // an additional address's verification link is not about the old one
    expect((await reloadToken(used.id)).revokedAt).toBeNull();
    expect((await updatesOf(target.id))[0]?.details).toEqual({ changes: { primaryEmail: { from: target.primaryEmail, to: "ina.new@example.test" } } });
  });

  it("[Office Manager] saving with the same email keeps the bounce flag and the links", async () => {
    const org = await seedOrg();
    const db = await getDb();
    const target = org.members.inScope;
    await db.update(member).set({ primaryEmailProblem: "complained" }).where(eq(member.id, target.id));
    const invite = await insertToken(target.id, "invite");
    await updateMember({ actor: org.actors.admin, input: profileForm((await reloadMember(target.id))!, { email: target.primaryEmail!.toUpperCase(), department: "Sales" }) });
    expect(await reloadMember(target.id)).toMatchObject({ primaryEmailProblem: "complained", department: "Sales" });
    expect((await reloadToken(invite.id)).revokedAt).toBeNull();
  });

  it("[Office Manager] taking portal access away removes login name, email and password, ends sessions and revokes every link", async () => {
    const org = await seedOrg();
    const target = org.members.inScope;
    expect(target).toMatchObject({ status: "active", portalAccess: true });
    expect(target.passwordHash).not.toBeNull();
    const reset = await insertToken(target.id, "reset");
    const verify = await insertToken(target.id, "email-verify");
    const now = new Date("2026-04-01T12:00:00Z");
    const updated = await updateMember({ actor: org.actors.admin, now, input: profileForm(target, { portalAccess: "no" }) });
    expect(updated).toMatchObject({
      portalAccess: false,
      loginName: null,
      primaryEmail: null,
      passwordHash: null,
      sessionVersion: target.sessionVersion + 1,
      status: "pending",
    });
    expect((await reloadToken(reset.id)).revokedAt).toEqual(now);
    expect((await reloadToken(verify.id)).revokedAt).toEqual(now);
    expect((await updatesOf(target.id))[0]?.details).toMatchObject({
      changes: { portalAccess: { from: true, to: false }, loginName: { from: target.loginName, to: null }, primaryEmail: { from: target.primaryEmail, to: null } },
    });
  });

  it("[Office Manager] a disabled member who loses portal access stays disabled", async () => {
    const org = await seedOrg();
    const db = await getDb();
    const target = org.members.inScope;
    await db.update(member).set({ status: "disabled" }).where(eq(member.id, target.id));
    await expect(updateMember({ actor: org.actors.admin, input: profileForm(target, { portalAccess: "no" }) })).resolves.toMatchObject({ status: "disabled", portalAccess: false });
  });

  it("[Office Manager] giving portal access to a member without it proposes a login name and needs an email", async () => {
    const org = await seedOrg();
    const lobby = await createMember(org.organization.id, { portalAccess: false, status: "pending", extension: "305", firstName: "Lobby", lastName: "Phone" });
    expect(updateMemberInput.safeParse({ ...profileForm(lobby), portalAccess: "yes", email: "" }).error?.flatten().fieldErrors).toEqual({
      email: ["Email is required for portal access"],
    });
    const updated = await updateMember({ actor: org.actors.admin, input: profileForm(lobby, { portalAccess: "yes", email: "lobby@example.test" }) });
    expect(updated).toMatchObject({ portalAccess: true, loginName: `305@${org.organization.slug}`, primaryEmail: "lobby@example.test", status: "pending" });
  });
});
