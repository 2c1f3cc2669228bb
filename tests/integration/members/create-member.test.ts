import { randomUUID } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, siteManager, teamSupervisor, type Member } from "@/db/schema";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createMember } from "@/lib/members/create-member";
import { displayStatus } from "@/lib/members/labels";
import { memberInput } from "@/lib/members/schemas";
import { seedOrganization, type SeededOrganization } from "@/tests/factories";

/**
 * Create (SPEC §4.4, seed 004) through createMember, with inputs parsed by the same zod schema the form's action uses.
 * Every refusal is checked for the field its message goes beside and for writing nothing at all.
 */

/** A Create form as submitted: portal access for Dana Reyes unless told otherwise. */
const form = (fields: Record<string, unknown> = {}) =>
  memberInput.parse({ portalAccess: "yes", firstName: "Dana", lastName: "Reyes", role: "member", email: "dana@example.test", ...fields });

/** Everything a create could write for this organization. */
async function rowsOf(org: SeededOrganization) {
  const db = await getDb();
  const organizationId = org.organization.id;
  const siteIds = [org.sites.main.id, org.sites.other.id];
  const teamIds = [org.teams.alpha.id, org.teams.beta.id];
  const [[members], [audits], [managers], [supervisors]] = await Promise.all([
    db.select({ n: count() }).from(member).where(eq(member.organizationId, organizationId)),
    db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.organizationId, organizationId)),
    db.select({ n: count() }).from(siteManager).where(inArray(siteManager.siteId, siteIds)),
    db.select({ n: count() }).from(teamSupervisor).where(inArray(teamSupervisor.teamId, teamIds)),
  ]);
  return { members: members!.n, audits: audits!.n, managers: managers!.n, supervisors: supervisors!.n };
}

/** Expects the create to be refused with this error class on this field, having written nothing. */
async function expectRefused(org: SeededOrganization, attempt: () => Promise<Member>, error: typeof ValidationError | typeof ConflictError, field: string) {
  const before = await rowsOf(org);
  const refusal = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(error);
  expect(refusal).toMatchObject({ field });
  expect(await rowsOf(org)).toEqual(before);
}

async function auditOf(memberId: string) {
  const db = await getDb();
  return db.select().from(auditEvent).where(and(eq(auditEvent.targetId, memberId), eq(auditEvent.action, "member.create")));
}

async function assignmentsOf(memberId: string) {
  const db = await getDb();
  const [sites, teams] = await Promise.all([
    db.select({ id: siteManager.siteId }).from(siteManager).where(eq(siteManager.memberId, memberId)),
    db.select({ id: teamSupervisor.teamId }).from(teamSupervisor).where(eq(teamSupervisor.memberId, memberId)),
  ]);
  return { sites: sites.map((s) => s.id).sort(), teams: teams.map((t) => t.id).sort() };
}

