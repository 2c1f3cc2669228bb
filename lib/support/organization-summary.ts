import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { job, member, organization, type Organization } from "@/db/schema";
import type { SupportActor, SupportViewer } from "../actor";
import { NotFoundError } from "../errors";
import { displayName } from "../members/format";
import { organizationOverview, type OrganizationOverview } from "../organizations/overview";
import { assertCanInOrganization } from "../permissions";
import { isUuid } from "../actor";

/**
 * The support console's view of one organization (SPEC §4.14): the organization a support page names in its URL,
 * checked to exist, as the viewer its read-only pages read through; an id that names nothing is not found.
 */
export async function supportViewerFor(db: Executor, actor: SupportActor, organizationId: string): Promise<{ viewer: SupportViewer; organization: Organization }> {
  assertCanInOrganization(actor, "support.searchPlatform", "");
  const [org] = isUuid(organizationId) ? await db.select().from(organization).where(eq(organization.id, organizationId)).limit(1) : [];
  if (!org) throw new NotFoundError("This organization doesn't exist.");
  return { viewer: { ...actor, organizationId: org.id }, organization: org };
}

export type RecentBulkSend = {
  id: string;
  template: "welcome" | "password-reset";
  total: number;
  createdAt: Date;
  createdBy: string | null;
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
};

export type SupportOrganizationSummary = {
  overview: OrganizationOverview;
  owners: { id: string; name: string; role: "owner" | "admin"; email: string | null; extension: string | null }[];
  recentSends: RecentBulkSend[];
};

/** The overview tab: people by status, who runs the organization, its last bulk sends and where each stands. */
export async function supportOrganizationSummary(db: Executor, viewer: SupportViewer): Promise<SupportOrganizationSummary> {
  assertCanInOrganization(viewer, "organization.viewSettings", viewer.organizationId);
  const [overview, owners, sends] = await Promise.all([
    organizationOverview({ actor: viewer }),
    db
      .select({ id: member.id, firstName: member.firstName, lastName: member.lastName, extension: member.extension, role: member.role, email: member.primaryEmail })
      .from(member)
      .where(and(eq(member.organizationId, viewer.organizationId), inArray(member.role, ["owner", "admin"]), eq(member.status, "active")))
      .orderBy(member.role, member.lastName, member.firstName)
      .limit(10),
    db
      .select({ id: job.id, total: job.total, details: job.details, createdAt: job.createdAt, firstName: member.firstName, lastName: member.lastName, extension: member.extension })
      .from(job)
      .leftJoin(member, eq(member.id, job.createdById))
      .where(and(eq(job.organizationId, viewer.organizationId), eq(job.kind, "bulk_send")))
      .orderBy(desc(job.createdAt))
      .limit(5),
  ]);
  // Where each send stands, from its emails' statuses (as its progress bar reads them).
  const counts = sends.length
    ? await rows<{ jobId: string; status: string; n: number }>(
        db,
        sql`select job_id as "jobId", status, count(*)::int as n from email_message
            where job_id = any(${sql.param(sends.map((s) => s.id))}::uuid[]) group by job_id, status`,
      )
    : [];
  const of = (jobId: string, ...statuses: string[]) => counts.filter((c) => c.jobId === jobId && statuses.includes(c.status)).reduce((sum, c) => sum + c.n, 0);
  return {
    overview,
    owners: owners.map((o) => ({ id: o.id, name: displayName(o), role: o.role as "owner" | "admin", email: o.email, extension: o.extension })),
    recentSends: sends.map((s) => ({
      id: s.id,
      template: s.details.template === "password-reset" ? "password-reset" : "welcome",
      total: s.total,
      createdAt: s.createdAt,
      createdBy: s.firstName !== null ? displayName({ firstName: s.firstName, lastName: s.lastName ?? "", extension: s.extension }) : null,
      queued: of(s.id, "queued", "sending"),
      sent: of(s.id, "sent", "delayed"),
      delivered: of(s.id, "delivered"),
      failed: of(s.id, "failed", "bounced", "complained"),
    })),
  };
}
