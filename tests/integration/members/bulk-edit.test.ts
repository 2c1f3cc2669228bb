import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, siteManager, teamSupervisor, token } from "@/db/schema";
import type { MemberActor } from "@/lib/actor";
import { ValidationError } from "@/lib/errors";
import { bulkEditMembers } from "@/lib/members/bulk-edit-members";
import { bulkEditInput } from "@/lib/members/schemas";
import { createMember, reloadMember, seedOrganization, type SeededOrganization } from "@/tests/factories";

/**
 * Bulk Edit (issue 4 §5): one transaction for the whole selection, picked row by row (ids) or "Select all N matching"
 * (the query, re-run on the server), one audit event per member changed, and the skipped named with a reason.
 */

const ids = (...members: { id: string }[]) => ({ kind: "ids", ids: members.map((m) => m.id) });
/** The Bulk Edit dialog as posted: every field not given is "Don't change". */
const bulkForm = (selection: unknown, change: Record<string, unknown>) =>
  bulkEditInput.parse({ selection, siteId: "keep", teamId: "keep", department: "keep", role: "keep", status: "keep", ...change });

async function auditsOf(org: SeededOrganization) {
  const db = await getDb();
  return db.select().from(auditEvent).where(eq(auditEvent.organizationId, org.organization.id));
}

async function membersOf(org: SeededOrganization) {
  const db = await getDb();
  return db.select().from(member).where(eq(member.organizationId, org.organization.id)).orderBy(member.id);
}

async function insertToken(memberId: string, purpose: "invite" | "reset" = "reset") {
  const db = await getDb();
  const [row] = await db
    .insert(token)
    .values({ memberId, purpose, secretHash: randomUUID() + randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), sentTo: "x@example.test" })
    .returning();
  return row!;
}
const revokedAt = async (tokenId: string) => (await (await getDb()).select().from(token).where(eq(token.id, tokenId)))[0]!.revokedAt;

/** Expects the call to fail on this field with nothing changed and nothing audited. */
async function expectRefused(org: SeededOrganization, attempt: () => Promise<unknown>, field: string) {
  const [members, audits] = [await membersOf(org), await auditsOf(org)];
  const refusal = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(ValidationError);
  expect(refusal).toMatchObject({ field });
  expect(await membersOf(org)).toEqual(members);
  expect(await auditsOf(org)).toEqual(audits);
}

describe("bulkEditMembers: changing many members at once", () => {
  it("[Office Manager] moves the selected members to another site, team and department, with one audit event each", async () => {
    const org = await seedOrganization();
    const { member: mo, inScope: ina, outOfScope: otto } = org.members;
    const now = new Date("2026-05-01T08:00:00Z");
    const result = await bulkEditMembers({
      actor: org.actors.admin,
      now,
      input: bulkForm(ids(mo, ina), { siteId: org.sites.other.id, teamId: org.teams.beta.id, department: "Claims" }),
    });
    expect(result).toEqual({ updated: 2, skipped: [], skippedCount: 0, missing: 0 });
    for (const m of [mo, ina]) {
      expect(await reloadMember(m.id)).toMatchObject({ siteId: org.sites.other.id, teamId: org.teams.beta.id, department: "Claims", updatedAt: now });
    }
    expect(await reloadMember(otto.id)).toEqual(otto); // not selected
    const audits = await auditsOf(org);
    expect(audits.map((a) => a.targetId).sort()).toEqual([mo.id, ina.id].sort());
    expect(audits[0]).toMatchObject({
      action: "member.update",
      actorMemberId: org.members.admin.id,
      targetType: "member",
      details: { bulk: true, siteId: org.sites.other.id, teamId: org.teams.beta.id, department: "Claims" },
      createdAt: now,
    });
  });

  it("[Office Manager] 'Select all N matching' changes every member the query matches, and nobody else", async () => {
    const org = await seedOrganization();
    const result = await bulkEditMembers({
      actor: org.actors.admin,
      input: bulkForm({ kind: "query", query: { team: org.teams.alpha.id, page: "3", size: "25" } }, { department: "Alpha desk" }),
    });
    // The page and page size of the query the list was showing don't narrow the selection.
    expect(result).toMatchObject({ updated: 2, skippedCount: 0, missing: 0 });
    const changed = (await membersOf(org)).filter((m) => m.department === "Alpha desk").map((m) => m.id).sort();
    expect(changed).toEqual([org.members.member.id, org.members.inScope.id].sort());
  });

  it("[Office Manager] 'Select all N matching' with a search changes the members the search finds", async () => {
    const org = await seedOrganization();
    await bulkEditMembers({ actor: org.actors.admin, input: bulkForm({ kind: "query", query: { q: "scope" } }, { teamId: "none" }) });
    const members = await membersOf(org);
    expect(members.filter((m) => m.teamId === null).map((m) => `${m.firstName} ${m.lastName}`).sort()).toEqual([
      "Adam Admin",
      "Ina Scope",
      "Olive Owner",
      "Otto Scope",
      "Sita Manager",
      "Sue Pervisor",
    ]);
  });

  it("[Office Manager] clears the department of the selected members", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await db.update(member).set({ department: "Old" }).where(eq(member.organizationId, org.organization.id));
    await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(org.members.inScope), { department: "clear" }) });
    expect((await reloadMember(org.members.inScope.id))?.department).toBeNull();
    expect((await reloadMember(org.members.outOfScope.id))?.department).toBe("Old");
  });
});

