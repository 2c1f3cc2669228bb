import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditEvent, member, type Member, type Role } from "@/db/schema";
import type { Actor, OrganizationViewer } from "./actor";
import { isUuid } from "./actor";
import { ForbiddenError, NotFoundError } from "./errors";

/**
 * The one place that answers "may ACTOR do ACTION to TARGET" (SPEC §3). Every server action, route handler and page
 * asks it on the server, with the target loaded from the database.
 */

/** Acts on one member (SPEC §1). */
export const MEMBER_ACTIONS = [
  "member.view",
  "member.create",
  "member.edit",
  "member.import",
  "member.sendWelcome",
  "member.sendReset",
  "member.resetCompletely",
  "member.disable",
  "member.viewEmailLog",
  /** Grant or take away the owner or admin role (SPEC §3: owners only). */
  "member.manageAdmins",
  /** A member's own profile (SPEC §4.9): name, language, time zone, emails, password. */
  "profile.edit",
] as const;
/** Acts on a whole organization. */
export const ORGANIZATION_ACTIONS = [
  /** Open the Users tab (or "Agents"). */
  "organization.listMembers",
  /** Open Create / Import; what may be created is asked again per member with member.create / member.import. */
  "organization.addMembers",
  "organization.viewEmailLog",
  "organization.viewAuditLog",
  /** Read the organization's settings (owners and admins); changing them is manageSettings (owners). */
  "organization.viewSettings",
  "organization.manageSettings",
  /** Open Organization → Sites (site managers: the sites they manage, read-only). */
  "organization.viewSites",
  /** Open Organization → Teams. */
  "organization.viewTeams",
  /** Create, rename and delete sites and teams, and assign their site managers and supervisors (SPEC §4.15). */
  "organization.managePlaces",
  /** Find organizations and members across the platform (SPEC §4.14). */
  "support.searchPlatform",
] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];
export type Action = MemberAction | OrganizationAction;

/** The fields of a member that decide what may be done to it. */
export type MemberTarget = Pick<Member, "organizationId" | "role" | "siteId" | "teamId"> & { id?: string };

const MANAGE: readonly MemberAction[] = [
  "member.view",
  "member.create",
  "member.edit",
  "member.import",
  "member.sendWelcome",
  "member.sendReset",
  "member.resetCompletely",
  "member.disable",
  "member.viewEmailLog",
];

/** What each role may do at all, before scope (SPEC §1). */
const ROLE_MEMBER_ACTIONS = {
  owner: [...MANAGE, "member.manageAdmins", "profile.edit"],
  admin: [...MANAGE, "profile.edit"],
  site_manager: [...MANAGE, "profile.edit"],
  supervisor: ["member.view", "member.sendWelcome", "member.sendReset", "member.viewEmailLog", "profile.edit"],
  member: ["profile.edit"],
} as const satisfies Record<Role, readonly MemberAction[]>;

const ROLE_ORGANIZATION_ACTIONS = {
  owner: [
    "organization.listMembers",
    "organization.addMembers",
    "organization.viewEmailLog",
    "organization.viewAuditLog",
    "organization.viewSettings",
    "organization.manageSettings",
    "organization.viewSites",
    "organization.viewTeams",
    "organization.managePlaces",
  ],
  // Office managers run the day-to-day and need to know the lifetimes and sender their emails go out with; what the
  // organization is and how its links and passwords work stays the owner's (SPEC §1).
  // Sites and teams are how they place the people they create, so admins run those too (SPEC §4.15).
  admin: [
    "organization.listMembers",
    "organization.addMembers",
    "organization.viewEmailLog",
    "organization.viewAuditLog",
    "organization.viewSettings",
    "organization.viewSites",
    "organization.viewTeams",
    "organization.managePlaces",
  ],
  // A site manager sees the sites they manage and renames nothing (issue 14); supervisors have their teams as "Agents".
  // Their own sites' people: the Users tab, Organization → Sites, and the audit log's events about those people.
  site_manager: ["organization.listMembers", "organization.addMembers", "organization.viewSites", "organization.viewAuditLog"],
  supervisor: ["organization.listMembers"],
  member: [],
} as const satisfies Record<Role, readonly OrganizationAction[]>;

/**
 * Support staff help any organization: find, send welcome/reset, read its lists, settings and logs; never create or
 * edit (SPEC §1, §4.14).
 */
