import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { auditEvent, job, member, organization, site, supportStaff, team } from "@/db/schema";
import type { Actor } from "../actor";
import { isUuid } from "../actor";
import { nextDay, startOfDay } from "../calendar-days";
import { NotFoundError } from "../errors";
import { memberTimeZone } from "../i18n/language";
import { personSearchCondition } from "../members/list-members";
import { displayName } from "../members/format";
import { assertCanInOrganization, can, visibleAuditEvents } from "../permissions";
import { cursorText, type AuditCursor, type AuditLogQuery } from "./audit-log-query";
import { describeAuditEvent, type AuditDescription, type AuditNames } from "./describe";

/** Who did it, as the log names them: a person of the organization, support staff ("Support · name"), or the system. */
export type AuditActor = { kind: "member"; memberId: string | null; name: string } | { kind: "support"; name: string } | { kind: "system"; name: string };

/** What it was done to: a member (linked to their page when the viewer may open it), a bulk send (linked to its emails), a place… */
export type AuditTarget =
  | { kind: "member"; id: string; name: string; extension: string | null; linked: boolean }
  | { kind: "job"; id: string; name: string }
  | { kind: "other"; name: string };

export type AuditRow = {
  id: string;
  at: Date;
  cursor: string;
  actor: AuditActor;
  action: string;
  description: AuditDescription;
  target: AuditTarget | null;
  ip: string | null;
  userAgent: string | null;
};

export type AuditLogPage = {
  rows: AuditRow[];
  /** Cursors of the pages next to this one, when there are any: newer events, and older ones. */
  newer: string | null;
  older: string | null;
  /** The viewer's time zone: the page's times and the filter's days are in it. */
  timeZone: string;
};

type Row = typeof auditEvent.$inferSelect & { micros: string; supportName: string | null };

/** The event's time in microseconds since 1970, as text: a cursor keeps what a JavaScript date would round away. */
const micros = sql<string>`(extract(epoch from ${auditEvent.createdAt}) * 1000000)::bigint::text`;
const atCursor = (c: AuditCursor) => sql`(timestamptz 'epoch' + ${c.micros}::bigint * interval '1 microsecond')`;

/**
 * The WHERE of a query under the viewer's scope (lib/permissions.ts visibleAuditEvents): the page, the member's
 * Activity tab and the export read the same events. `about` narrows it to the events about one member.
 */
export function auditEventsMatching(viewer: Actor, organizationId: string, query: AuditLogQuery, timeZone: string, about?: string): SQL {
  const people = (q: string) =>
    sql`(select ${member.id} from ${member} where ${member.organizationId} = ${organizationId} and ${personSearchCondition(q)} limit 1000)`;
  return and(
    visibleAuditEvents(viewer, organizationId),
    about ? and(eq(auditEvent.targetType, "member"), eq(auditEvent.targetId, about)) : undefined,
    query.by === "support" ? sql`${auditEvent.actorSupportId} is not null` : undefined,
    query.by === "system" ? and(isNull(auditEvent.actorMemberId), isNull(auditEvent.actorSupportId)) : undefined,
    query.actor ? sql`${auditEvent.actorMemberId} in ${people(query.actor)}` : undefined,
    query.action ? eq(auditEvent.action, query.action) : undefined,
    query.target ? and(eq(auditEvent.targetType, "member"), sql`${auditEvent.targetId} in (select id::text from ${people(query.target)} as p)`) : undefined,
    query.from ? gte(auditEvent.createdAt, startOfDay(query.from, timeZone)) : undefined,
    query.to ? lt(auditEvent.createdAt, startOfDay(nextDay(query.to), timeZone)) : undefined,
  )!;
}

/** The viewer's time zone: a member's own, else their organization's; support staff read the organization's. */
async function viewerTimeZone(db: Executor, viewer: Actor, organizationId: string): Promise<string> {
  const [org] = await db.select({ defaultTimeZone: organization.defaultTimeZone }).from(organization).where(eq(organization.id, organizationId)).limit(1);
  if (!org) throw new NotFoundError("This organization doesn't exist.");
  if (viewer.kind !== "member") return org.defaultTimeZone;
  const [own] = await db.select({ timeZone: member.timeZone }).from(member).where(eq(member.id, viewer.memberId)).limit(1);
  return memberTimeZone({ timeZone: own?.timeZone ?? null }, org);
}

/**
 * One page of the audit log (SPEC §4.13), newest first, by keyset: `before` pages back in time from a cursor, `after`
 * forward. Owners and admins read every event of the organization; site managers the events about their sites'
 * members; `about` gives a member's Activity tab.
 */