describe("bulkEditMembers: scope (SPEC §3)", () => {
  it("[Site Manager] selecting the owner and an office manager, shown in their list, skips them as 'Outside your scope'", async () => {
    const org = await seedOrganization();
    const { owner, admin, inScope } = org.members;
    const result = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(ids(owner, admin, inScope), { department: "Front desk" }) });
    expect(result).toMatchObject({ updated: 1, skippedCount: 2, missing: 0 });
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { id: owner.id, label: "Olive Owner", reason: "Outside your scope" },
        { id: admin.id, label: "Adam Admin", reason: "Outside your scope" },
      ]),
    );
    expect(await reloadMember(owner.id)).toEqual(owner);
    expect(await reloadMember(admin.id)).toEqual(admin);
    expect((await reloadMember(inScope.id))?.department).toBe("Front desk");
    expect((await auditsOf(org)).map((a) => a.targetId)).toEqual([inScope.id]);
  });

  it("[Site Manager] 'Select all N matching' changes the people of their sites and never anyone elsewhere", async () => {
    const org = await seedOrganization();
    const result = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm({ kind: "query", query: {} }, { department: "Main" }) });
    // Their list: the owner, the admin and themselves (skipped), the supervisor, the member and inScope (changed).
    expect(result).toMatchObject({ updated: 3, skippedCount: 3, missing: 0 });
    expect((await reloadMember(org.members.outOfScope.id))?.department).toBeNull();
  });

  it("[Site Manager] can't move members to a site they don't manage, or off every site", async () => {
    const org = await seedOrganization();
    const selection = ids(org.members.inScope, org.members.member);
    await expectRefused(org, () => bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(selection, { siteId: org.sites.other.id }) }), "siteId");
    await expectRefused(org, () => bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(selection, { siteId: "none" }) }), "siteId");
  });

  it("[Site Manager] members of another site picked by id count as missing and are left alone", async () => {
    const org = await seedOrganization();
    const result = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(ids(org.members.outOfScope, org.members.inScope), { department: "X" }) });
    expect(result).toEqual({ updated: 1, skipped: [], skippedCount: 0, missing: 1 });
    expect(await reloadMember(org.members.outOfScope.id)).toEqual(org.members.outOfScope);
  });

  it("[Office Manager] ids of another organization's members (forged) count as missing and are untouched", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const foreign = [other.members.inScope, other.members.member];
    const result = await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(org.members.inScope, ...foreign), { status: "disabled", department: "Gone" }) });
    expect(result).toEqual({ updated: 1, skipped: [], skippedCount: 0, missing: 2 });
    for (const m of foreign) expect(await reloadMember(m.id)).toEqual(m);
    expect(await auditsOf(other)).toEqual([]);
  });

  it("[Office Manager] can't move members to another organization's site or team", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(org, () => bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(org.members.inScope), { siteId: other.sites.main.id }) }), "siteId");
    await expectRefused(org, () => bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(org.members.inScope), { teamId: other.teams.beta.id }) }), "teamId");
  });

  it("[Office Manager] office managers and the owner in the selection are skipped; only an owner edits them", async () => {
    const org = await seedOrganization();
    const { owner, admin, inScope } = org.members;
    const otherAdmin = await createMember(org.organization.id, { role: "admin", firstName: "Ada", lastName: "Second" });
    const result = await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(owner, otherAdmin, inScope), { teamId: org.teams.beta.id }) });
    expect(result).toMatchObject({ updated: 1, skippedCount: 2 });
    expect(result.skipped.map((s) => s.reason)).toEqual(["Outside your scope", "Outside your scope"]);
    const byOwner = await bulkEditMembers({ actor: org.actors.owner, input: bulkForm(ids(admin, otherAdmin), { teamId: org.teams.beta.id }) });
    expect(byOwner).toMatchObject({ updated: 2, skippedCount: 0 });
  });

  it("[Call Center Supervisor] may edit nobody: every agent is skipped and nothing changes", async () => {
    const org = await seedOrganization();
    const result = await bulkEditMembers({ actor: org.actors.supervisor, input: bulkForm(ids(org.members.member, org.members.inScope), { department: "X" }) });
    expect(result).toMatchObject({ updated: 0, skippedCount: 2, missing: 0 });
    expect(await auditsOf(org)).toEqual([]);
  });

  it("[Member] selecting other members finds them missing; their own account is skipped", async () => {
    const org = await seedOrganization();
    const result = await bulkEditMembers({ actor: org.actors.member, input: bulkForm(ids(org.members.member, org.members.inScope), { department: "X" }) });
    expect(result).toEqual({ updated: 0, skipped: [{ id: org.members.member.id, label: "Mo Member", reason: "Outside your scope" }], skippedCount: 1, missing: 1 });
  });
});