const SUPPORT_MEMBER_ACTIONS: readonly MemberAction[] = ["member.view", "member.sendWelcome", "member.sendReset", "member.viewEmailLog"];
const SUPPORT_ORGANIZATION_ACTIONS: readonly OrganizationAction[] = [
  "organization.listMembers",
  "organization.viewEmailLog",
  "organization.viewAuditLog",
  "organization.viewSettings",
  "support.searchPlatform",
];

/** Writes that only an owner may make to an owner or admin (SPEC §3). */
const PRIVILEGED_WRITES = new Set<MemberAction>(["member.create", "member.edit", "member.import", "member.resetCompletely", "member.disable"]);
/** Acts nobody may turn on themselves: they would lock the actor out. */
const NOT_ON_SELF = new Set<MemberAction>(["member.resetCompletely", "member.disable"]);
/** Roles whose holders act on the whole organization; nobody below an owner may touch an owner. */
const PRIVILEGED_ROLES = new Set<Role>(["owner", "admin"]);

/** May the actor do this to this member? Pure: the caller has loaded the target from the database. */
export function can(actor: Actor, action: MemberAction, target: MemberTarget): boolean {
  if (actor.kind === "support") return SUPPORT_MEMBER_ACTIONS.includes(action);
  if (target.organizationId !== actor.organizationId) return false;
  const isSelf = target.id !== undefined && target.id === actor.memberId;
  if (action === "profile.edit") return isSelf;
  if (action === "member.view" && isSelf) return true;
  if (!(ROLE_MEMBER_ACTIONS[actor.role] as readonly MemberAction[]).includes(action)) return false;
  if (isSelf && NOT_ON_SELF.has(action)) return false;
  if (action === "member.manageAdmins") return true; // owners only, by the table above
  if (actor.role !== "owner" && PRIVILEGED_ROLES.has(target.role)) {
    // Owners and admins are organization-wide, often on no site. Admins and site managers see them; an admin may
    // help another admin with their email; only an owner may create, edit or reset an owner or admin (SPEC §3).
    if (action === "member.view") return actor.role === "admin" || actor.role === "site_manager";
    return actor.role === "admin" && target.role === "admin" && !PRIVILEGED_WRITES.has(action);
  }
  switch (actor.role) {
    case "owner":
    case "admin":
      return true;
    case "site_manager":
      if (target.siteId === null || !actor.siteIds.includes(target.siteId)) return false;
      // Their peers (and they themselves) are managed from above, as admins are by owners; like an admin with an
      // admin, a site manager may still help a peer with their email. Otherwise a site manager could hand
      // themselves more sites from the Profile form.
      return target.role !== "site_manager" || !PRIVILEGED_WRITES.has(action);
    case "supervisor":
      // The agents of their teams (SPEC §1): members and fellow supervisors on those teams, nobody above.
      return (target.role === "member" || target.role === "supervisor") && target.teamId !== null && actor.teamIds.includes(target.teamId);
    case "member":
      return false;
  }
}

/** May the actor do this to the organization (its lists, logs and settings)? */
export function canInOrganization(actor: Actor, action: OrganizationAction, organizationId: string): boolean {
  if (actor.kind === "support") return SUPPORT_ORGANIZATION_ACTIONS.includes(action);
  if (action === "support.searchPlatform") return false;
  return organizationId === actor.organizationId && (ROLE_ORGANIZATION_ACTIONS[actor.role] as readonly OrganizationAction[]).includes(action);
}

/** Does the actor's role include this act at all, before scope? Decides which buttons a list shows, never the act. */
export function roleAllows(actor: Actor, action: MemberAction): boolean {
  if (actor.kind === "support") return SUPPORT_MEMBER_ACTIONS.includes(action);
  return (ROLE_MEMBER_ACTIONS[actor.role] as readonly MemberAction[]).includes(action);
}

export function assertCan(actor: Actor, action: MemberAction, target: MemberTarget): void {
  if (!can(actor, action, target)) throw new ForbiddenError();
}

export function assertCanInOrganization(actor: Actor, action: OrganizationAction, organizationId: string): void {
  if (!canInOrganization(actor, action, organizationId)) throw new ForbiddenError();
}

/**
 * Loads the member an id names and checks the action on it. An id the actor may not even see answers exactly like a
 * missing one, so ids from forms and URLs reveal nothing about other organizations.
 */
export async function authorizeOnMember(db: Executor, actor: Actor, action: MemberAction, memberId: unknown): Promise<Member> {
  const target = isUuid(memberId) ? (await db.select().from(member).where(eq(member.id, memberId)).limit(1))[0] : undefined;
  if (!target || !can(actor, "member.view", target)) {
    throw new NotFoundError("This user doesn't exist or isn't yours to see.");
  }
  assertCan(actor, action, target);
  return target;
}

