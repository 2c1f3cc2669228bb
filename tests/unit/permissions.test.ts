import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import type { Actor, MemberActor, SupportActor } from "@/lib/actor";
import {
  MEMBER_ACTIONS,
  ORGANIZATION_ACTIONS,
  can,
  canInOrganization,
  canReadMailbox,
  grantableRoles,
  visibleMembers,
  type MemberAction,
  type MemberTarget,
  type OrganizationAction,
} from "@/lib/permissions";

/**
 * The permission matrix of SPEC §3: 6 roles × every action × every kind of target, one test per cell. The expected
 * values are written out below as data, from SPEC §1/§3 and, where the SPEC is silent, from lib/permissions.ts's comments.
 * No database: actors and targets are built by hand, laid out like tests/factories.ts seedOrganization().
 */

type ActorRole = Role | "support";
const ROLES = ["owner", "admin", "site_manager", "supervisor", "member", "support"] as const satisfies readonly ActorRole[];

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const ORG = id(1);
const OTHER_ORG = id(2);
const MAIN_SITE = id(11);
const OTHER_SITE = id(12);
const ALPHA_TEAM = id(21);
const BETA_TEAM = id(22);

function memberActor(role: Role, memberId: string, scope: { siteIds?: string[]; teamIds?: string[] } = {}): MemberActor {
  return {
    kind: "member",
    memberId,
    organizationId: ORG,
    role,
    siteIds: scope.siteIds ?? [],
    teamIds: scope.teamIds ?? [],
    name: `Test ${role}`,
    loginName: `${role}@test`,
  };
}
const support: SupportActor = { kind: "support", supportId: id(99), name: "Sid Support", email: "sid@gatehouse.test" };

/** One actor per role; the site manager manages the main site, the supervisor supervises the alpha team. */
const ACTORS: Record<ActorRole, Actor> = {
  owner: memberActor("owner", id(101)),
  admin: memberActor("admin", id(102)),
  site_manager: memberActor("site_manager", id(103), { siteIds: [MAIN_SITE] }),
  supervisor: memberActor("supervisor", id(104), { teamIds: [ALPHA_TEAM] }),
  member: memberActor("member", id(105)),
  support,
};

/** Where each actor sits themselves, as in seedOrganization(): the site manager and supervisor on the main site, no team. */
const SELF_PLACE: Record<Role, Pick<MemberTarget, "siteId" | "teamId">> = {
  owner: { siteId: null, teamId: null },
  admin: { siteId: null, teamId: null },
  site_manager: { siteId: MAIN_SITE, teamId: null },
  supervisor: { siteId: MAIN_SITE, teamId: null },
  member: { siteId: MAIN_SITE, teamId: ALPHA_TEAM },
};

const TARGETS = ["self", "inScope", "outOfScope", "admin", "owner", "otherOrg"] as const;
type TargetName = (typeof TARGETS)[number];

/**
 * The admin and owner targets belong to no site and no team, like the seeded ones: they act on the whole organization.
 * (Further down, separate tests put them on the actor's own site and team, so only their role can make the difference.)
 * The other organization's member carries the same site and team ids as the in-scope one, so only the organization
 * can make the difference.
 */
function targetFor(name: Exclude<TargetName, "self">): MemberTarget {
  switch (name) {
    case "inScope":
      return { id: id(201), organizationId: ORG, role: "member", siteId: MAIN_SITE, teamId: ALPHA_TEAM };
    case "outOfScope":
      return { id: id(202), organizationId: ORG, role: "member", siteId: OTHER_SITE, teamId: BETA_TEAM };
    case "admin":
      // Another admin than the acting one.
      return { id: id(203), organizationId: ORG, role: "admin", siteId: null, teamId: null };
    case "owner":
      // Another owner than the acting one.
      return { id: id(204), organizationId: ORG, role: "owner", siteId: null, teamId: null };
    case "otherOrg":
      return { id: id(205), organizationId: OTHER_ORG, role: "member", siteId: MAIN_SITE, teamId: ALPHA_TEAM };
  }
}

const Y = true;
const N = false;
/** Not applicable: support staff are not members of any organization, so they have no "self" member. */
const NA = null;
type Row = readonly [self: boolean | null, inScope: boolean, outOfScope: boolean, admin: boolean, owner: boolean, otherOrg: boolean];