describe("createMember: the two kinds of member", () => {
  it("[Office Manager] creates a portal member who is Pending, with every field of the form", async () => {
    const org = await seedOrganization();
    const now = new Date("2026-03-02T09:30:00Z");
    const created = await createMember({
      actor: org.actors.admin,
      now,
      input: form({
        extension: "201",
        email: "Dana.Reyes@Example.TEST",
        siteId: org.sites.main.id,
        teamId: org.teams.alpha.id,
        department: " Billing ",
        directNumber: "(415) 555-0123",
      }),
    });
    expect(created).toMatchObject({
      organizationId: org.organization.id,
      firstName: "Dana",
      lastName: "Reyes",
      extension: "201",
      loginName: `201@${org.organization.slug}`,
      role: "member",
      siteId: org.sites.main.id,
      teamId: org.teams.alpha.id,
      department: "Billing",
      directNumber: "+14155550123",
      portalAccess: true,
      primaryEmail: "dana.reyes@example.test",
      status: "pending",
      passwordHash: null,
      confirmationSentAt: null,
      confirmedAt: null,
      createdById: org.members.admin.id,
      createdAt: now,
    });
    expect(displayStatus(created)).toBe("Pending");
  });

  it("[Office Manager] creates a member without portal access: no login name, no email, 'No portal access'", async () => {
    const org = await seedOrganization();
    // A forged form may still carry an email and a login name: they are dropped, not stored.
    const created = await createMember({
      actor: org.actors.admin,
      input: form({ portalAccess: "no", extension: "305", email: "lobby@example.test", loginName: `lobby@${org.organization.slug}`, firstName: "Lobby", lastName: "Phone" }),
    });
    expect(created).toMatchObject({ portalAccess: false, loginName: null, primaryEmail: null, passwordHash: null, status: "pending", extension: "305" });
    expect(displayStatus(created)).toBe("No portal access");
  });

  it("[Office Manager] creating a member writes the 'member.create' audit event", async () => {
    const org = await seedOrganization();
    const created = await createMember({ actor: org.actors.admin, input: form({ extension: "202" }) });
    expect(await auditOf(created.id)).toEqual([
      expect.objectContaining({
        organizationId: org.organization.id,
        actorMemberId: org.members.admin.id,
        targetType: "member",
        details: { name: "Dana Reyes", extension: "202", role: "member", loginName: `202@${org.organization.slug}`, portalAccess: true },
      }),
    ]);
  });
});

describe("createMember: login names (SPEC §2)", () => {
  it("[Office Manager] without an extension, the login name is made from the name, with a number when taken", async () => {
    const org = await seedOrganization();
    const slug = org.organization.slug;
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await createMember({ actor: org.actors.admin, input: form() })).loginName);
    expect(names).toEqual([`dana.reyes@${slug}`, `dana.reyes2@${slug}`, `dana.reyes3@${slug}`]);
  });

  it("[Office Manager] when <extension>@<slug> is already someone's login name, a dash and a number are added", async () => {
    const org = await seedOrganization();
    const slug = org.organization.slug;
    // Someone typed 201@slug as their own login name while on extension 555.
    await createMember({ actor: org.actors.admin, input: form({ extension: "555", loginName: `201@${slug}` }) });
    await createMember({ actor: org.actors.admin, input: form({ extension: "2012", firstName: "Eve" }) });
    const created = await createMember({ actor: org.actors.admin, input: form({ extension: "201", firstName: "Ben" }) });
    expect(created.loginName).toBe(`201-2@${slug}`); // not 2012@slug, which is someone else's
  });

  it("[Office Manager] may type the login name, in any case, if it ends with the organization's short name", async () => {
    const org = await seedOrganization();
    const created = await createMember({ actor: org.actors.admin, input: form({ extension: "203", loginName: `Front.Desk@${org.organization.slug.toUpperCase()}` }) });
    expect(created.loginName).toBe(`front.desk@${org.organization.slug}`);
  });

  it("[Office Manager] can't type a login name of another organization's short name", async () => {
    const org = await seedOrganization();
    await expectRefused(org, () => createMember({ actor: org.actors.admin, input: form({ loginName: "dana@someone-else" }) }), ValidationError, "loginName");
  });

  it("[Office Manager] can't type a login name that is already taken", async () => {
    const org = await seedOrganization();
    await createMember({ actor: org.actors.admin, input: form({ loginName: `front.desk@${org.organization.slug}` }) });
    await expectRefused(
      org,
      () => createMember({ actor: org.actors.admin, input: form({ firstName: "Other", loginName: `front.desk@${org.organization.slug}` }) }),
      ConflictError,
      "loginName",
    );
  });
});

