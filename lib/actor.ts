import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { isSessionEnded } from "./auth/sessions";
import { member, organization, siteManager, supportStaff, teamSupervisor, type Role } from "@/db/schema";

/**
 * Who is acting. Always rebuilt from the database on each request (never from what the browser sent), so a role
 * change, a disabled account or a bumped session version takes effect at once (SPEC §3, §6).
 */
export type MemberActor = {
  kind: "member";
  memberId: string;
  organizationId: string;
  role: Role;
  /** Sites this member manages (site managers). */
  siteIds: string[];
  /** Teams this member supervises (supervisors). */
  teamIds: string[];
  name: string;
  loginName: string | null;
};
export type SupportActor = { kind: "support"; supportId: string; name: string; email: string };
/** Scripts (seed, support:create) act as the system; never reachable from a request. */
export type SystemActor = { kind: "system"; name: string };
export type Actor = MemberActor | SupportActor;
/**
 * Support staff at work on one organization's pages in the support console (SPEC §4.14): the organization comes from
 * the page's URL, checked to exist. Sees what the organization's owner sees, through its own pages, and changes nothing.
 */
export type SupportViewer = SupportActor & { organizationId: string };
/** Who reads one organization's lists: one of its members, or support staff helping it. */
export type OrganizationViewer = MemberActor | SupportViewer;
export type AnyActor = Actor | SystemActor;

/** Who signed in, as a password check or a welcome link proves it: what a new session is issued for. */
export type AccountClaims = { kind: "member" | "support"; id: string; sessionVersion: number };
/** What the session cookie carries (app/_lib/auth.config.ts): the account, and the session's own id for "Sign out". */
export type SessionClaims = AccountClaims & { sessionId: string };

/**
 * Loads the actor a session names, or null when the session must be refused: the account is gone, disabled, has no
 * portal access, its session version moved on (password change, reset, "Reset user completely"), or this session
 * was signed out.
 */
export async function loadActor(db: Executor, claims: SessionClaims): Promise<Actor | null> {
  if (!isUuid(claims.sessionId) || (await isSessionEnded(db, claims.sessionId))) return null;
  if (claims.kind === "support") {
    const [staff] = await db.select().from(supportStaff).where(eq(supportStaff.id, claims.id)).limit(1);
    if (!staff || staff.disabledAt || staff.sessionVersion !== claims.sessionVersion) return null;
    return { kind: "support", supportId: staff.id, name: staff.name, email: staff.email };
  }
  if (!isUuid(claims.id)) return null;
  const [m] = await db.select().from(member).where(eq(member.id, claims.id)).limit(1);
  if (!m || !m.portalAccess || m.status !== "active" || m.sessionVersion !== claims.sessionVersion) return null;
  return memberActorOf(db, m);
}

/** Builds the actor for a member row: its managed sites and supervised teams come from their own tables. */
export async function memberActorOf(
  db: Executor,
  m: { id: string; organizationId: string; role: Role; firstName: string; lastName: string; loginName: string | null },
): Promise<MemberActor> {
  const [sites, teams] = await Promise.all([
    m.role === "site_manager"
      ? db.select({ id: siteManager.siteId }).from(siteManager).where(eq(siteManager.memberId, m.id))
      : Promise.resolve([]),
    m.role === "supervisor"
      ? db.select({ id: teamSupervisor.teamId }).from(teamSupervisor).where(eq(teamSupervisor.memberId, m.id))
      : Promise.resolve([]),
  ]);
  return {
    kind: "member",
    memberId: m.id,
    organizationId: m.organizationId,
    role: m.role,
    siteIds: sites.map((s) => s.id),
    teamIds: teams.map((t) => t.id),
    name: `${m.firstName} ${m.lastName}`.trim(),
    loginName: m.loginName,
  };
}

/** The organization a member actor belongs to, for the shell's header. */
export async function organizationOf(db: Executor, actor: MemberActor) {
  const [org] = await db.select().from(organization).where(eq(organization.id, actor.organizationId)).limit(1);
  return org ?? null;
}

/** How an actor is named in the audit log. */
/** Directory sync's acts are the system's, named after the token: "Directory sync (Microsoft Entra ID)". */
export const DIRECTORY_SYNC_ACTOR = "Directory sync";
export const directorySyncActorName = (tokenName: string) => `${DIRECTORY_SYNC_ACTOR} (${tokenName})`;

export function actorLabel(actor: AnyActor): string {
  switch (actor.kind) {
    case "member":
      return actor.loginName ? `${actor.name} (${actor.loginName})` : actor.name;
    case "support":
      return `Support: ${actor.name} (${actor.email})`;
    case "system":
      return actor.name;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids arrive from forms and URLs: anything that is not a uuid is simply "not found", never a database error. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