// prettier-ignore
const MEMBER_MATRIX = {
  // Owners do everything in their organization, except reset or disable themselves; only they manage admins.
  owner: {
    //                           self inScope outOfScope admin owner otherOrg
    "member.view":              [Y,   Y,      Y,         Y,    Y,    N],
    "member.create":            [Y,   Y,      Y,         Y,    Y,    N],
    "member.edit":              [Y,   Y,      Y,         Y,    Y,    N],
    "member.import":            [Y,   Y,      Y,         Y,    Y,    N],
    "member.sendWelcome":       [Y,   Y,      Y,         Y,    Y,    N],
    "member.sendReset":         [Y,   Y,      Y,         Y,    Y,    N],
    "member.resetCompletely":   [N,   Y,      Y,         Y,    Y,    N],
    "member.disable":           [N,   Y,      Y,         Y,    Y,    N],
    "member.viewEmailLog":      [Y,   Y,      Y,         Y,    Y,    N],
    "member.manageAdmins":      [Y,   Y,      Y,         Y,    Y,    N],
    "profile.edit":             [Y,   N,      N,         N,    N,    N],
  },
  // Admins manage every member except owners (they only see owners); only an owner may create, edit, import, reset
  // completely or disable an admin (SPEC §3), themselves included. They may help another admin with their email.
  admin: {
    //                           self inScope outOfScope admin owner otherOrg
    "member.view":              [Y,   Y,      Y,         Y,    Y,    N],
    "member.create":            [N,   Y,      Y,         N,    N,    N],
    "member.edit":              [N,   Y,      Y,         N,    N,    N],
    "member.import":            [N,   Y,      Y,         N,    N,    N],
    "member.sendWelcome":       [Y,   Y,      Y,         Y,    N,    N],
    "member.sendReset":         [Y,   Y,      Y,         Y,    N,    N],
    "member.resetCompletely":   [N,   Y,      Y,         N,    N,    N],
    "member.disable":           [N,   Y,      Y,         N,    N,    N],
    "member.viewEmailLog":      [Y,   Y,      Y,         Y,    N,    N],
    "member.manageAdmins":      [N,   N,      N,         N,    N,    N],
    "profile.edit":             [Y,   N,      N,         N,    N,    N],
  },
  // Site managers manage the members of their sites (they sit on one themselves) and only view owners and admins, who
  // belong to the whole organization rather than a site (lib/permissions.ts: "a site manager sees them"). Site
  // managers themselves, peers included, are managed from above: on them a site manager only helps with email.
  site_manager: {
    //                           self inScope outOfScope admin owner otherOrg
    "member.view":              [Y,   Y,      N,         Y,    Y,    N],
    "member.create":            [N,   Y,      N,         N,    N,    N],
    "member.edit":              [N,   Y,      N,         N,    N,    N],
    "member.import":            [N,   Y,      N,         N,    N,    N],
    "member.sendWelcome":       [Y,   Y,      N,         N,    N,    N],
    "member.sendReset":         [Y,   Y,      N,         N,    N,    N],
    "member.resetCompletely":   [N,   Y,      N,         N,    N,    N],
    "member.disable":           [N,   Y,      N,         N,    N,    N],
    "member.viewEmailLog":      [Y,   Y,      N,         N,    N,    N],
    "member.manageAdmins":      [N,   N,      N,         N,    N,    N],
    "profile.edit":             [Y,   N,      N,         N,    N,    N],
  },
  // Supervisors see the agents of their teams, send them welcome emails and resets and read their email log; they sit
  // on no team themselves, so apart from viewing their own profile they are out of their own scope.
  supervisor: {
    //                           self inScope outOfScope admin owner otherOrg
    "member.view":              [Y,   Y,      N,         N,    N,    N],
    "member.create":            [N,   N,      N,         N,    N,    N],
    "member.edit":              [N,   N,      N,         N,    N,    N],
    "member.import":            [N,   N,      N,         N,    N,    N],
    "member.sendWelcome":       [N,   Y,      N,         N,    N,    N],
    "member.sendReset":         [N,   Y,      N,         N,    N,    N],
    "member.resetCompletely":   [N,   N,      N,         N,    N,    N],
    "member.disable":           [N,   N,      N,         N,    N,    N],
    "member.viewEmailLog":      [N,   Y,      N,         N,    N,    N],
    "member.manageAdmins":      [N,   N,      N,         N,    N,    N],
    "profile.edit":             [Y,   N,      N,         N,    N,    N],
  },
  // Members: their own profile only.
  member: {
    //                           self inScope outOfScope admin owner otherOrg
    "member.view":              [Y,   N,      N,         N,    N,    N],
    "member.create":            [N,   N,      N,         N,    N,    N],
    "member.edit":              [N,   N,      N,         N,    N,    N],
    "member.import":            [N,   N,      N,         N,    N,    N],
    "member.sendWelcome":       [N,   N,      N,         N,    N,    N],
    "member.sendReset":         [N,   N,      N,         N,    N,    N],
    "member.resetCompletely":   [N,   N,      N,         N,    N,    N],
    "member.disable":           [N,   N,      N,         N,    N,    N],
    "member.viewEmailLog":      [N,   N,      N,         N,    N,    N],
    "member.manageAdmins":      [N,   N,      N,         N,    N,    N],
    "profile.edit":             [Y,   N,      N,         N,    N,    N],
  },
  // Support: find, send welcome/reset and read email logs in any organization, for anyone; never create or edit.
  support: {
    //                           self inScope outOfScope admin owner otherOrg
    "member.view":              [NA,  Y,      Y,         Y,    Y,    Y],
    "member.create":            [NA,  N,      N,         N,    N,    N],
    "member.edit":              [NA,  N,      N,         N,    N,    N],
    "member.import":            [NA,  N,      N,         N,    N,    N],
    "member.sendWelcome":       [NA,  Y,      Y,         Y,    Y,    Y],
    "member.sendReset":         [NA,  Y,      Y,         Y,    Y,    Y],
    "member.resetCompletely":   [NA,  N,      N,         N,    N,    N],
    "member.disable":           [NA,  N,      N,         N,    N,    N],
    "member.viewEmailLog":      [NA,  Y,      Y,         Y,    Y,    Y],
    "member.manageAdmins":      [NA,  N,      N,         N,    N,    N],
    "profile.edit":             [NA,  N,      N,         N,    N,    N],
  },
} as const satisfies Record<ActorRole, Record<MemberAction, Row>>;