describe("createMember: bad input writes nothing (issue 4, 'Bad input')", () => {
  it("[Office Manager] can't give a second member an extension already in use", async () => {
    const org = await seedOrganization();
    await createMember({ actor: org.actors.admin, input: form({ extension: "301" }) });
    await expectRefused(
      org,
      () => createMember({ actor: org.actors.admin, input: form({ extension: "301", firstName: "Other", portalAccess: "no" }) }),
      ConflictError,
      "extension",
    );
    await expect(createMember({ actor: org.actors.admin, input: form({ extension: "301" }) })).rejects.toThrow("Extension 301 is already in use");
  });

  it("[Office Manager] may use an extension another organization already uses", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await createMember({ actor: other.actors.admin, input: form({ extension: "301" }) });
    await expect(createMember({ actor: org.actors.admin, input: form({ extension: "301" }) })).resolves.toMatchObject({
      extension: "301",
      loginName: `301@${org.organization.slug}`,
    });
  });

  it("[Office Manager] can't create an owner or another office manager", async () => {
    const org = await seedOrganization();
    for (const role of ["owner", "admin"]) {
      await expectRefused(org, () => createMember({ actor: org.actors.admin, input: form({ role }) }), ValidationError, "role");
    }
    await expect(createMember({ actor: org.actors.admin, input: form({ role: "admin" }) })).rejects.toThrow("You can't give the Office Manager role");
  });

  it("[Owner] may create an office manager", async () => {
    const org = await seedOrganization();
    await expect(createMember({ actor: org.actors.owner, input: form({ role: "admin" }) })).resolves.toMatchObject({ role: "admin", status: "pending" });
  });

  it("[Site Manager] can't create a member on a site they don't manage, or on no site", async () => {
    const org = await seedOrganization();
    await expectRefused(org, () => createMember({ actor: org.actors.siteManager, input: form({ siteId: org.sites.other.id }) }), ValidationError, "siteId");
    await expectRefused(org, () => createMember({ actor: org.actors.siteManager, input: form({ siteId: "" }) }), ValidationError, "siteId");
  });

  it("[Site Manager] creates members and supervisors on their own site, but no site managers or anyone above", async () => {
    const org = await seedOrganization();
    const siteId = org.sites.main.id;
    await expect(createMember({ actor: org.actors.siteManager, input: form({ siteId }) })).resolves.toMatchObject({ siteId, role: "member" });
    await expect(createMember({ actor: org.actors.siteManager, input: form({ siteId, role: "supervisor", firstName: "Sam" }) })).resolves.toMatchObject({
      role: "supervisor",
    });
    for (const role of ["site_manager", "admin", "owner"]) {
      await expectRefused(org, () => createMember({ actor: org.actors.siteManager, input: form({ siteId, role }) }), ValidationError, "role");
    }
  });

  it("[Owner] can't place a member on another organization's site or team (forged ids)", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(org, () => createMember({ actor: org.actors.owner, input: form({ siteId: other.sites.main.id }) }), ValidationError, "siteId");
    await expectRefused(org, () => createMember({ actor: org.actors.owner, input: form({ teamId: other.teams.alpha.id }) }), ValidationError, "teamId");
    await expectRefused(org, () => createMember({ actor: org.actors.owner, input: form({ siteId: randomUUID() }) }), ValidationError, "siteId");
    await expectRefused(
      org,
      () => createMember({ actor: org.actors.owner, input: form({ role: "site_manager", siteId: org.sites.main.id, managedSiteIds: [other.sites.main.id] }) }),
      ValidationError,
      "managedSiteIds",
    );
    await expectRefused(
      org,
      () => createMember({ actor: org.actors.owner, input: form({ role: "supervisor", supervisedTeamIds: [org.teams.alpha.id, other.teams.beta.id] }) }),
      ValidationError,
      "supervisedTeamIds",
    );
  });

  it("[Site Manager] placing a member on another organization's site hears 'Choose one of the sites you manage'", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await expectRefused(org, () => createMember({ actor: org.actors.siteManager, input: form({ siteId: other.sites.main.id }) }), ValidationError, "siteId");
    await expectRefused(
      org,
      () => createMember({ actor: org.actors.siteManager, input: form({ siteId: org.sites.main.id, teamId: other.teams.alpha.id }) }),
      ValidationError,
      "teamId",
    );
  });

  it.each([
    ["Call Center Supervisor", "supervisor"],
    ["Member", "member"],
  ] as const)("[%s] can't create anyone: the form is refused and nothing is written", async (_label, role) => {
    const org = await seedOrganization();
    const actor = role === "supervisor" ? org.actors.supervisor : org.actors.member;
    // They may grant no role at all, so the refusal lands on the role field.
    await expectRefused(org, () => createMember({ actor, input: form({ siteId: org.sites.main.id, teamId: org.teams.alpha.id }) }), ValidationError, "role");
  });
});

