import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, site, siteManager, team, teamSupervisor } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  assignManager,
  createPlace,
  deletePlace,
  listPlaces,
  managerCandidates,
  placeName,
  removeManager,
  renamePlace,
} from "@/lib/organizations/places";
import { createMember, reloadMember, seedOrganization } from "../../factories";

type DomainErrorClass = typeof ConflictError | typeof ForbiddenError | typeof NotFoundError | typeof ValidationError;
async function expectRefused(attempt: Promise<unknown>, kind: DomainErrorClass, { field, message }: { field?: string; message?: string | RegExp } = {}) {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  if (field) expect((error as ValidationError).field).toBe(field);
  if (message) expect((error as Error).message).toMatch(message);
}

const auditOf = async (organizationId: string, action: string) =>
  (await getDb()).select().from(auditEvent).where(and(eq(auditEvent.organizationId, organizationId), eq(auditEvent.action, action)));

describe("Site and team names (SPEC §4.15)", () => {
  it.each([
    ["", "Enter a name for the site"],
    ["   ", "Enter a name for the site"],
    ["x".repeat(101), "Use at most 100 characters"],
    ["Front\u202EDesk", "Remove the hidden characters that change the direction of the text"],
  ])("%j is refused: %s", (typed, message) => {
    const result = placeName("site").safeParse(typed);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe(message);
  });

  it("keeps up to 100 characters as typed, counting an emoji as one, without the spaces around", () => {
    expect(placeName("team").parse("  Night shift ")).toBe("Night shift");
    expect(placeName("site").safeParse("🦷".repeat(100)).success).toBe(true);
  });
});

describe("Sites and teams: who sees which", () => {
  it("[Owner, Admin] see every site with its member count and site managers, and every team with its supervisors", async () => {
    const org = await seedOrganization();
    for (const actor of [org.actors.owner, org.actors.admin]) {
      const sites = await listPlaces({ actor, kind: "site" });
      // Main office: site manager, supervisor, member, inScope; Branch office: outOfScope.
      expect(sites).toEqual([
        { id: org.sites.other.id, name: "Branch office", memberCount: 1, managers: [] },
        { id: org.sites.main.id, name: "Main office", memberCount: 4, managers: [{ id: org.members.siteManager.id, name: "Sita Manager" }] },
      ]);
      const teams = await listPlaces({ actor, kind: "team" });
      expect(teams).toEqual([
        { id: org.teams.alpha.id, name: "Alpha", memberCount: 2, managers: [{ id: org.members.supervisor.id, name: "Sue Pervisor" }] },
        { id: org.teams.beta.id, name: "Beta", memberCount: 1, managers: [] },
      ]);
    }
  });

  it("[Site Manager] sees only the sites they manage, and no teams", async () => {
    const org = await seedOrganization();
    expect((await listPlaces({ actor: org.actors.siteManager, kind: "site" })).map((s) => s.name)).toEqual(["Main office"]);
    await expectRefused(listPlaces({ actor: org.actors.siteManager, kind: "team" }), ForbiddenError);
  });

  it("[Supervisor, Member] open neither (a supervisor's teams are their Agents tab)", async () => {
    const org = await seedOrganization();
    for (const actor of [org.actors.supervisor, org.actors.member]) {
      await expectRefused(listPlaces({ actor, kind: "site" }), ForbiddenError);
      await expectRefused(listPlaces({ actor, kind: "team" }), ForbiddenError);
    }
  });

  it("shows nothing of another organization", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const names = (await listPlaces({ actor: org.actors.owner, kind: "site" })).map((s) => s.id);
    expect(names).not.toContain(other.sites.main.id);
  });
});