const TARGET_PHRASE: Record<TargetName, string> = {
  self: "themselves",
  inScope: "an inScope member",
  outOfScope: "an outOfScope member",
  admin: "an admin",
  owner: "an owner",
  otherOrg: "an otherOrg member",
};

/** [title, action, target, expected]: a tuple, so "%s" prints the title as it is (a "$title" would be quoted and cut). */
type MemberCell = [title: string, action: MemberAction, target: TargetName, expected: boolean];
function memberCells(role: ActorRole): MemberCell[] {
  return MEMBER_ACTIONS.flatMap((action) =>
    TARGETS.flatMap((target, column) => {
      const expected = (MEMBER_MATRIX[role][action] as Row)[column];
      if (expected === null || expected === undefined) return [];
      return [[`${role} may${expected ? "" : " not"} ${action} ${TARGET_PHRASE[target]}`, action, target, expected] satisfies MemberCell];
    }),
  );
}

function resolveTarget(actor: Actor, name: TargetName): MemberTarget {
  if (name !== "self") return targetFor(name);
  if (actor.kind !== "member") throw new Error("Support staff have no member of their own");
  return { id: actor.memberId, organizationId: actor.organizationId, role: actor.role, ...SELF_PLACE[actor.role] };
}

describe("can", () => {
  describe.each(ROLES)("for %s", (role) => {
    it.each(memberCells(role))("%s", (_title, action, target, expected) => {
      const actor = ACTORS[role];
      expect(can(actor, action, resolveTarget(actor, target))).toBe(expected);
    });
  });

  it("never treats a member-to-be without an id as the actor themselves", () => {
    const actor = ACTORS.member as MemberActor;
    const lookalike: MemberTarget = { organizationId: ORG, role: "member", ...SELF_PLACE.member };
    expect(can(actor, "member.view", lookalike)).toBe(false);
    expect(can(actor, "profile.edit", lookalike)).toBe(false);
  });

  it("does not let a site manager create a member who belongs to no site", () => {
    const target: MemberTarget = { organizationId: ORG, role: "member", siteId: null, teamId: ALPHA_TEAM };
    expect(can(ACTORS.site_manager, "member.create", target)).toBe(false);
  });

  it("lets a supervisor send a welcome email to a fellow supervisor of their team but not edit them", () => {
    const fellow: MemberTarget = { id: id(206), organizationId: ORG, role: "supervisor", siteId: OTHER_SITE, teamId: ALPHA_TEAM };
    expect(can(ACTORS.supervisor, "member.view", fellow)).toBe(true);
    expect(can(ACTORS.supervisor, "member.sendWelcome", fellow)).toBe(true);
    expect(can(ACTORS.supervisor, "member.edit", fellow)).toBe(false);
  });

  const onActorsSiteAndTeam = (role: Role): MemberTarget => ({ id: id(208), organizationId: ORG, role, siteId: MAIN_SITE, teamId: ALPHA_TEAM });

  it.each(["admin", "owner"] as const)("lets a site manager view but not act on an %s who sits on their site", (role) => {
    const target = onActorsSiteAndTeam(role);
    expect(can(ACTORS.site_manager, "member.view", target)).toBe(true);
    expect(can(ACTORS.site_manager, "member.sendWelcome", target)).toBe(false);
    expect(can(ACTORS.site_manager, "member.edit", target)).toBe(false);
  });

  it.each(["admin", "owner", "site_manager"] as const)("does not let a supervisor see a %s on the team they supervise", (role) => {
    expect(can(ACTORS.supervisor, "member.view", onActorsSiteAndTeam(role))).toBe(false);
  });
});