describe("createMember: direct number (SPEC §2: E.164)", () => {
  it("[Office Manager] a number typed the way people write it is stored in E.164", async () => {
    const org = await seedOrganization();
    expect(form({ directNumber: "(415) 555-0123" }).directNumber).toBe("+14155550123");
    expect(form({ directNumber: "+44 20 7946 0958" }).directNumber).toBe("+442079460958");
    const created = await createMember({ actor: org.actors.admin, input: form({ directNumber: "415.555.0123" }) });
    expect(created.directNumber).toBe("+14155550123");
  });

  it("[Office Manager] a number that can't be a phone number is refused beside the field", () => {
    const parsed = memberInput.safeParse({ portalAccess: "yes", firstName: "Dana", lastName: "Reyes", role: "member", email: "dana@example.test", directNumber: "12" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.flatten().fieldErrors).toEqual({ directNumber: ["Enter a phone number with its area code, e.g. +1 415 555 0123"] });
  });
});

describe("createMember: who a new manager manages (SPEC §1)", () => {
  it("[Office Manager] a new site manager manages their own site unless other sites are ticked", async () => {
    const org = await seedOrganization();
    const { main, other } = org.sites;
    const own = await createMember({ actor: org.actors.admin, input: form({ role: "site_manager", siteId: other.id }) });
    expect(await assignmentsOf(own.id)).toEqual({ sites: [other.id], teams: [] });
    const both = await createMember({ actor: org.actors.admin, input: form({ role: "site_manager", siteId: main.id, managedSiteIds: [main.id, other.id], firstName: "Bo" }) });
    expect(await assignmentsOf(both.id)).toEqual({ sites: [main.id, other.id].sort(), teams: [] });
  });

  it("[Office Manager] a new supervisor supervises their own team unless other teams are ticked", async () => {
    const org = await seedOrganization();
    const { alpha, beta } = org.teams;
    const own = await createMember({ actor: org.actors.admin, input: form({ role: "supervisor", teamId: beta.id }) });
    expect(await assignmentsOf(own.id)).toEqual({ sites: [], teams: [beta.id] });
    const both = await createMember({ actor: org.actors.admin, input: form({ role: "supervisor", teamId: "", supervisedTeamIds: [alpha.id, beta.id], firstName: "Bo" }) });
    expect(await assignmentsOf(both.id)).toEqual({ sites: [], teams: [alpha.id, beta.id].sort() });
  });

  it("[Office Manager] sites and teams ticked for any other role are not assigned", async () => {
    const org = await seedOrganization();
    const created = await createMember({
      actor: org.actors.admin,
      input: form({ role: "member", siteId: org.sites.main.id, teamId: org.teams.alpha.id, managedSiteIds: [org.sites.main.id], supervisedTeamIds: [org.teams.alpha.id] }),
    });
    expect(await assignmentsOf(created.id)).toEqual({ sites: [], teams: [] });
  });

  it("[Site Manager] a supervisor they create supervises that person's own team", async () => {
    const org = await seedOrganization();
    const created = await createMember({
      actor: org.actors.siteManager,
      input: form({ role: "supervisor", siteId: org.sites.main.id, teamId: org.teams.alpha.id }),
    });
    expect(await assignmentsOf(created.id)).toEqual({ sites: [], teams: [org.teams.alpha.id] });
  });
});