describe("Create and rename", () => {
  it("[Owner, Admin] create sites and teams, each audited in its transaction", async () => {
    const org = await seedOrganization();
    const created = await createPlace({ actor: org.actors.admin, kind: "site", name: "Lakeside clinic", ip: "198.51.100.9" });
    const team1 = await createPlace({ actor: org.actors.owner, kind: "team", name: "Night shift" });
    expect((await listPlaces({ actor: org.actors.owner, kind: "site" })).find((s) => s.id === created.id)).toEqual({ ...created, memberCount: 0, managers: [] });
    expect((await listPlaces({ actor: org.actors.owner, kind: "team" })).map((t) => t.name)).toContain("Night shift");
    const [event] = await auditOf(org.organization.id, "site.create");
    expect(event).toMatchObject({ actorMemberId: org.members.admin.id, targetType: "site", targetId: created.id, ip: "198.51.100.9", details: { name: "Lakeside clinic" } });
    expect(await auditOf(org.organization.id, "team.create")).toMatchObject([{ targetId: team1.id }]);
  });

  it("refuses a name the organization has, whatever its case, beside the field; another organization may have it", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(createPlace({ actor: org.actors.owner, kind: "site", name: "MAIN OFFICE" }), ConflictError, { field: "name", message: "A site with this name already exists" });
    await expectRefused(createPlace({ actor: org.actors.owner, kind: "team", name: "alpha" }), ConflictError, { field: "name", message: "A team with this name already exists" });
    await expectRefused(renamePlace({ actor: org.actors.owner, kind: "site", placeId: org.sites.other.id, name: "main Office" }), ConflictError, { field: "name" });
    expect(await createPlace({ actor: other.actors.owner, kind: "site", name: "Lakeside" })).toMatchObject({ name: "Lakeside" });
    expect(await createPlace({ actor: org.actors.owner, kind: "site", name: "Lakeside" })).toMatchObject({ name: "Lakeside" });
    expect(await auditOf(org.organization.id, "site.create")).toHaveLength(1);
  });

  it("[Site Manager, Supervisor, Member] create and rename nothing, not even their own site", async () => {
    const org = await seedOrganization();
    for (const actor of [org.actors.siteManager, org.actors.supervisor, org.actors.member]) {
      await expectRefused(createPlace({ actor, kind: "site", name: "Mine" }), ForbiddenError);
      await expectRefused(renamePlace({ actor, kind: "site", placeId: org.sites.main.id, name: "Mine" }), ForbiddenError);
      await expectRefused(renamePlace({ actor, kind: "team", placeId: org.teams.alpha.id, name: "Mine" }), ForbiddenError);
    }
    expect((await reloadSite(org.sites.main.id))?.name).toBe("Main office");
  });

  it("renames, audited with from and to; a change of case alone is allowed; the same name again records nothing", async () => {
    const org = await seedOrganization();
    await renamePlace({ actor: org.actors.admin, kind: "site", placeId: org.sites.main.id, name: "Main Office" });
    expect(await renamePlace({ actor: org.actors.admin, kind: "site", placeId: org.sites.main.id, name: "Main Office" })).toMatchObject({ changed: false });
    await renamePlace({ actor: org.actors.admin, kind: "team", placeId: org.teams.beta.id, name: "Billing" });
    expect((await reloadSite(org.sites.main.id))?.name).toBe("Main Office");
    expect(await auditOf(org.organization.id, "site.rename")).toMatchObject([{ details: { changes: { name: { from: "Main office", to: "Main Office" } } } }]);
    expect((await listPlaces({ actor: org.actors.owner, kind: "team" })).map((t) => t.name)).toEqual(["Alpha", "Billing"]);
  });

  it("answers an id of another organization, or no id at all, as not found, and changes nothing there", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    for (const placeId of [other.sites.main.id, "not-a-uuid", undefined, org.teams.alpha.id]) {
      await expectRefused(renamePlace({ actor: org.actors.owner, kind: "site", placeId, name: "Taken over" }), NotFoundError);
      await expectRefused(deletePlace({ actor: org.actors.owner, kind: "site", placeId, expectedMembers: 0 }), NotFoundError);
    }
    expect((await reloadSite(other.sites.main.id))?.name).toBe("Main office");
  });
});

const reloadSite = async (id: string) => (await (await getDb()).select().from(site).where(eq(site.id, id)))[0];
const reloadTeam = async (id: string) => (await (await getDb()).select().from(team).where(eq(team.id, id)))[0];

