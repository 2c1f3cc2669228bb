import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { site, siteManager, team, teamSupervisor, type Role } from "@/db/schema";
import type { MemberActor } from "../actor";
import { ValidationError } from "../errors";
import { can } from "../permissions";

/** The organization's sites and teams, for pickers and filters. */
export async function sitesAndTeams(db: Executor, organizationId: string) {
  const [sites, teams] = await Promise.all([
    db.select({ id: site.id, name: site.name }).from(site).where(eq(site.organizationId, organizationId)).orderBy(asc(site.name)),
    db.select({ id: team.id, name: team.name }).from(team).where(eq(team.organizationId, organizationId)).orderBy(asc(team.name)),
  ]);
  return { sites, teams };
}

/** The sites the actor may put members on (a site manager: the ones they manage), asked of lib/permissions. */
export function placeableSites<T extends { id: string }>(actor: MemberActor, sites: T[]): T[] {
  return sites.filter((s) => can(actor, "member.create", { organizationId: actor.organizationId, role: "member", siteId: s.id, teamId: null }));
}

type Placement = { siteId?: string | null; teamId?: string | null; managedSiteIds?: string[]; supervisedTeamIds?: string[] };

/**
 * Site and team ids come from the browser: prove each belongs to this organization before it is written, and say
 * which field was wrong.
 */
export async function assertPlacementInOrganization(db: Executor, organizationId: string, placement: Placement): Promise<void> {
  const siteIds = [...new Set([placement.siteId, ...(placement.managedSiteIds ?? [])].filter((id): id is string => !!id))];
  const teamIds = [...new Set([placement.teamId, ...(placement.supervisedTeamIds ?? [])].filter((id): id is string => !!id))];
  const [sites, teams] = await Promise.all([
    siteIds.length
      ? db.select({ id: site.id }).from(site).where(and(eq(site.organizationId, organizationId), inArray(site.id, siteIds)))
      : [],
    teamIds.length
      ? db.select({ id: team.id }).from(team).where(and(eq(team.organizationId, organizationId), inArray(team.id, teamIds)))
      : [],
  ]);
  const knownSites = new Set(sites.map((s) => s.id));
  const knownTeams = new Set(teams.map((t) => t.id));
  if (placement.siteId && !knownSites.has(placement.siteId)) throw new ValidationError("Choose a site from the list", "siteId");
  if (placement.teamId && !knownTeams.has(placement.teamId)) throw new ValidationError("Choose a team from the list", "teamId");
  if (placement.managedSiteIds?.some((id) => !knownSites.has(id))) throw new ValidationError("Choose sites from the list", "managedSiteIds");
  if (placement.supervisedTeamIds?.some((id) => !knownTeams.has(id))) throw new ValidationError("Choose teams from the list", "supervisedTeamIds");
}

/**
 * Which sites a site manager manages and which teams a supervisor supervises follow the role: other roles hold none.
 * With no explicit choice, a new site manager manages their own site and a new supervisor supervises their own team.
 */
export async function syncAssignments(
  tx: Executor,
  memberId: string,
  { role, siteId, teamId, managedSiteIds, supervisedTeamIds }: { role: Role; siteId: string | null; teamId: string | null; managedSiteIds?: string[]; supervisedTeamIds?: string[] },
): Promise<void> {
  const sites = role === "site_manager" ? (managedSiteIds?.length ? managedSiteIds : siteId ? [siteId] : []) : [];
  const teams = role === "supervisor" ? (supervisedTeamIds?.length ? supervisedTeamIds : teamId ? [teamId] : []) : [];
  await tx.delete(siteManager).where(eq(siteManager.memberId, memberId));
  await tx.delete(teamSupervisor).where(eq(teamSupervisor.memberId, memberId));
  if (sites.length) await tx.insert(siteManager).values([...new Set(sites)].map((id) => ({ siteId: id, memberId })));
  if (teams.length) await tx.insert(teamSupervisor).values([...new Set(teams)].map((id) => ({ teamId: id, memberId })));
}

/** The sites and teams a member manages or supervises, for their profile form. */
export async function assignmentsOf(db: Executor, memberId: string) {
  const [sites, teams] = await Promise.all([
    db.select({ id: siteManager.siteId }).from(siteManager).where(eq(siteManager.memberId, memberId)),
    db.select({ id: teamSupervisor.teamId }).from(teamSupervisor).where(eq(teamSupervisor.memberId, memberId)),
  ]);
  return { managedSiteIds: sites.map((s) => s.id), supervisedTeamIds: teams.map((t) => t.id) };
}
