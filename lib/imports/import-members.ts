import { and, eq, sql } from "drizzle-orm";
import { getDb, rows } from "@/db";
import { job } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ConflictError, pgErrorOf } from "../errors";
import { newPlacesText } from "../members/format";
import { createImportedPlaces } from "../organizations/places";
import { assertCanInOrganization } from "../permissions";
import { dropStagedRows, importJobOf, type ImportPhase, type NewPlaces } from "./check-import";
import { IMPORT_TYPE_LABELS, type ImportType } from "./columns";

/**
 * "Import N members" (SPEC §4.5): writes every valid row of a checked file in one transaction, as one INSERT … SELECT
 * from the rows the check staged (import_row), so 100,000 members cost about what a COPY of them would. Members arrive "Pending"
 * ("No portal access" for login-less ones), with the login names the preview showed; one audit event names the file
 * and its counts. Someone creating a member with one of the file's extensions or login names since the check makes the
 * whole import stop, with nothing written: the file is checked again against the organization as it is now.
 * A file naming sites or teams the organization doesn't have is imported only as "Create them and import"
 * (`createPlaces`), by someone who may create them: the places first, then the members, in the same transaction.
 */
export async function importMembers({
  actor,
  jobId,
  createPlaces = false,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: MemberActor;
  jobId: string;
  createPlaces?: boolean;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ imported: number; memberIds: string[]; type: ImportType; createdPlaces: { sites: number; teams: number } }> {
  const db = await getDb();
  const found = await importJobOf(db, actor, jobId, { own: true });
  const details = found.details as { phase: ImportPhase; type: ImportType; fileName: string; valid?: number; invalid?: number; newPlaces?: NewPlaces };
  const newPlaces = details.newPlaces ?? { sites: [], teams: [] };
  if (newPlaces.sites.length + newPlaces.teams.length > 0) {
    if (!createPlaces) throw new ConflictError(`${newPlacesText(newPlaces.sites.length, newPlaces.teams.length)}. Choose "Create them and import" to add them with the members.`);
    assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  }
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
    const { memberIds, createdPlaces } = await db.transaction(async (tx) => {
      const sites = await createImportedPlaces(tx, actor, "site", newPlaces.sites, { jobId, ip, userAgent, now });
      const teams = await createImportedPlaces(tx, actor, "team", newPlaces.teams, { jobId, ip, userAgent, now });
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
        details: {
          fileName: details.fileName,
          userType: IMPORT_TYPE_LABELS[details.type],
          imported: created.length,
          rowsWithErrors: details.invalid ?? 0,
          ...(sites.length ? { createdSites: sites.map((s) => s.name) } : {}),
          ...(teams.length ? { createdTeams: teams.map((t) => t.name) } : {}),
        },
        ip,
        userAgent,
        at: now,
      });
      await tx
        .update(job)
        .set({ status: "done", done: created.length, details: sql`${job.details} || ${JSON.stringify({ phase: "imported", imported: created.length })}::jsonb`, finishedAt: now, updatedAt: now })
        .where(eq(job.id, jobId));
      // The valid rows are members now; the error rows stay for their download.
      await dropStagedRows(tx, jobId);
      return { memberIds: created.map((c) => c.id), createdPlaces: { sites: sites.length, teams: teams.length } };
    });
    return { imported: memberIds.length, memberIds, type: details.type, createdPlaces };
  } catch (error) {
    await db.update(job).set({ details: sql`${job.details} || '{"phase":"ready"}'::jsonb`, updatedAt: new Date() }).where(eq(job.id, jobId));
    if (error instanceof StagedRowsMissingError) {
      throw new ConflictError("This file's checked rows are no longer here. Nothing was imported: upload the file again.");
    }
    const violated = pgErrorOf(error);
    if (violated?.code === "23505" && /^(site|team)_org_name_uq$/.test(violated.constraint ?? violated.constraint_name ?? "")) {
      throw new ConflictError("Someone created one of this file's new sites or teams at the same moment. Nothing was imported: choose the button again.");
    }
    if (violated?.code === "23505") {
      throw new ConflictError("Since this file was checked, someone added a member with one of its extensions or login names. Nothing was imported: upload the file again to check it against your organization as it is now.");
    }
    throw error;
  }
}

class StagedRowsMissingError extends Error {}