describe("Delete, moving the members first (in one transaction)", () => {
  it("deletes an empty site at once", async () => {
    const org = await seedOrganization();
    const empty = await createPlace({ actor: org.actors.owner, kind: "site", name: "Closed branch" });
    expect(await deletePlace({ actor: org.actors.owner, kind: "site", placeId: empty.id, expectedMembers: 0 })).toEqual({ name: "Closed branch", moved: 0, movedTo: null });
    expect(await reloadSite(empty.id)).toBeUndefined();
    expect(await auditOf(org.organization.id, "site.delete")).toMatchObject([{ targetId: empty.id, details: { name: "Closed branch", movedMembers: 0, movedTo: null } }]);
  });

  it("refuses to delete a site with members until it is told where they go, and deletes nothing", async () => {
    const org = await seedOrganization();
    await expectRefused(deletePlace({ actor: org.actors.admin, kind: "site", placeId: org.sites.main.id, expectedMembers: 4 }), ValidationError, { field: "moveTo", message: "Choose where its members go" });
    expect(await reloadSite(org.sites.main.id)).toBeDefined();
    expect((await reloadMember(org.members.member.id))?.siteId).toBe(org.sites.main.id);
  });

  it("moves every member to the chosen site, then deletes it; its site managers manage it no more", async () => {
    const org = await seedOrganization();
    const result = await deletePlace({ actor: org.actors.admin, kind: "site", placeId: org.sites.main.id, moveTo: org.sites.other.id, expectedMembers: 4 });
    expect(result).toEqual({ name: "Main office", moved: 4, movedTo: { id: org.sites.other.id, name: "Branch office" } });
    expect(await reloadSite(org.sites.main.id)).toBeUndefined();
    for (const m of [org.members.siteManager, org.members.supervisor, org.members.member, org.members.inScope]) {
      expect((await reloadMember(m.id))?.siteId).toBe(org.sites.other.id);
    }
    expect(await (await getDb()).select().from(siteManager).where(eq(siteManager.memberId, org.members.siteManager.id))).toEqual([]);
    expect((await listPlaces({ actor: org.actors.owner, kind: "site" }))).toMatchObject([{ name: "Branch office", memberCount: 5 }]);
    expect(await auditOf(org.organization.id, "site.delete")).toMatchObject([{ details: { movedMembers: 4, movedTo: { name: "Branch office" } } }]);
  });

  it('moves a team\'s members to "No Team", and its supervisors supervise it no more', async () => {
    const org = await seedOrganization();
    await deletePlace({ actor: org.actors.owner, kind: "team", placeId: org.teams.alpha.id, moveTo: "none", expectedMembers: 2 });
    expect(await reloadTeam(org.teams.alpha.id)).toBeUndefined();
    expect((await reloadMember(org.members.member.id))?.teamId).toBeNull();
    expect(await (await getDb()).select().from(teamSupervisor).where(eq(teamSupervisor.memberId, org.members.supervisor.id))).toEqual([]);
    expect((await reloadMember(org.members.supervisor.id))?.role).toBe("supervisor");
  });

  it("refuses to move them to the site itself, a site of another organization, or a team", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(deletePlace({ actor: org.actors.owner, kind: "site", placeId: org.sites.main.id, moveTo: org.sites.main.id, expectedMembers: 4 }), ValidationError, { field: "moveTo", message: "Choose another site" });
    for (const moveTo of [other.sites.main.id, org.teams.alpha.id, "elsewhere"]) {
      await expectRefused(deletePlace({ actor: org.actors.owner, kind: "site", placeId: org.sites.main.id, moveTo, expectedMembers: 4 }), ValidationError, { field: "moveTo", message: "Choose a site from the list" });
    }
    expect((await reloadMember(org.members.member.id))?.siteId).toBe(org.sites.main.id);
    expect(await auditOf(org.organization.id, "site.delete")).toEqual([]);
  });

  it("refuses when members arrived after the dialog counted them, saying how many there are now", async () => {
    const org = await seedOrganization();
    await createMember(org.organization.id, { siteId: org.sites.other.id });
    await expectRefused(deletePlace({ actor: org.actors.owner, kind: "site", placeId: org.sites.other.id, expectedMembers: 1, moveTo: "none" }), ConflictError, {
      message: "Branch office has 2 members now. Close this dialog and try again to choose where they go.",
    });
    const empty = await createPlace({ actor: org.actors.owner, kind: "team", name: "Weekend" });
    await createMember(org.organization.id, { teamId: empty.id });
    await expectRefused(deletePlace({ actor: org.actors.owner, kind: "team", placeId: empty.id, expectedMembers: 0 }), ConflictError, { message: /has 1 member now/ });
    expect(await reloadTeam(empty.id)).toBeDefined();
  });

  it("[Site Manager, Supervisor] delete nothing", async () => {
    const org = await seedOrganization();
    await expectRefused(deletePlace({ actor: org.actors.siteManager, kind: "site", placeId: org.sites.main.id, moveTo: "none", expectedMembers: 4 }), ForbiddenError);
    await expectRefused(deletePlace({ actor: org.actors.supervisor, kind: "team", placeId: org.teams.alpha.id, moveTo: "none", expectedMembers: 2 }), ForbiddenError);
    expect(await reloadSite(org.sites.main.id)).toBeDefined();
  });
});