describe("bulkEditMembers: roles", () => {
  it.each([
    ["Office Manager", "admin", ["admin", "owner"]],
    ["Site Manager", "siteManager", ["site_manager", "admin", "owner"]],
    ["Call Center Supervisor", "supervisor", ["member", "supervisor"]],
  ] as const)("[%s] can't give a role they may not grant", async (_label, actorName, roles) => {
    const org = await seedOrganization();
    for (const role of roles) {
      await expectRefused(org, () => bulkEditMembers({ actor: org.actors[actorName], input: bulkForm(ids(org.members.inScope), { role }) }), "role");
    }
  });

  it("[Office Manager] making members site managers gives each their own site to manage; making them members takes it away", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const { inScope, outOfScope } = org.members;
    const noSite = await createMember(org.organization.id, { firstName: "Nomad", lastName: "Nosite" });
    await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(inScope, outOfScope, noSite), { role: "site_manager" }) });
    const managed = async () =>
      (await db.select().from(siteManager).where(inArray(siteManager.memberId, [inScope.id, outOfScope.id, noSite.id]))).map((r) => `${r.memberId}:${r.siteId}`).sort();
    expect(await managed()).toEqual([`${inScope.id}:${org.sites.main.id}`, `${outOfScope.id}:${org.sites.other.id}`].sort());
    expect((await reloadMember(noSite.id))?.role).toBe("site_manager");
    await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(inScope, outOfScope), { role: "member" }) });
    expect(await managed()).toEqual([]);
  });

  it("[Site Manager] making members supervisors has each supervise their own team", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const { member: mo, inScope } = org.members;
    const result = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(ids(mo, inScope), { role: "supervisor" }) });
    expect(result.updated).toBe(2);
    const rows = await db.select().from(teamSupervisor).where(inArray(teamSupervisor.memberId, [mo.id, inScope.id]));
    expect(rows.map((r) => r.teamId)).toEqual([org.teams.alpha.id, org.teams.alpha.id]);
  });

  it("[Site Manager] their own account is skipped, for a role change and for a department change", async () => {
    const org = await seedOrganization();
    const self = org.members.siteManager;
    const roleChange = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(ids(self, org.members.inScope), { role: "supervisor" }) });
    expect(roleChange).toMatchObject({ updated: 1, skipped: [{ id: self.id, label: "Sita Manager", reason: "This is your own account" }] });
    expect((await reloadMember(self.id))?.role).toBe("site_manager");
    const departmentChange = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(ids(self), { department: "Management" }) });
    expect(departmentChange).toMatchObject({ updated: 0, skipped: [{ id: self.id, reason: "Outside your scope" }] });
  });
});