/**
 * May the actor follow a job's progress bar (a bulk send, an import)? Whoever started it, and the organization's
 * owners and admins, who see its email log anyway.
 */
export function canFollowJob(actor: Actor, target: { organizationId: string; createdById: string | null }): boolean {
  if (actor.kind === "support") return false;
  if (target.organizationId !== actor.organizationId) return false;
  return target.createdById === actor.memberId || actor.role === "owner" || actor.role === "admin";
}

/**
 * May this visitor read the `outbox` transport's mailbox, every email with its links (SPEC §5)? Outside production
 * anyone: it is the developer's and the tests' inbox. In production it holds every member's set-password link, so
 * only owners and support staff, signed in.
 */
export function canReadMailbox(actor: Actor | null, { production }: { production: boolean }): boolean {
  if (!production) return true;
  return actor?.kind === "support" || (actor?.kind === "member" && actor.role === "owner");
}

/** Roles the actor may give a member: only an owner grants owner or admin (SPEC §3). */
export function grantableRoles(actor: Actor): Role[] {
  if (actor.kind !== "member") return [];
  switch (actor.role) {
    case "owner":
      return ["owner", "admin", "site_manager", "supervisor", "member"];
    case "admin":
      return ["site_manager", "supervisor", "member"];
    case "site_manager":
      return ["supervisor", "member"];
    default:
      return [];
  }
}

/**
 * The members the actor's lists show, as a WHERE clause for the Users tab and "select all N matching" (SPEC §4.3).
 * Everyone in it passes can(actor, "member.view", …); an out-of-scope id is simply not found.
 */
export function visibleMembers(actor: OrganizationViewer): SQL {
  const inOrganization = eq(member.organizationId, actor.organizationId);
  if (actor.kind === "support") return inOrganization;
  switch (actor.role) {
    case "owner":
    case "admin":
      return inOrganization;
    case "site_manager":
      return and(
        inOrganization,
        sql`(${member.role} in ('owner', 'admin') or ${actor.siteIds.length ? inArray(member.siteId, actor.siteIds) : sql`false`})`,
      )!;
    case "supervisor":
      // "Agents": the people of their teams, not the supervisor, who may sit on the team they supervise.
      return and(
        inOrganization,
        inArray(member.role, ["member", "supervisor"]),
        actor.teamIds.length ? inArray(member.teamId, actor.teamIds) : sql`false`,
        ne(member.id, actor.memberId),
      )!;
    case "member":
      return and(inOrganization, eq(member.id, actor.memberId))!;
  }
}

/** May the viewer read the audit events about this member (their page's "Activity" tab)? The rule of visibleAuditEvents. */
export function canReadAuditAbout(actor: Actor, target: Pick<Member, "organizationId" | "siteId">): boolean {
  if (!canInOrganization(actor, "organization.viewAuditLog", target.organizationId)) return false;
  if (actor.kind === "support" || actor.role !== "site_manager") return true;
  return target.siteId !== null && actor.siteIds.includes(target.siteId);
}

/**
 * The audit events of an organization a viewer may read, as a WHERE clause (SPEC §4.13): owners and admins (and
 * support staff, for the organization they help) read them all; a site manager reads the events about the members of
 * their sites, nothing about the organization or anyone else; everyone else nothing. The log, a member's Activity tab
 * and the CSV export all read through it, so an export never holds more than its page would show.
 */
export function visibleAuditEvents(actor: Actor, organizationId: string): SQL {
  if (!canInOrganization(actor, "organization.viewAuditLog", organizationId)) return sql`false`;
  const inOrganization = eq(auditEvent.organizationId, organizationId);
  if (actor.kind === "support" || actor.role !== "site_manager") return inOrganization;
  if (!actor.siteIds.length) return sql`false`;
  // One primary-key look-up per event as the log is walked newest first (a join would compare every event with
  // every member of the sites). Every target id is a row's uuid; the CASE casts only those of members.
  return and(
    inOrganization,
    eq(auditEvent.targetType, "member"),
    sql`exists (select 1 from ${member} where ${member.id} = (case when ${auditEvent.targetType} = 'member' then ${auditEvent.targetId}::uuid end)
                 and ${member.organizationId} = ${organizationId} and ${inArray(member.siteId, actor.siteIds)})`,
  )!;
}
