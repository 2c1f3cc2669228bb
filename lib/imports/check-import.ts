import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { insertJsonRows } from "@/db/insert-rows";
import { importFile, importRow, job, member, organization, site, team } from "@/db/schema";
import type { MemberActor } from "../actor";
import { DomainError, NotFoundError } from "../errors";
import { assertCanInOrganization, canFollowJob, canInOrganization } from "../permissions";
import { RowChecker, type ImportedMember, type RowError } from "./check-row";
import { matchColumns, type ImportType } from "./columns";
import { CsvFileError, readCsv, type CsvSource } from "./read-csv";

/** The most one import takes (SPEC §4.5): 100,000 rows; 40 MB leaves room for UTF-16 ("Unicode text") files of them. */
export const MAX_IMPORT_ROWS = 100_000;
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;
/** Error rows kept for the preview and the download; a file with more has a problem no list of rows will fix. */
export const MAX_ERROR_ROWS = 10_000;
/** Errors the preview lists on the page. */
export const PREVIEW_ERRORS = 500;

/** What a file's check found, for the preview (SPEC §4.5). */
export type ImportPreview = {
  jobId: string;
  type: ImportType;
  fileName: string;
  valid: number;
  /** Rows with at least one error. */
  invalid: number;
  /** The first PREVIEW_ERRORS errors, in line order; the download of error rows has them all. */
  errors: RowError[];
  errorCount: number;
  /** The first valid rows, as they will be written, with their site's and team's names. */
  sample: SampleMember[];
  /**
   * Sites and teams the valid rows name that the organization doesn't have yet, for someone who may create them:
   * "Create them and import" creates these, then the members (SPEC §4.15). Empty for everyone else, whose rows naming
   * them are errors.
   */
  newPlaces: NewPlaces;
};

export type NewPlaces = { sites: { id: string; name: string }[]; teams: { id: string; name: string }[] };

export type SampleMember = ImportedMember & { site: string | null; team: string | null };

/** An import's stage, in job.details.phase: what the Import page shows after a reload. */
export type ImportPhase = "checking" | "ready" | "importing" | "imported" | "failed";

/** Starts an import: the job whose progress bar the page polls while the file is uploaded and checked. */
export async function startImport({ actor, type, fileName, size }: { actor: MemberActor; type: ImportType; fileName: string; size: number }): Promise<{ jobId: string }> {
  assertCanInOrganization(actor, "organization.addMembers", actor.organizationId);
  const db = await getDb();
  const [created] = await db
    .insert(job)
    .values({
      organizationId: actor.organizationId,
      kind: "import",
      status: "running",
      createdById: actor.memberId,
      details: { phase: "checking" satisfies ImportPhase, type, fileName: fileName.slice(0, 200), bytesTotal: size, bytesRead: 0 },
    })
    .returning({ id: job.id });
  return { jobId: created!.id };
}

/**
 * An import job the actor may follow (its creator, the organization's owners and admins), or not found: an id from
 * the browser proves nothing. `own` asks for the creator alone: only they upload, import or set aside their file.
 */
export async function importJobOf(db: Executor, actor: MemberActor, jobId: string, { own = false } = {}) {
  const [found] = await db.select().from(job).where(and(eq(job.id, jobId), eq(job.kind, "import"))).limit(1);
  if (!found || !canFollowJob(actor, found) || (own && found.createdById !== actor.memberId)) {
    throw new NotFoundError("This import doesn't exist or isn't yours.");
  }
  return found;
}

/**
 * Reads and checks an uploaded file as it streams in (SPEC §4.5): its encoding, delimiter and columns, then every row
 * against the rules of Create and against the organization, writing nothing but the job's progress and, at the end,
 * what the preview shows and "Import N members" writes (import_file). A file that can't be read at all (empty, not a
 * CSV, too large, wrong columns, cancelled midway) fails the job with one sentence saying what is wrong.
 */
export async function checkImportFile({
  actor,
  jobId,
  source,
  signal,
}: {
  actor: MemberActor;
  jobId: string;
  source: CsvSource;
  signal?: AbortSignal;
}): Promise<ImportPreview> {
  const db = await getDb();
  const found = await importJobOf(db, actor, jobId, { own: true });
  const { type, fileName } = found.details as { type: ImportType; fileName: string };
  try {
    return await check(db, actor, { jobId, type, fileName, source, signal });
  } catch (error) {
    const message = error instanceof CsvFileError || error instanceof DomainError ? error.message : "This file could not be checked. Please try again.";
    await failImport(db, jobId, message, { cancelled: error instanceof CsvFileError && error.code === "cancelled" });
    // Whatever stopped the file (the reader, its columns) reaches the page as one kind of error.
    if (error instanceof DomainError && !(error instanceof ImportFileError)) throw new ImportFileError(message);
    throw error;
  }
}