const ORGANIZATIONS = ["own", "other"] as const;
type OrganizationRow = readonly [own: boolean | null, other: boolean];

// prettier-ignore
const ORGANIZATION_MATRIX = {
  owner: {
    //                              own other
    "organization.listMembers":    [Y,  N],
    "organization.addMembers":     [Y,  N],
    "organization.viewEmailLog":   [Y,  N],
    "organization.viewAuditLog":   [Y,  N],
    "organization.viewSettings":   [Y,  N],
    "organization.manageSettings": [Y,  N],
    "organization.viewSites":      [Y,  N],
    "organization.viewTeams":      [Y,  N],
    "organization.managePlaces":   [Y,  N],
    "support.searchPlatform":      [N,  N],
  },
  // Org settings are the owner's (SPEC §1), which admins may read; the audit log is for owners and admins (SPEC §4.13).
  admin: {
    "organization.listMembers":    [Y,  N],
    "organization.addMembers":     [Y,  N],
    "organization.viewEmailLog":   [Y,  N],
    "organization.viewAuditLog":   [Y,  N],
    "organization.viewSettings":   [Y,  N],
    "organization.manageSettings": [N,  N],
    "organization.viewSites":      [Y,  N],
    "organization.viewTeams":      [Y,  N],
    "organization.managePlaces":   [Y,  N],
    "support.searchPlatform":      [N,  N],
  },
  // The organization-wide email log would show members of other sites: site managers read it per member. Their
  // audit log holds only the events about their sites' members (visibleAuditEvents).
  site_manager: {
    "organization.listMembers":    [Y,  N],
    "organization.addMembers":     [Y,  N],
    "organization.viewEmailLog":   [N,  N],
    "organization.viewAuditLog":   [Y,  N],
    "organization.viewSettings":   [N,  N],
    "organization.manageSettings": [N,  N],
    "organization.viewSites":      [Y,  N],
    "organization.viewTeams":      [N,  N],
    "organization.managePlaces":   [N,  N],
    "support.searchPlatform":      [N,  N],
  },
  // Supervisors open the "Agents" tab (SPEC §4.3) and cannot create.
  supervisor: {
    "organization.listMembers":    [Y,  N],
    "organization.addMembers":     [N,  N],
    "organization.viewEmailLog":   [N,  N],
    "organization.viewAuditLog":   [N,  N],
    "organization.viewSettings":   [N,  N],
    "organization.manageSettings": [N,  N],
    "organization.viewSites":      [N,  N],
    "organization.viewTeams":      [N,  N],
    "organization.managePlaces":   [N,  N],
    "support.searchPlatform":      [N,  N],
  },
  member: {
    "organization.listMembers":    [N,  N],
    "organization.addMembers":     [N,  N],
    "organization.viewEmailLog":   [N,  N],
    "organization.viewAuditLog":   [N,  N],
    "organization.viewSettings":   [N,  N],
    "organization.manageSettings": [N,  N],
    "organization.viewSites":      [N,  N],
    "organization.viewTeams":      [N,  N],
    "organization.managePlaces":   [N,  N],
    "support.searchPlatform":      [N,  N],
  },
  // Support belongs to no organization: every organization is "another" one. They find, list, and read settings and
  // logs (SPEC §4.14); they change nothing.
  support: {
    "organization.listMembers":    [NA, Y],
    "organization.addMembers":     [NA, N],
    "organization.viewEmailLog":   [NA, Y],
    "organization.viewAuditLog":   [NA, Y],
    "organization.viewSettings":   [NA, Y],
    "organization.manageSettings": [NA, N],
    "organization.viewSites":      [NA, N],
    "organization.viewTeams":      [NA, N],
    "organization.managePlaces":   [NA, N],
    "support.searchPlatform":      [NA, Y],
  },
} as const satisfies Record<ActorRole, Record<OrganizationAction, OrganizationRow>>;

