import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db";
import { member, type Member, type Role } from "@/db/schema";
import type { Actor, MemberActor, SupportActor } from "@/lib/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { MEMBER_ACTIONS, authorizeOnMember, can, visibleMembers, type MemberAction } from "@/lib/permissions";
import { createSupportActor, seedOrganization, type SeededOrganization } from "@/tests/factories";

/**
 * The permission matrix of SPEC §3 against real rows: authorizeOnMember loads the target by id and answers with the
 * member, ForbiddenError (visible but not allowed) or NotFoundError (not even visible, exactly like a missing id).
 * Two organizations seeded once (tests/factories.ts seedOrganization): "home", where the actors are, and "other".
 */

type ActorRole = Role | "support";
const ROLES = ["owner", "admin", "site_manager", "supervisor", "member", "support"] as const satisfies readonly ActorRole[];
const SEEDED_ACTOR = { owner: "owner", admin: "admin", site_manager: "siteManager", supervisor: "supervisor", member: "member" } as const satisfies Record<
  Role,
  keyof SeededOrganization["actors"]
>;

/** self: the actor's own member row; otherOrg: the other organization's in-scope member (main site, alpha team). */
const TARGETS = ["self", "inScope", "outOfScope", "otherOrg"] as const;
type TargetName = (typeof TARGETS)[number];

const MANAGE = [
  "member.view",
  "member.create",
  "member.edit",
  "member.import",
  "member.sendWelcome",
  "member.sendReset",
  "member.resetCompletely",
  "member.disable",
  "member.viewEmailLog",
] as const satisfies readonly MemberAction[];
const HELP = ["member.view", "member.sendWelcome", "member.sendReset", "member.viewEmailLog"] as const satisfies readonly MemberAction[];

/**
 * "hidden": every action answers NotFoundError. A list: the actions that return the member; every other action
 * answers ForbiddenError (the list always holds member.view, since a target the actor can't view is hidden).
 */
type Outcome = "hidden" | readonly MemberAction[];
const EXPECTED = {
  owner: {
    self: ["member.view", "member.create", "member.edit", "member.import", "member.sendWelcome", "member.sendReset", "member.viewEmailLog", "member.manageAdmins", "profile.edit"],
    inScope: [...MANAGE, "member.manageAdmins"],
    outOfScope: [...MANAGE, "member.manageAdmins"],
    otherOrg: "hidden",
  },
  admin: {
    self: [...HELP, "profile.edit"],
    inScope: MANAGE,
    outOfScope: MANAGE,
    otherOrg: "hidden",
  },
  site_manager: {
    // Site managers are managed from above: on themselves (and peers) they only view and help with email.
    self: ["member.view", "member.sendWelcome", "member.sendReset", "member.viewEmailLog", "profile.edit"],
    inScope: MANAGE,
    outOfScope: "hidden",
    otherOrg: "hidden",
  },
  supervisor: {
    self: ["member.view", "profile.edit"],
    inScope: HELP,
    outOfScope: "hidden",
    otherOrg: "hidden",
  },
  member: {
    self: ["member.view", "profile.edit"],
    inScope: "hidden",
    outOfScope: "hidden",
    otherOrg: "hidden",
  },
  // Support staff are no member: they have no "self".
  support: {
    inScope: HELP,
    outOfScope: HELP,
    otherOrg: HELP,
  },
} as const satisfies Record<Role, Record<TargetName, Outcome>> & { support: Record<Exclude<TargetName, "self">, Outcome> };

type Result = "resolves" | "forbidden" | "notFound";
const TARGET_PHRASE: Record<TargetName, string> = {
  self: "themselves",
  inScope: "an inScope member",
  outOfScope: "an outOfScope member",
  otherOrg: "a member of another organization",
};
const TITLE: Record<Result, string> = {
  resolves: "%s may %s %s and gets the member back",
  forbidden: "%s sees but may not %s %s (ForbiddenError)",
  notFound: "%s cannot even see %s for %s (NotFoundError)",
};

type Cell = [role: ActorRole, action: MemberAction, targetPhrase: string, target: TargetName, result: Result];
function cells(role: ActorRole, result: Result): Cell[] {
  return TARGETS.flatMap((target) => {
    const outcome: Outcome | undefined = (EXPECTED[role] as Partial<Record<TargetName, Outcome>>)[target];
    if (outcome === undefined) return [];
    return MEMBER_ACTIONS.flatMap((action): Cell[] => {
      const expected: Result = outcome === "hidden" ? "notFound" : outcome.includes(action) ? "resolves" : "forbidden";
      return expected === result ? [[role, action, TARGET_PHRASE[target], target, expected]] : [];
    });
  });
}

let db: Database;
let home: SeededOrganization;
let other: SeededOrganization;
let support: SupportActor;

beforeAll(async () => {
  db = await getDb();
  home = await seedOrganization();
  other = await seedOrganization();
  support = await createSupportActor();
});

const actorOf = (role: ActorRole): Actor => (role === "support" ? support : home.actors[SEEDED_ACTOR[role]]);

function targetOf(role: ActorRole, target: TargetName): Member {
  switch (target) {
    case "self":
      if (role === "support") throw new Error("Support staff have no member row");
      return home.members[SEEDED_ACTOR[role]];
    case "inScope":
      return home.members.inScope;
    case "outOfScope":
      return home.members.outOfScope;
    case "otherOrg":
      return other.members.inScope;
  }
}

