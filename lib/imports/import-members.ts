import { and, eq, sql } from "drizzle-orm";
import { getDb, rows } from "@/db";
import { importFile, job } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ConflictError, pgErrorOf } from "../errors";
import { importJobOf, type ImportPhase } from "./check-import";
import { IMPORT_TYPE_LABELS, type ImportType } from "./columns";

/**
 * "Import N members" (SPEC §4.5): writes every valid row of a checked file in one transaction, as one INSERT … SELECT
 * from the rows the check kept, so 100,000 members cost about what a COPY of them would. Members arrive "Pending"
 * ("No portal access" for login-less ones), with the login names the preview showed; one audit event names the file
 * and its counts. Someone creating a member with one of the file's extensions or login names since the check makes the
 * whole import stop, with nothing written: the file is checked again against the organization as it is now.
 */
export async function importMembers({ actor, jobId, now = new Date() }: { actor: MemberActor; jobId: string; now?: Date }): Promise<{ imported: number; memberIds: string[]; type: ImportType }> {
  const db = await getDb();
  const found = await importJobOf(db, actor, jobId, { own: true });
  const details = found.details as { phase: ImportPhase; type: ImportType; fileName: string; invalid?: number };
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
            select ${actor.organizationId}::uuid, r.extension, r.first_name, r.last_name, r.login_name, r.role::member_role, r.site_id, r.department,
                   r.team_id, r.direct_number, r.portal_access, 'pending', r.primary_email, ${actor.memberId}::uuid, ${now}::timestamptz, ${now}::timestamptz
            from import_file f,
                 jsonb_to_recordset(f.valid_rows::jsonb) as r(extension text, first_name text, last_name text, login_name text, role text, site_id uuid,
                                                              department text, team_id uuid, direct_number text, portal_access boolean, primary_email text)
            where f.job_id = ${jobId}::uuid
            returning id`,
      );
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
      await tx.update(importFile).set({ validRows: null }).where(eq(importFile.jobId, jobId));
      return created.map((c) => c.id);
    });
    return { imported: memberIds.length, memberIds, type: details.type };
  } catch (error) {
    await db.update(job).set({ details: sql`${job.details} || '{"phase":"ready"}'::jsonb`, updatedAt: new Date() }).where(eq(job.id, jobId));
    if (pgErrorOf(error)?.code === "23505") {
      throw new ConflictError("Since this file was checked, someone added a member with one of its extensions or login names. Nothing was imported: upload the file again to check it against your organization as it is now.");
    }
    throw error;
  }
}