type OrganizationCell = [title: string, action: OrganizationAction, organizationId: string, expected: boolean];
function organizationCells(role: ActorRole): OrganizationCell[] {
  return ORGANIZATION_ACTIONS.flatMap((action) =>
    ORGANIZATIONS.flatMap((which, column) => {
      const expected = (ORGANIZATION_MATRIX[role][action] as OrganizationRow)[column];
      if (expected === null || expected === undefined) return [];
      const where = which === "own" ? "their own organization" : "another organization";
      const organizationId = which === "own" ? ORG : OTHER_ORG;
      return [[`${role} may${expected ? "" : " not"} ${action} in ${where}`, action, organizationId, expected] satisfies OrganizationCell];
    }),
  );
}

describe("canInOrganization", () => {
  describe.each(ROLES)("for %s", (role) => {
    it.each(organizationCells(role))("%s", (_title, action, organizationId, expected) => {
      expect(canInOrganization(ACTORS[role], action, organizationId)).toBe(expected);
    });
  });
});

describe("grantableRoles", () => {
  const GRANTABLE: Record<ActorRole, Role[]> = {
    owner: ["owner", "admin", "site_manager", "supervisor", "member"],
    admin: ["site_manager", "supervisor", "member"],
    site_manager: ["supervisor", "member"],
    supervisor: [],
    member: [],
    support: [],
  };
  it.each(ROLES.map((role) => [role, GRANTABLE[role].join(", ") || "no role at all", GRANTABLE[role]] as const))(
    "%s may grant exactly %s",
    (role, _names, roles) => {
      expect([...grantableRoles(ACTORS[role])].sort()).toEqual([...roles].sort());
    },
  );
});

describe("canReadMailbox: the outbox mailbox holds every set-password link (SPEC §5)", () => {
  const READS_IN_PRODUCTION: Record<ActorRole, boolean> = { owner: true, admin: false, site_manager: false, supervisor: false, member: false, support: true };
  it.each(ROLES.map((role) => [role, READS_IN_PRODUCTION[role]] as const))("in production, %s may read it: %s", (role, expected) => {
    expect(canReadMailbox(ACTORS[role], { production: true })).toBe(expected);
  });
  it("in production, nobody signed in may not; outside production everyone may, signed in or not", () => {
    expect(canReadMailbox(null, { production: true })).toBe(false);
    expect(canReadMailbox(null, { production: false })).toBe(true);
    for (const role of ROLES) expect(canReadMailbox(ACTORS[role], { production: false })).toBe(true);
  });
});

describe("visibleMembers", () => {
  const dialect = new PgDialect();
  const render = (actor: MemberActor) => dialect.sqlToQuery(visibleMembers(actor));
  const WHO: Record<Role, string> = { owner: "an owner", admin: "an admin", site_manager: "a site manager", supervisor: "a supervisor", member: "a member" };

  it.each((Object.keys(WHO) as Role[]).map((role) => [WHO[role], role] as const))("keeps the list %s sees inside their own organization", (_who, role) => {
    const { params } = render(ACTORS[role] as MemberActor);
    expect(params).toContain(ORG);
    expect(params).not.toContain(OTHER_ORG);
  });

  it("narrows a member's list to their own id", () => {
    expect(render(ACTORS.member as MemberActor).params).toEqual(expect.arrayContaining([ORG, id(105)]));
  });

  it("narrows a site manager's list to the sites they manage", () => {
    const actor = memberActor("site_manager", id(103), { siteIds: [MAIN_SITE, OTHER_SITE] });
    expect(render(actor).params).toEqual(expect.arrayContaining([MAIN_SITE, OTHER_SITE]));
    expect(render(ACTORS.site_manager as MemberActor).params).not.toContain(OTHER_SITE);
  });

  it("narrows a supervisor's list to the teams they supervise", () => {
    const { params } = render(ACTORS.supervisor as MemberActor);
    expect(params).toContain(ALPHA_TEAM);
    expect(params).not.toContain(BETA_TEAM);
  });

  it.each([
    ["a site manager who manages no site", memberActor("site_manager", id(103))],
    ["a supervisor who supervises no team", memberActor("supervisor", id(104))],
  ] as const)("renders no empty IN list for %s, which PostgreSQL would reject", (_who, actor) => {
    expect(render(actor).sql).not.toMatch(/in \(\s*\)/i);
  });
});