describe("bulkEditMembers: disable and enable", () => {
  it("[Office Manager] disabling ends the members' sessions and revokes their links, and skips their own account", async () => {
    const org = await seedOrganization();
    const { admin, member: mo, inScope } = org.members;
    const link = await insertToken(inScope.id, "invite");
    const now = new Date("2026-05-01T08:00:00Z");
    const result = await bulkEditMembers({ actor: org.actors.admin, now, input: bulkForm(ids(admin, mo, inScope), { status: "disabled" }) });
    expect(result).toMatchObject({ updated: 2, skipped: [{ id: admin.id, label: "Adam Admin", reason: "This is your own account" }] });
    for (const m of [mo, inScope]) expect(await reloadMember(m.id)).toMatchObject({ status: "disabled", sessionVersion: m.sessionVersion + 1 });
    expect(await reloadMember(admin.id)).toEqual(admin);
    expect(await revokedAt(link.id)).toEqual(now);
    const audits = await auditsOf(org);
    expect(audits.map((a) => [a.action, a.targetId]).sort()).toEqual([["member.disable", mo.id], ["member.disable", inScope.id]].sort());
    expect(audits[0]?.details).toEqual({ bulk: true, status: "disabled" });
  });

  it("[Office Manager] disabling again changes and audits only those not yet disabled", async () => {
    const org = await seedOrganization();
    const { member: mo, inScope } = org.members;
    await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(mo), { status: "disabled" }) });
    const again = await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(mo, inScope), { status: "disabled" }) });
    expect(again.updated).toBe(1);
    expect((await reloadMember(mo.id))?.sessionVersion).toBe(mo.sessionVersion + 1); // not bumped twice
    expect((await auditsOf(org)).filter((a) => a.targetId === mo.id)).toHaveLength(1);
  });

  it("[Office Manager] enabling brings confirmed members back as Active and the others as Pending", async () => {
    const org = await seedOrganization();
    const confirmed = await createMember(org.organization.id, { status: "disabled", confirmedAt: new Date("2026-01-01T00:00:00Z") });
    const unconfirmed = await createMember(org.organization.id, { status: "disabled", passwordHash: null });
    const noPortal = await createMember(org.organization.id, { status: "disabled", portalAccess: false });
    const active = org.members.inScope;
    const result = await bulkEditMembers({ actor: org.actors.admin, input: bulkForm(ids(confirmed, unconfirmed, noPortal, active), { status: "enabled" }) });
    expect(result.updated).toBe(3); // the active member had nothing to change
    expect((await reloadMember(confirmed.id))?.status).toBe("active");
    expect((await reloadMember(unconfirmed.id))?.status).toBe("pending");
    expect((await reloadMember(noPortal.id))?.status).toBe("pending");
    expect(await reloadMember(active.id)).toEqual(active);
    expect((await auditsOf(org)).map((a) => a.action)).toEqual(["member.enable", "member.enable", "member.enable"]);
  });

  it("[Site Manager] can't disable the owner or office manager shown in their list", async () => {
    const org = await seedOrganization();
    const result = await bulkEditMembers({ actor: org.actors.siteManager, input: bulkForm(ids(org.members.owner, org.members.admin), { status: "disabled" }) });
    expect(result).toMatchObject({ updated: 0, skippedCount: 2 });
    expect(result.skipped.map((s) => s.reason)).toEqual(["Outside your scope", "Outside your scope"]);
    expect((await reloadMember(org.members.owner.id))?.status).toBe("active");
  });
});

describe("bulkEditMembers: all or nothing", () => {
  it("[Office Manager] when the call fails after its first writes, no member, link or audit row is changed", async () => {
    const org = await seedOrganization();
    const { member: mo, inScope } = org.members;
    const link = await insertToken(inScope.id);
    // An actor whose account vanished mid-request: the members are updated and their links revoked before the audit
    // rows, whose actor reference then fails. That stands for any failure late in the transaction.
    const vanished: MemberActor = { ...org.actors.admin, memberId: randomUUID() };
    const [members, audits] = [await membersOf(org), await auditsOf(org)];
    await expect(bulkEditMembers({ actor: vanished, input: bulkForm(ids(mo, inScope), { department: "Half", status: "disabled" }) })).rejects.toThrow();
    expect(await membersOf(org)).toEqual(members);
    expect(await auditsOf(org)).toEqual(audits);
    expect(await revokedAt(link.id)).toBeNull();
  });
});

describe("bulkEditInput (the dialog's fields)", () => {
  it("needs at least one change and a selection, and says both at once", () => {
    const parsed = bulkEditInput.safeParse({ selection: ids(), siteId: "keep", teamId: "", department: "keep", role: "keep", status: "keep" });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["selection.ids", "Select at least one user"],
      ["changes", "Choose at least one thing to change"],
    ]);
    const nothing = bulkEditInput.safeParse({ selection: ids({ id: randomUUID() }), siteId: "keep", teamId: "keep", department: "keep", role: "keep", status: "keep" });
    expect(nothing.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["changes", "Choose at least one thing to change"]]);
  });

  it("a forged selection of ids that aren't uuids is refused before the database sees it", () => {
    expect(bulkEditInput.safeParse({ selection: { kind: "ids", ids: ["1 or 1=1"] }, department: "X" }).success).toBe(false);
    expect(bulkEditInput.safeParse({ selection: { kind: "everything" }, department: "X" }).success).toBe(false);
  });
});