describe("Site managers and supervisors, assigned on the place", () => {
  it("[Admin] makes a member the site manager of a site: their role becomes Site Manager and they see that site", async () => {
    const org = await seedOrganization();
    const result = await assignManager({ actor: org.actors.admin, kind: "site", placeId: org.sites.other.id, memberId: org.members.outOfScope.id });
    expect(result).toEqual({ placeName: "Branch office", memberName: "Otto Scope", promoted: true });
    const promoted = (await reloadMember(org.members.outOfScope.id))!;
    expect(promoted.role).toBe("site_manager");
    const actor = await memberActorOf(await getDb(), promoted);
    expect((await listPlaces({ actor, kind: "site" })).map((s) => s.name)).toEqual(["Branch office"]);
    expect(await auditOf(org.organization.id, "member.update")).toMatchObject([{ targetId: promoted.id, details: { changes: { role: { from: "member", to: "site_manager" } } } }]);
    expect(await auditOf(org.organization.id, "site.manager-add")).toMatchObject([{ targetId: org.sites.other.id, details: { member: "Otto Scope" } }]);
  });

  it("gives a site manager a second site, keeping the first; twice is once", async () => {
    const org = await seedOrganization();
    await assignManager({ actor: org.actors.owner, kind: "site", placeId: org.sites.other.id, memberId: org.members.siteManager.id });
    expect(await assignManager({ actor: org.actors.owner, kind: "site", placeId: org.sites.other.id, memberId: org.members.siteManager.id })).toMatchObject({ promoted: false });
    const actor = await memberActorOf(await getDb(), (await reloadMember(org.members.siteManager.id))!);
    expect(actor.siteIds.sort()).toEqual([org.sites.main.id, org.sites.other.id].sort());
    expect(await auditOf(org.organization.id, "site.manager-add")).toHaveLength(1);
    expect(await auditOf(org.organization.id, "member.update")).toEqual([]);
  });

  it("[Owner] makes a member the supervisor of a team", async () => {
    const org = await seedOrganization();
    await assignManager({ actor: org.actors.owner, kind: "team", placeId: org.teams.beta.id, memberId: org.members.inScope.id });
    const actor = await memberActorOf(await getDb(), (await reloadMember(org.members.inScope.id))!);
    expect(actor).toMatchObject({ role: "supervisor", teamIds: [org.teams.beta.id] });
  });

  it("refuses someone in another role, someone who can't sign in, and an owner or admin, changing nothing", async () => {
    const org = await seedOrganization();
    const noPortal = await createMember(org.organization.id, { portalAccess: false, firstName: "Nora", lastName: "Phone" });
    const disabled = await createMember(org.organization.id, { status: "disabled", firstName: "Dee", lastName: "Sabled" });
    const act = (memberId: string, kind: "site" | "team" = "site") => assignManager({ actor: org.actors.admin, kind, placeId: kind === "site" ? org.sites.other.id : org.teams.beta.id, memberId });
    await expectRefused(act(org.members.supervisor.id), ValidationError, { field: "memberId", message: "Sue Pervisor is a Call Center Supervisor. Change their role on their profile first." });
    await expectRefused(act(org.members.siteManager.id, "team"), ValidationError, { message: /is a Site Manager/ });
    await expectRefused(act(noPortal.id), ValidationError, { message: "Nora Phone can't sign in to the portal, so they can't be a Site Manager" });
    await expectRefused(act(disabled.id), ValidationError, { message: /Dee Sabled can't sign in/ });
    await expectRefused(act(org.members.owner.id), ForbiddenError);
    await expectRefused(assignManager({ actor: org.actors.owner, kind: "site", placeId: org.sites.other.id, memberId: org.members.admin.id }), ValidationError, { message: "Adam Admin is an Office Manager. Change their role on their profile first." });
    expect((await reloadMember(org.members.supervisor.id))?.role).toBe("supervisor");
    expect(await auditOf(org.organization.id, "site.manager-add")).toEqual([]);
  });

  it("answers a member or a place of another organization as not found", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(assignManager({ actor: org.actors.owner, kind: "site", placeId: org.sites.main.id, memberId: other.members.member.id }), NotFoundError);
    await expectRefused(assignManager({ actor: org.actors.owner, kind: "site", placeId: other.sites.main.id, memberId: org.members.member.id }), NotFoundError);
    await expectRefused(removeManager({ actor: org.actors.owner, kind: "site", placeId: other.sites.main.id, memberId: other.members.siteManager.id }), NotFoundError);
    expect((await reloadMember(other.members.member.id))?.role).toBe("member");
    expect((await reloadMember(org.members.member.id))?.role).toBe("member");
  });

  it("[Site Manager] assigns and removes nobody, not even on their own site", async () => {
    const org = await seedOrganization();
    await expectRefused(assignManager({ actor: org.actors.siteManager, kind: "site", placeId: org.sites.main.id, memberId: org.members.inScope.id }), ForbiddenError);
    await expectRefused(removeManager({ actor: org.actors.siteManager, kind: "site", placeId: org.sites.main.id, memberId: org.members.siteManager.id }), ForbiddenError);
    await expectRefused(managerCandidates({ actor: org.actors.siteManager, kind: "site", placeId: org.sites.main.id }), ForbiddenError);
  });

  it("removes a site manager from a site: they keep their role and stop seeing it", async () => {
    const org = await seedOrganization();
    expect(await removeManager({ actor: org.actors.admin, kind: "site", placeId: org.sites.main.id, memberId: org.members.siteManager.id })).toEqual({
      placeName: "Main office",
      memberName: "Sita Manager",
      removed: true,
    });
    const after = (await reloadMember(org.members.siteManager.id))!;
    expect(after.role).toBe("site_manager");
    expect(await listPlaces({ actor: await memberActorOf(await getDb(), after), kind: "site" })).toEqual([]);
    expect(await auditOf(org.organization.id, "site.manager-remove")).toMatchObject([{ details: { member: "Sita Manager" } }]);
  });

  it("offers members and site managers who sign in, not yet on the site, its own people first, found by name, login name or extension", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await createMember(org.organization.id, { portalAccess: false, firstName: "Nora", lastName: "Phone" });
    await createMember(org.organization.id, { status: "disabled", firstName: "Dee", lastName: "Sabled" });
    const names = async (placeId: string, search?: string) => (await managerCandidates({ actor: org.actors.admin, kind: "site", placeId, search })).map((c) => c.name);
    // Branch office: Otto is on it, Sita manages another site, Mo and Ina are members; nobody else qualifies.
    expect(await names(org.sites.other.id)).toEqual(["Otto Scope", "Sita Manager", "Mo Member", "Ina Scope"]);
    expect(await names(org.sites.main.id)).toEqual(["Mo Member", "Ina Scope", "Otto Scope"]);
    expect(await names(org.sites.other.id, "ina")).toEqual(["Ina Scope"]);
    expect(await names(org.sites.other.id, "Mo Mem")).toEqual(["Mo Member"]);
    await db.update(member).set({ extension: "4711" }).where(eq(member.id, org.members.member.id));
    expect(await names(org.sites.other.id, "471")).toEqual(["Mo Member"]);
    expect(await names(org.sites.other.id, org.members.inScope.loginName!.slice(0, 6))).toEqual(["Ina Scope"]);
    expect(await names(org.sites.other.id, "100%_")).toEqual([]);
    const teamNames = (await managerCandidates({ actor: org.actors.owner, kind: "team", placeId: org.teams.beta.id })).map((c) => c.name);
    expect(teamNames).toEqual(["Otto Scope", "Mo Member", "Sue Pervisor", "Ina Scope"]);
  });
});