export async function auditLogPage(
  db: Executor,
  { viewer, organizationId, query, about }: { viewer: Actor; organizationId: string; query: AuditLogQuery; about?: string },
): Promise<AuditLogPage> {
  assertCanInOrganization(viewer, "organization.viewAuditLog", organizationId);
  if (about !== undefined && !isUuid(about)) throw new NotFoundError("This user doesn't exist or isn't yours to see.");
  const timeZone = await viewerTimeZone(db, viewer, organizationId);
  const where = auditEventsMatching(viewer, organizationId, query, timeZone, about);
  const forward = Boolean(query.after) && !query.before;
  const keyset = query.before
    ? sql`(${auditEvent.createdAt}, ${auditEvent.id}) < (${atCursor(query.before)}, ${query.before.id}::uuid)`
    : query.after
      ? sql`(${auditEvent.createdAt}, ${auditEvent.id}) > (${atCursor(query.after)}, ${query.after.id}::uuid)`
      : undefined;
  const found = await db
    .select({ event: auditEvent, micros, supportName: supportStaff.name })
    .from(auditEvent)
    .leftJoin(supportStaff, eq(supportStaff.id, auditEvent.actorSupportId))
    .where(and(where, keyset))
    .orderBy(...(forward ? [asc(auditEvent.createdAt), asc(auditEvent.id)] : [desc(auditEvent.createdAt), desc(auditEvent.id)]))
    .limit(query.size + 1);
  const more = found.length > query.size;
  const page = found.slice(0, query.size).map((r) => ({ ...r.event, micros: r.micros, supportName: r.supportName }));
  if (forward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const rows = await describeRows(db, viewer, organizationId, page);
  return {
    rows,
    // Coming back from older pages, or past the newest: there are newer events only if a page was asked from a cursor.
    newer: first && (forward ? more : Boolean(query.before)) ? cursorText({ micros: first.micros, id: first.id }) : null,
    older: last && (forward || more) ? cursorText({ micros: last.micros, id: last.id }) : null,
    timeZone,
  };
}

/** Everything a page shows of its events, with the names of their members, places and jobs looked up once. */
export async function describeRows(db: Executor, viewer: Actor, organizationId: string, events: Row[]): Promise<AuditRow[]> {
  const memberIds = [...new Set(events.filter((e) => e.targetType === "member" && isUuid(e.targetId)).map((e) => e.targetId!))];
  const placeIds = new Set<string>();
  for (const e of events) {
    if ((e.targetType === "site" || e.targetType === "team") && isUuid(e.targetId)) placeIds.add(e.targetId);
    for (const id of idsIn(e.details)) placeIds.add(id);
  }
  const jobIds = [...new Set(events.filter((e) => e.targetType === "job" && isUuid(e.targetId)).map((e) => e.targetId!))];
  const ids = [...placeIds];
  const [members, sites, teams, jobs] = await Promise.all([
    memberIds.length
      ? db.select().from(member).where(and(eq(member.organizationId, organizationId), inArray(member.id, memberIds)))
      : Promise.resolve([]),
    ids.length ? db.select({ id: site.id, name: site.name }).from(site).where(and(eq(site.organizationId, organizationId), inArray(site.id, ids))) : Promise.resolve([]),
    ids.length ? db.select({ id: team.id, name: team.name }).from(team).where(and(eq(team.organizationId, organizationId), inArray(team.id, ids))) : Promise.resolve([]),
    jobIds.length ? db.select({ id: job.id, total: job.total, details: job.details }).from(job).where(and(eq(job.organizationId, organizationId), inArray(job.id, jobIds))) : Promise.resolve([]),
  ]);
  const byMember = new Map(members.map((m) => [m.id, m]));
  const names: AuditNames = { sites: new Map(sites.map((s) => [s.id, s.name])), teams: new Map(teams.map((t) => [t.id, t.name])) };
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  return events.map((e) => ({
    id: e.id,
    at: e.createdAt,
    cursor: cursorText({ micros: e.micros, id: e.id }),
    actor: actorOf(e),
    action: e.action,
    description: describeAuditEvent({ action: e.action, details: e.details }, names),
    target: targetOf(e, { viewer, byMember, names, jobById }),
    ip: e.ip,
    userAgent: e.userAgent,
  }));
}

/** Site and team ids an event's changes name, for their names. */
function idsIn(details: Record<string, unknown>): string[] {
  const values: unknown[] = [details.siteId, details.teamId];
  const changes = details.changes as Record<string, { from?: unknown; to?: unknown }> | undefined;
  for (const field of ["siteId", "teamId"]) {
    const change = changes?.[field];
    if (change) values.push(change.from, change.to);
  }
  return values.filter(isUuid);
}

function actorOf(e: Row): AuditActor {
  if (e.actorSupportId || e.supportName) return { kind: "support", name: e.supportName ?? e.actorLabel.replace(/^Support: /, "") };
  if (e.actorMemberId) return { kind: "member", memberId: e.actorMemberId, name: e.actorLabel };
  // A script, the system's own work, or someone not signed in (a sign-in lock-out): as it was recorded.
  return { kind: "system", name: e.actorLabel === "Anonymous visitor" ? "Someone not signed in" : e.actorLabel };
}

function targetOf(
  e: Row,
  { viewer, byMember, names, jobById }: { viewer: Actor; byMember: Map<string, typeof member.$inferSelect>; names: AuditNames; jobById: Map<string, { total: number; details: Record<string, unknown> }> },
): AuditTarget | null {
  const id = e.targetId;
  if (!id) return null;
  const name = typeof e.details.name === "string" ? e.details.name : null;
  switch (e.targetType) {
    case "member": {
      const m = byMember.get(id);
      if (!m) return { kind: "other", name: typeof e.details.previousName === "string" ? e.details.previousName : "A user no longer here" };
      return { kind: "member", id, name: displayName(m), extension: m.extension, linked: can(viewer, "member.view", m) };
    }
    case "job": {
      const sent = jobById.get(id);
      const template = sent?.details.template === "password-reset" ? "password resets" : "welcome emails";
      return { kind: "job", id, name: sent ? `Bulk send of ${template} (${sent.total})` : "A bulk send" };
    }
    case "site":
      return { kind: "other", name: names.sites.get(id) ?? name ?? "A deleted site" };
    case "team":
      return { kind: "other", name: names.teams.get(id) ?? name ?? "A deleted team" };
    case "organization":
      return { kind: "other", name: "The organization" };
    default:
      return { kind: "other", name: name ?? e.targetType ?? "" };
  }
}
