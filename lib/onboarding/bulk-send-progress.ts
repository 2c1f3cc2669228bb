import { and, desc, eq, gt, sql } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { job } from "@/db/schema";
import type { MemberActor } from "../actor";
import { NotFoundError } from "../errors";
import { canFollowJob } from "../permissions";

/** Where a bulk send stands (SPEC §4.6: "queued / sent / delivered / failed"), read from its emails' statuses. */
export type BulkSendProgress = {
  jobId: string;
  template: string;
  total: number;
  /** Still waiting for the dispatcher (queued, or being sent). */
  queued: number;
  /** Handed to the provider (sent, or delivery delayed). */
  sent: number;
  delivered: number;
  /** Failed, bounced, or marked as spam. */
  failed: number;
  done: boolean;
};

/**
 * The progress bar of one bulk send. Its numbers come from the emails themselves, so they are true after a reload,
 * on another instance, or after a dispatcher crashed; the job is marked done the first time nothing is left queued.
 */
export async function bulkSendProgress(db: Executor, actor: MemberActor, jobId: string): Promise<BulkSendProgress> {
  const [found] = await db.select().from(job).where(and(eq(job.id, jobId), eq(job.kind, "bulk_send"))).limit(1);
  if (!found || !canFollowJob(actor, found)) throw new NotFoundError("This send doesn't exist or isn't yours to follow.");
  const counts = await rows<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from email_message where job_id = ${found.id} group by status`,
  );
  const of = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + c.n, 0);
  const progress: BulkSendProgress = {
    jobId: found.id,
    template: String(found.details.template ?? "welcome"),
    total: found.total,
    queued: of("queued", "sending"),
    sent: of("sent", "delayed"),
    delivered: of("delivered"),
    failed: of("failed", "bounced", "complained"),
    done: false,
  };
  progress.done = progress.queued === 0;
  if (progress.done && found.status === "running") {
    await db
      .update(job)
      .set({ status: "done", done: progress.sent + progress.delivered, failed: progress.failed, finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(job.id, found.id), eq(job.status, "running")));
  }
  return progress;
}

/** The actor's bulk sends still under way (last day), so their progress bars come back after a reload. */
export async function runningBulkSends(db: Executor, actor: MemberActor): Promise<BulkSendProgress[]> {
  const running = await db
    .select({ id: job.id })
    .from(job)
    .where(
      and(
        eq(job.organizationId, actor.organizationId),
        eq(job.kind, "bulk_send"),
        eq(job.status, "running"),
        eq(job.createdById, actor.memberId),
        gt(job.createdAt, new Date(Date.now() - 86_400_000)),
      ),
    )
    .orderBy(desc(job.createdAt))
    .limit(5);
  const all = await Promise.all(running.map((j) => bulkSendProgress(db, actor, j.id)));
  return all.filter((p) => !p.done);
}