describe("authorizeOnMember", () => {
  describe.each(ROLES)("for %s", (role) => {
    // Argument order follows TITLE: the role, then the action and target phrase in the order each sentence names them.
    it.each(cells(role, "resolves"))(TITLE.resolves, async (_role, action, _phrase, target) => {
      const row = targetOf(role, target);
      await expect(authorizeOnMember(db, actorOf(role), action, row.id)).resolves.toMatchObject({ id: row.id, organizationId: row.organizationId });
    });

    it.each(cells(role, "forbidden"))(TITLE.forbidden, async (_role, action, _phrase, target) => {
      await expect(authorizeOnMember(db, actorOf(role), action, targetOf(role, target).id)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it.each(cells(role, "notFound").map(([, action, phrase, target, result]) => [role, phrase, action, target, result] as const))(
      TITLE.notFound,
      async (_role, _phrase, action, target) => {
        await expect(authorizeOnMember(db, actorOf(role), action, targetOf(role, target).id)).rejects.toBeInstanceOf(NotFoundError);
      },
    );
  });

  // Owners and admins belong to no site; a site manager's list shows them (below), so opening one must work too.
  it.each(["owner", "admin"] as const)("site_manager may member.view the organization's %s, who sits on no site", async (name) => {
    const row = home.members[name];
    await expect(authorizeOnMember(db, home.actors.siteManager, "member.view", row.id)).resolves.toMatchObject({ id: row.id });
  });

  const BAD_IDS: [label: string, id: () => unknown][] = [
    ["a random uuid", () => randomUUID()],
    ["a word", () => "not-a-uuid"],
    ["an empty string", () => ""],
    ["a number", () => 42],
    ["null", () => null],
    ["undefined", () => undefined],
    ["a uuid with SQL after it", () => `${randomUUID()}' or '1'='1`],
  ];
  it.each(ROLES.flatMap((role) => BAD_IDS.map(([label, makeId]) => [role, label, makeId] as const)))(
    "%s gets NotFoundError, not a database error, for %s",
    async (role, _label, makeId) => {
      await expect(authorizeOnMember(db, actorOf(role), "member.view", makeId())).rejects.toBeInstanceOf(NotFoundError);
    },
  );
});

describe("visibleMembers", () => {
  type SeededName = keyof SeededOrganization["members"];
  const EVERYONE = ["owner", "admin", "siteManager", "supervisor", "member", "inScope", "outOfScope"] as const satisfies readonly SeededName[];
  /** Which of the home organization's seeded members each role's list shows; never anyone of the other organization. */
  const VISIBLE: Record<Role, readonly SeededName[]> = {
    owner: EVERYONE,
    admin: EVERYONE,
    // Everyone on the main site, plus the owner and admin, who belong to no site.
    site_manager: ["owner", "admin", "siteManager", "supervisor", "member", "inScope"],
    // The alpha team: the member and inScope (the supervisor sits on no team).
    supervisor: ["member", "inScope"],
    member: ["member"],
  };

  /** Names rows after the seed, so a failure reads "other.inScope" instead of a uuid. */
  function namesOf(rows: { id: string }[]): string[] {
    const names = new Map<string, string>();
    for (const [prefix, org] of [["home", home], ["other", other]] as const) {
      for (const [name, row] of Object.entries(org.members)) names.set(row.id, `${prefix}.${name}`);
    }
    return rows.map((row) => names.get(row.id) ?? `unknown ${row.id}`).sort();
  }
  const listOf = async (actor: MemberActor) => db.select().from(member).where(visibleMembers(actor));

  const roles = Object.keys(VISIBLE) as Role[];

  it.each(roles)("shows a %s exactly the members of their scope, and none of another organization", async (role) => {
    const rows = await listOf(home.actors[SEEDED_ACTOR[role]]);
    expect(namesOf(rows)).toEqual(VISIBLE[role].map((name) => `home.${name}`).sort());
  });

  it.each(roles)("lists for a %s only members they may open, and every one they may open but themselves", async (role) => {
    const actor = home.actors[SEEDED_ACTOR[role]];
    const listed = new Set((await listOf(actor)).map((row) => row.id));
    const seeded = [...Object.values(home.members), ...Object.values(other.members)];
    const mismatches = seeded
      .filter((row) => row.id !== actor.memberId || listed.has(row.id))
      .filter((row) => can(actor, "member.view", row) !== listed.has(row.id));
    expect(namesOf(mismatches)).toEqual([]);
  });

  it("shows a site manager who manages no site only the owners and admins", async () => {
    const rows = await listOf({ ...home.actors.siteManager, siteIds: [] });
    expect(namesOf(rows)).toEqual(["home.admin", "home.owner"]);
  });

  it("shows a supervisor who supervises no team nobody", async () => {
    expect(await listOf({ ...home.actors.supervisor, teamIds: [] })).toEqual([]);
  });

  it("leaves a supervisor who sits on the team they supervise out of their own list of agents", async () => {
    const sitting = await seedOrganization();
    await db.update(member).set({ teamId: sitting.teams.alpha.id }).where(eq(member.id, sitting.members.supervisor.id));
    const ids = (await listOf(sitting.actors.supervisor)).map((m) => m.id).sort();
    expect(ids).toEqual([sitting.members.member.id, sitting.members.inScope.id].sort());
  });
});