/** Ends an import whose file can't be imported, with the sentence its page shows. */
export async function failImport(db: Executor, jobId: string, message: string, { cancelled = false } = {}): Promise<void> {
  await dropStagedRows(db, jobId);
  await db
    .update(job)
    .set({ status: cancelled ? "cancelled" : "failed", details: sql`${job.details} || ${JSON.stringify({ phase: "failed", error: message })}::jsonb`, finishedAt: new Date(), updatedAt: new Date() })
    .where(eq(job.id, jobId));
}

/** A file that can't be imported at all, in one sentence for the page. */
export class ImportFileError extends DomainError {}

async function check(
  db: Executor,
  actor: MemberActor,
  { jobId, type, fileName, source, signal }: { jobId: string; type: ImportType; fileName: string; source: CsvSource; signal?: AbortSignal },
): Promise<ImportPreview> {
  const context = await checkContext(db, actor, type);
  let bytesRead = 0;
  let lastReport = 0;
  const stage = new RowStage(db, jobId);
  const firstValid: ImportedMember[] = [];
  let valid = 0;
  const errorRows: { line: number; values: string[]; errors: RowError[] }[] = [];
  let invalid = 0;
  // Progress every 5,000 rows: a few dozen small updates for a large file, each on its own, so a reload sees them.
  const report = async (rowsChecked: number) => {
    await db.update(job).set({ done: rowsChecked, details: sql`${job.details} || ${JSON.stringify({ bytesRead })}::jsonb`, updatedAt: new Date() }).where(eq(job.id, jobId));
  };
  const file = await readCsv(source, { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS, signal, onProgress: (n) => (bytesRead = n) });
  const header = file.header.values;
  let checker: RowChecker;
  try {
    checker = new RowChecker(context, matchColumns(type, header), header.length);
  } catch (error) {
    await file.rows.return(); // wrong columns: stop reading the upload
    throw error;
  }
  let checked = 0;
  const turn = new EventLoopTurns();
  for await (const row of file.rows) {
    const result = checker.check(row.line, row.values);
    if ("member" in result) {
      valid++;
      if (firstValid.length < SAMPLE_ROWS) firstValid.push(result.member);
      await stage.add(result.member);
    } else {
      invalid++;
      const name = checker.nameOf(row.values);
      if (errorRows.length < MAX_ERROR_ROWS) errorRows.push({ line: row.line, values: row.values, errors: result.errors.map((e) => ({ ...e, name })) });
    }
    if (++checked - lastReport >= 5_000) {
      lastReport = checked;
      await report(checked);
    }
    await turn.letOthersIn();
  }
  if (!checked) throw new ImportFileError("The file has its column names but no members. Add one row per member under them.");
  await stage.finish();

  const newPlaces: NewPlaces = checker.newPlacesInUse();
  const names = (...places: Iterable<{ id: string; name: string }>[]) => new Map(places.flatMap((list) => [...list]).map((v) => [v.id, v.name]));
  const [siteNames, teamNames] = [names(context.sites.values(), newPlaces.sites), names(context.teams.values(), newPlaces.teams)];
  const sample = firstValid.map((m) => ({ ...m, site: m.site_id ? siteNames.get(m.site_id)! : null, team: m.team_id ? teamNames.get(m.team_id)! : null }));
  await db.transaction(async (tx) => {
    await tx
      .insert(importFile)
      .values({ jobId, type, fileName, header, errorRows })
      .onConflictDoUpdate({ target: importFile.jobId, set: { header, errorRows } });
    await tx
      .update(job)
      .set({
        total: checked,
        done: checked,
        failed: invalid,
        details: sql`${job.details} || ${JSON.stringify({ phase: "ready", bytesRead, valid, invalid, sample, newPlaces })}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(job.id, jobId));
  });
  return previewOf({ jobId, type, fileName, valid, invalid, sample, newPlaces }, errorRows);
}

/** import_row's columns as insertJsonRows writes them: the job, then an ImportedMember's keys. */
const IMPORT_ROW_COLUMNS = {
  job_id: "uuid",
  extension: "text",
  first_name: "text",
  last_name: "text",
  login_name: "text",
  role: "member_role",
  site_id: "uuid",
  department: "text",
  team_id: "uuid",
  direct_number: "text",
  portal_access: "boolean",
  primary_email: "text",
} satisfies Record<keyof ImportedMember | "job_id", string>;
const STAGE_BATCH_ROWS = 2_000;

/**
 * The valid rows on their way to import_row, 2,000 at a time. One batch is in the database's hands while the next
 * is checked, so the database's work overlaps the check's instead of following it; a failed batch fails the check.
 * Each row is written as JSON when it arrives: one string waits in the batch instead of an object and its dozen
 * values, which keeps the garbage collector's pauses (and so every other request's wait) short.
 */
class RowStage {
  private batch: string[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly db: Executor,
    private readonly jobId: string,
  ) {}

  async add(row: ImportedMember): Promise<void> {
    this.batch.push(JSON.stringify({ job_id: this.jobId, ...row }));
    if (this.batch.length >= STAGE_BATCH_ROWS) await this.send();
  }

  async finish(): Promise<void> {
    await this.send();
    await this.inFlight;
    if (this.failure) throw this.failure;
  }

  private async send(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure;
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    this.inFlight = insertJsonRows(this.db, "import_row", IMPORT_ROW_COLUMNS, `[${rows.join(",")}]`).catch((error: unknown) => {
      this.failure = error;
    });
  }
}

/**
 * Gives other requests a turn after every millisecond of checking: a file that arrives faster than it is checked (or
 * is read from memory) would otherwise hold the event loop for the whole file, and every page would wait.
 */
class EventLoopTurns {
  private since = performance.now();

  async letOthersIn(): Promise<void> {
    if (performance.now() - this.since < TURN_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
const TURN_MS = 1;

/** Drops the staged rows of an import that won't be imported (failed, set aside) or was imported. */
export async function dropStagedRows(db: Executor, jobId: string): Promise<void> {
  await db.delete(importRow).where(eq(importRow.jobId, jobId));
}

const SAMPLE_ROWS = 20;

type ErrorRow = { line: number; values: string[]; errors: RowError[] };

function previewOf(summary: Omit<ImportPreview, "errors" | "errorCount">, errorRows: ErrorRow[]): ImportPreview {
  const errors = errorRows.flatMap((r) => r.errors);
  return { ...summary, errors: errors.slice(0, PREVIEW_ERRORS), errorCount: errors.length };
}

/** The preview of a checked file, read back for the Import page after a reload. */
export async function importPreview(db: Executor, actor: MemberActor, jobId: string): Promise<ImportPreview | null> {
  const found = await importJobOf(db, actor, jobId);
  const details = found.details as { phase: ImportPhase; type: ImportType; fileName: string; valid?: number; invalid?: number; sample?: SampleMember[]; newPlaces?: NewPlaces };
  if (details.phase !== "ready") return null;
  const [file] = await db.select({ errorRows: importFile.errorRows }).from(importFile).where(eq(importFile.jobId, jobId));
  return previewOf(
    {
      jobId,
      type: details.type,
      fileName: details.fileName,
      valid: details.valid ?? 0,
      invalid: details.invalid ?? 0,
      sample: details.sample ?? [],
      newPlaces: details.newPlaces ?? { sites: [], teams: [] },
    },
    (file?.errorRows ?? []) as ErrorRow[],
  );
}

/** The rows with errors as the file had them, plus a column saying what to fix: to correct and upload again. */
export async function errorRowsOf(db: Executor, actor: MemberActor, jobId: string): Promise<{ fileName: string; header: string[]; rows: string[][] }> {
  const found = await importJobOf(db, actor, jobId);
  const [file] = await db.select({ header: importFile.header, errorRows: importFile.errorRows }).from(importFile).where(eq(importFile.jobId, jobId));
  if (!file) throw new NotFoundError("This import has no rows with errors to download.");
  const header = [...(file.header ?? []), "Errors"];
  const rows = ((file.errorRows ?? []) as ErrorRow[]).map((r) => [...r.values, r.errors.map((e) => `Line ${e.line}, ${e.column}: ${e.message}`).join(" ")]);
  return { fileName: String((found.details as { fileName?: string }).fileName ?? "import.csv"), header, rows };
}

/** What checking a row needs to know of the organization, read once per file. */
async function checkContext(db: Executor, actor: MemberActor, type: ImportType) {
  const [org] = await db.select({ slug: organization.slug }).from(organization).where(eq(organization.id, actor.organizationId));
  const [sites, teams, extensions, loginNames] = await Promise.all([
    db.select({ id: site.id, name: site.name }).from(site).where(eq(site.organizationId, actor.organizationId)).orderBy(asc(site.name)),
    db.select({ id: team.id, name: team.name }).from(team).where(eq(team.organizationId, actor.organizationId)).orderBy(asc(team.name)),
    db.select({ extension: member.extension }).from(member).where(and(eq(member.organizationId, actor.organizationId), sql`${member.extension} is not null`)),
    db.select({ loginName: member.loginName }).from(member).where(and(eq(member.organizationId, actor.organizationId), sql`${member.loginName} is not null`)),
  ]);
  return {
    actor,
    type,
    organizationSlug: org!.slug,
    sites: new Map(sites.map((s) => [s.name.toLowerCase(), s])),
    teams: new Map(teams.map((t) => [t.name.toLowerCase(), t])),
    mayCreatePlaces: canInOrganization(actor, "organization.managePlaces", actor.organizationId),
    extensionsInUse: new Set(extensions.map((e) => e.extension!)),
    loginNamesInUse: new Set(loginNames.map((l) => l.loginName!)),
  };
}

/** Where an import stands, for its progress bar (SPEC §4.5): the Import page polls it, and finds it again after a reload. */
export type ImportProgress = {
  jobId: string;
  kind: "import";
  phase: ImportPhase;
  type: ImportType;
  fileName: string;
  bytesRead: number;
  bytesTotal: number;
  rowsChecked: number;
  valid: number;
  invalid: number;
  imported: number;
  error: string | null;
  /** Checking or importing, but no word from the server for a while: it stopped (a restart), so start again. */
  stalled: boolean;
};

const STALLED_AFTER_MS = 2 * 60_000;

export async function importProgress(db: Executor, actor: MemberActor, jobId: string, now = new Date()): Promise<ImportProgress> {
  const found = await importJobOf(db, actor, jobId);
  const d = found.details as { phase: ImportPhase; type: ImportType; fileName: string; bytesRead?: number; bytesTotal?: number; valid?: number; invalid?: number; imported?: number; error?: string };
  const busy = d.phase === "checking" || d.phase === "importing";
  return {
    jobId,
    kind: "import",
    phase: d.phase,
    type: d.type,
    fileName: d.fileName,
    bytesRead: d.bytesRead ?? 0,
    bytesTotal: d.bytesTotal ?? 0,
    rowsChecked: found.done,
    valid: d.valid ?? 0,
    invalid: d.invalid ?? 0,
    imported: d.imported ?? 0,
    error: d.error ?? null,
    stalled: busy && now.getTime() - found.updatedAt.getTime() > STALLED_AFTER_MS,
  };
}

/** The actor's import of the last day that is still on its way (checking, ready to import, importing), if any. */
export async function currentImport(db: Executor, actor: MemberActor): Promise<ImportProgress | null> {
  const [latest] = await db
    .select({ id: job.id })
    .from(job)
    .where(
      and(
        eq(job.organizationId, actor.organizationId),
        eq(job.kind, "import"),
        eq(job.createdById, actor.memberId),
        sql`${job.details}->>'phase' in ('checking', 'ready', 'importing')`,
        sql`${job.createdAt} > now() - interval '1 day'`,
      ),
    )
    .orderBy(sql`${job.createdAt} desc`)
    .limit(1);
  return latest ? importProgress(db, actor, latest.id) : null;
}

/** "Choose another file": the import is set aside (its preview is not offered again). */
export async function discardImport(db: Executor, actor: MemberActor, jobId: string): Promise<void> {
  await importJobOf(db, actor, jobId, { own: true });
  const setAside = await db
    .update(job)
    .set({ status: "cancelled", details: sql`${job.details} || '{"phase":"failed","error":"Set aside for another file."}'::jsonb`, finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(job.id, jobId), sql`${job.details}->>'phase' in ('checking', 'ready')`))
    .returning({ id: job.id });
  if (setAside.length) await dropStagedRows(db, jobId);
}
