import { and, eq, sql } from "drizzle-orm";
import { getDb, rows } from "@/db";
import { job } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ConflictError, pgErrorOf } from "../errors";
import { dropStagedRows, importJobOf, type ImportPhase } from "./check-import";
import { IMPORT_TYPE_LABELS, type ImportType } from "./columns";

/**
 * "Import N members" (SPEC §4.5): writes every valid row of a checked file in one transaction, as one INSERT … SELECT
 * from the rows the check staged (import_row), so 100,000 members cost about what a COPY of them would. Members arrive "Pending"
 * ("No portal access" for login-less ones), with the login names the preview showed; one audit event names the file
 * and its counts. Someone creating a member with one of the file's extensions or login names since the check makes the
 * whole import stop, with nothing written: the file is checked again against the organization as it is now.
 */
export async function importMembers({ actor, jobId, now = new Date() }: { actor: MemberActor; jobId: string; now?: Date }): Promise<{ imported: number; memberIds: string[]; type: ImportType }> {
  const db = await getDb();
  const found = await importJobOf(db, actor, jobId, { own: true });
  const details = found.details as { phase: ImportPhase; type: ImportType; fileName: string; valid?: number; invalid?: number };
  // Ready → importing, once: a second click (or a second tab) finds it taken. Committed first, so a reload shows it.
  const [started] = await db
    .update(job)
    .set({ details: sql`${job.details} || '{"phase":"importing"}'::jsonb`, updatedAt: now })
    .where(and(eq(job.id, jobId), sql`${job.details}->>'phase' = 'ready'`))
    .returning({ id: job.id });
  if (!started) {
    throw new ConflictError(details.phase === "imported" ? "This file was already imported." : details.phase === "importing" ? "This file is being imported already." : "Check the file first.");
  }
  try {
    const memberIds = await db.transaction(async (tx) => {
      const created = await rows<{ id: string }>(
        tx,
        sql`insert into member (organization_id, extension, first_name, last_name, login_name, role, site_id, department, team_id,
                                direct_number, portal_access, status, primary_email, created_by_id, created_at, updated_at)
            select ${actor.organizationId}::uuid, r.extension, r.first_name, r.last_name, r.login_name, r.role, r.site_id, r.department,
                   r.team_id, r.direct_number, r.portal_access, 'pending', r.primary_email, ${actor.memberId}::uuid, ${now}::timestamptz, ${now}::timestamptz
            from import_row r
            where r.job_id = ${jobId}::uuid
            returning id`,
      );
      // Fewer rows than the check found: the staged rows were lost (a database restored from a backup, say).
      if (created.length !== (details.valid ?? 0)) throw new StagedRowsMissingError();
      await recordAudit(tx, actor, {
        action: "member.import",
        target: { type: "job", id: jobId },
        details: { fileName: details.fileName, userType: IMPORT_TYPE_LABELS[details.type], imported: created.length, rowsWithErrors: details.invalid ?? 0 },
        at: now,
      });
      await tx
        .update(job)
        .set({ status: "done", done: created.length, details: sql`${job.details} || ${JSON.stringify({ phase: "imported", imported: created.length })}::jsonb`, finishedAt: now, updatedAt: now })
        .where(eq(job.id, jobId));
      // The valid rows are members now; the error rows stay for their download.
      await dropStagedRows(tx, jobId);
      return created.map((c) => c.id);
    });
    return { imported: memberIds.length, memberIds, type: details.type };
  } catch (error) {
    await db.update(job).set({ details: sql`${job.details} || '{"phase":"ready"}'::jsonb`, updatedAt: new Date() }).where(eq(job.id, jobId));
    if (error instanceof StagedRowsMissingError) {
      throw new ConflictError("This file's checked rows are no longer here. Nothing was imported: upload the file again.");
    }
    if (pgErrorOf(error)?.code === "23505") {
      throw new ConflictError("Since this file was checked, someone added a member with one of its extensions or login names. Nothing was imported: upload the file again to check it against your organization as it is now.");
    }
    throw error;
  }
}

class StagedRowsMissingError extends Error {}
