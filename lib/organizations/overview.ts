import { and, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { member, site, team } from "@/db/schema";
import type { MemberActor, OrganizationViewer } from "../actor";
import { displayStatus, type DisplayStatus } from "../members/labels";
import { assertCanInOrganization, visibleMembers } from "../permissions";

export type OrganizationOverview = {
  membersByStatus: Record<DisplayStatus, number>;
  sites: number;
  teams: number;
};

/**
 * The home page's summary (and the support console's overview of an organization): how many of the people the actor
 * manages are pending, active, disabled or login-less.
 */
export async function organizationOverview({ actor }: { actor: OrganizationViewer }): Promise<OrganizationOverview> {
  assertCanInOrganization(actor, "organization.listMembers", actor.organizationId);
  const db = await getDb();
  const [statusRows, [sites], [teams]] = await Promise.all([
    db
      .select({ status: member.status, portalAccess: member.portalAccess, n: count() })
      .from(member)
      .where(peopleOnOverview(actor))
      .groupBy(member.status, member.portalAccess),
    db.select({ n: count() }).from(site).where(eq(site.organizationId, actor.organizationId)),
    db.select({ n: count() }).from(team).where(eq(team.organizationId, actor.organizationId)),
  ]);
  const membersByStatus: Record<DisplayStatus, number> = { Pending: 0, Active: 0, Disabled: 0, "No portal access": 0 };
  for (const row of statusRows) membersByStatus[displayStatus(row)] += row.n;
  return { membersByStatus, sites: sites?.n ?? 0, teams: teams?.n ?? 0 };
}

/** The signed-in member's own record, for the home page's "Your account". */
export async function accountSummary({ actor }: { actor: MemberActor }) {
  const db = await getDb();
  const [row] = await db
    .select({
      firstName: member.firstName,
      lastName: member.lastName,
      loginName: member.loginName,
      extension: member.extension,
      email: member.primaryEmail,
      role: member.role,
      department: member.department,
      siteName: site.name,
      teamName: team.name,
    })
    .from(member)
    .leftJoin(site, eq(site.id, member.siteId))
    .leftJoin(team, eq(team.id, member.teamId))
    .where(eq(member.id, actor.memberId));
  return row ?? null;
}

/**
 * Whom the overview counts: the people the actor's lists show, except that a site manager's list also shows the
 * organization's owners and admins for reference, and "People on your sites" counts only the people of those sites.
 */
function peopleOnOverview(actor: OrganizationViewer) {
  if (actor.kind === "support" || actor.role !== "site_manager") return visibleMembers(actor);
  return and(visibleMembers(actor), actor.siteIds.length ? inArray(member.siteId, actor.siteIds) : sql`false`);
}
