import { and, eq, gte, isNull, like, lt, not, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { auditEvent, job, member, organization, site, supportStaff, team } from "@/db/schema";
import type { Actor } from "../actor";
import { DIRECTORY_SYNC_ACTOR, isUuid } from "../actor";
import { nextDay, startOfDay } from "../calendar-days";
import { NotFoundError } from "../errors";
import { memberTimeZone } from "../i18n/language";
import { personSearchCondition } from "../members/list-members";
import { displayName } from "../members/format";
import { assertCanInOrganization, can, visibleAuditEvents } from "../permissions";
import { csvOf } from "../imports/write-csv";
import { escapeLike } from "../sql-like";
import { cursorText, type AuditCursor, type AuditLogQuery } from "./audit-log-query";
import { describeAuditEvent, type AuditDescription } from "./describe";

/**
 * Who did it, as the log names them: a person of the organization, support staff with the reason they gave
 * ("Support · name — reason"), or the system.
 */
export type AuditActor =
  | { kind: "member"; memberId: string | null; name: string }
  | { kind: "support"; name: string; reason: string | null }
  | { kind: "system"; name: string };

/** "Support · Sid Support — Ticket 4711": support staff as the log and its export name them (SPEC §4.14). */
export const supportActorText = (actor: { name: string; reason: string | null }) => `Support · ${actor.name}${actor.reason ? ` — ${actor.reason}` : ""}`;

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

const atCursor = (c: AuditCursor) => sql`(timestamptz 'epoch' + ${c.micros}::bigint * interval '1 microsecond')`;

/**
 * People a filter names ("who did it", "to whom"): the members whose name, extension, login name or email match,
 * at most 200 (a search that matches more is too vague to be what someone looks for).
 */
const peopleMatching = (organizationId: string, q: string) =>
  sql`array(select ${member.id} from ${member} where ${member.organizationId} = ${organizationId} and ${personSearchCondition(q)} limit 200)`;

/** Directory sync's events: the system's, under the name its actor is given (lib/scim/request.ts). */
const byDirectorySync = like(auditEvent.actorLabel, `${escapeLike(DIRECTORY_SYNC_ACTOR)} (%`);

/** What a query's filters ask of the events, under the viewer's scope, but for the people named by text (peopleFilter). */
export function auditEventsMatching(viewer: Actor, organizationId: string, query: AuditLogQuery, timeZone: string, about?: string): SQL {
  return and(
    visibleAuditEvents(viewer, organizationId),
    about ? and(eq(auditEvent.targetType, "member"), eq(auditEvent.targetId, about)) : undefined,
    query.by === "support" ? sql`${auditEvent.actorSupportId} is not null` : undefined,
    query.by === "directory" || query.by === "system"
      ? and(isNull(auditEvent.actorMemberId), isNull(auditEvent.actorSupportId), query.by === "directory" ? byDirectorySync : not(byDirectorySync))
      : undefined,
    query.action ? eq(auditEvent.action, query.action) : undefined,
    query.from ? gte(auditEvent.createdAt, startOfDay(query.from, timeZone)) : undefined,
    query.to ? lt(auditEvent.createdAt, startOfDay(nextDay(query.to), timeZone)) : undefined,
  )!;
}

/**
 * The people "who did it" and "to whom" name, as the events are read (readEvents): one group is walked person by
 * person on its own index, newest first; the other, when both are given, is checked per event.
 */
type PeopleFilter = { walk?: { column: "actor" | "target"; ids: SQL }; check?: SQL };
function peopleFilter(organizationId: string, query: AuditLogQuery): PeopleFilter {
  const actors = query.actor ? peopleMatching(organizationId, query.actor) : null;
  const targets = query.target ? peopleMatching(organizationId, query.target) : null;
  if (actors) {
    return {
      walk: { column: "actor", ids: actors },
      check: targets ? sql`${auditEvent.targetType} = 'member' and ${auditEvent.targetId} = any(select x::text from unnest(${targets}) as x)` : undefined,
    };
  }
  return targets ? { walk: { column: "target", ids: targets } } : {};
}

/**
 * A page (or an export's batch) of events, by (created_at, id) keyset from a cursor, newest first or (forward)
 * oldest first. The events of named people are read person by person, each on its own index and stopping after a
 * page (a LATERAL join), so a person who acted a few times in a year of events is found as fast as a busy one.
 */
async function readEvents(
  db: Executor,
  { where, people = {}, from, forward = false, limit }: { where: SQL; people?: PeopleFilter; from?: { cursor: AuditCursor; after: boolean }; forward?: boolean; limit: number },
): Promise<Row[]> {
  const direction = forward ? sql`asc` : sql`desc`;
  const keyset = from ? sql`(${auditEvent.createdAt}, ${auditEvent.id}) ${from.after ? sql`>` : sql`<`} (${atCursor(from.cursor)}, ${from.cursor.id}::uuid)` : undefined;
  const conditions = (extra?: SQL) => and(where, people.check, keyset, extra)!;
  const order = sql`order by ${auditEvent.createdAt} ${direction}, ${auditEvent.id} ${direction} limit ${limit}`;
  const walk = people.walk;
  const inner = walk
    ? sql`select e.* from unnest(${walk.ids}) as k(id) cross join lateral (
            select ${auditEvent}.* from ${auditEvent}
            where ${conditions(walk.column === "actor" ? sql`${auditEvent.actorMemberId} = k.id` : sql`${auditEvent.targetType} = 'member' and ${auditEvent.targetId} = k.id::text`)}
            ${order}) as e
          order by e.created_at ${direction}, e.id ${direction} limit ${limit}`
    : sql`select ${auditEvent}.* from ${auditEvent} where ${conditions()} ${order}`;
  const found = await rows<Row>(
    db,
    sql`select p.id, p.organization_id as "organizationId", p.actor_member_id as "actorMemberId", p.actor_support_id as "actorSupportId",
               p.actor_label as "actorLabel", p.action, p.target_type as "targetType", p.target_id as "targetId", p.details, p.ip,
               p.user_agent as "userAgent", p.created_at as "createdAt",
               (extract(epoch from p.created_at) * 1000000)::bigint::text as micros, s.name as "supportName"
        from (${inner}) as p left join ${supportStaff} s on s.id = p.actor_support_id
        order by p.created_at ${direction}, p.id ${direction}`,
  );
  // node-postgres gives timestamptz as a Date; the embedded database may give its text in a raw query.
  for (const r of found) if (!(r.createdAt instanceof Date)) r.createdAt = new Date(r.createdAt);
  return found;
}

/** The viewer's time zone: a member's own, else their organization's; support staff read the organization's. */
export async function viewerTimeZone(db: Executor, viewer: Actor, organizationId: string): Promise<string> {
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
  const from = query.before ? { cursor: query.before, after: false } : query.after ? { cursor: query.after, after: true } : undefined;
  const found = await readEvents(db, { where, people: peopleFilter(organizationId, query), from, forward, limit: query.size + 1 });
  const more = found.length > query.size;
  const page = found.slice(0, query.size);
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

/** Names already looked up, kept across an export's batches: the same people come back batch after batch. */
type Lookups = {
  members: Map<string, TargetMember | null>;
  sites: Map<string, string | null>;
  teams: Map<string, string | null>;
  jobs: Map<string, { total: number; details: Record<string, unknown> } | null>;
};
const newLookups = (): Lookups => ({ members: new Map(), sites: new Map(), teams: new Map(), jobs: new Map() });

/** Fetches the ones of `ids` not looked up yet, and remembers what was found of each (null: nothing). */
async function lookUp<R extends { id: string }, V>(known: Map<string, V | null>, ids: Iterable<string>, fetch: (missing: string[]) => Promise<R[]>, keep: (row: R) => V): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (!missing.length) return;
  for (const id of missing) known.set(id, null);
  for (const found of await fetch(missing)) known.set(found.id, keep(found));
}
const itself = <R>(row: R) => row;

/** Everything a page shows of its events, with the names of their members, places and jobs looked up once. */
export async function describeRows(db: Executor, viewer: Actor, organizationId: string, events: Row[], lookups: Lookups = newLookups()): Promise<AuditRow[]> {
  const targets = (type: string) => events.flatMap((e) => (e.targetType === type && isUuid(e.targetId) ? [e.targetId] : []));
  const placeIds = [...targets("site"), ...targets("team"), ...events.flatMap((e) => idsIn(e.details))];
  const inOrganization = <C extends { organizationId: AnyColumn; id: AnyColumn }>(table: C, ids: string[]) => and(eq(table.organizationId, organizationId), anyOf(table.id, ids));
  await Promise.all([
    lookUp(lookups.members, targets("member"), (ids) =>
      db
        .select({ id: member.id, organizationId: member.organizationId, role: member.role, siteId: member.siteId, teamId: member.teamId, firstName: member.firstName, lastName: member.lastName, extension: member.extension })
        .from(member)
        .where(inOrganization(member, ids)),
      itself,
    ),
    lookUp(lookups.sites, placeIds, (ids) => db.select({ id: site.id, name: site.name }).from(site).where(inOrganization(site, ids)), (s) => s.name),
    lookUp(lookups.teams, placeIds, (ids) => db.select({ id: team.id, name: team.name }).from(team).where(inOrganization(team, ids)), (t) => t.name),
    lookUp(lookups.jobs, targets("job"), (ids) => db.select({ id: job.id, total: job.total, details: job.details }).from(job).where(inOrganization(job, ids)), itself),
  ]);
  return events.map((e) => ({
    id: e.id,
    at: e.createdAt,
    cursor: cursorText({ micros: e.micros, id: e.id }),
    actor: actorOf(e),
    action: e.action,
    description: describeAuditEvent({ action: e.action, details: e.details }, lookups),
    target: targetOf(e, viewer, lookups),
    ip: e.ip,
    userAgent: e.userAgent,
  }));
}

/** The ids as one array parameter: an export's batch names thousands, which IN (…) would bind one by one. */
const anyOf = (column: SQL.Aliased | AnyColumn, ids: string[]) => sql`${column} = any(${sql.param(ids)}::uuid[])`;

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
  if (e.actorSupportId || e.supportName) {
    const reason = typeof e.details.reason === "string" && e.details.reason ? e.details.reason : null;
    return { kind: "support", name: e.supportName ?? e.actorLabel.replace(/^Support: /, ""), reason };
  }
  if (e.actorMemberId) return { kind: "member", memberId: e.actorMemberId, name: e.actorLabel };
  // A script, the system's own work, or someone not signed in (a sign-in lock-out): as it was recorded.
  return { kind: "system", name: e.actorLabel === "Anonymous visitor" ? "Someone not signed in" : e.actorLabel };
}

type TargetMember = Pick<typeof member.$inferSelect, "id" | "organizationId" | "role" | "siteId" | "teamId" | "firstName" | "lastName" | "extension">;

function targetOf(e: Row, viewer: Actor, lookups: Lookups): AuditTarget | null {
  const id = e.targetId;
  if (!id) return null;
  const name = typeof e.details.name === "string" ? e.details.name : null;
  switch (e.targetType) {
    case "member": {
      const m = lookups.members.get(id);
      if (!m) return { kind: "other", name: typeof e.details.previousName === "string" ? e.details.previousName : "A user no longer here" };
      return { kind: "member", id, name: displayName(m), extension: m.extension, linked: can(viewer, "member.view", m) };
    }
    case "job": {
      const sent = lookups.jobs.get(id);
      const template = sent?.details.template === "password-reset" ? "password resets" : "welcome emails";
      return { kind: "job", id, name: sent ? `Bulk send of ${template} (${sent.total})` : "A bulk send" };
    }
    case "site":
      return { kind: "other", name: lookups.sites.get(id) ?? name ?? "A deleted site" };
    case "team":
      return { kind: "other", name: lookups.teams.get(id) ?? name ?? "A deleted team" };
    case "organization":
      return { kind: "other", name: "The organization" };
    default:
      return { kind: "other", name: name ?? e.targetType ?? "" };
  }
}

/** The CSV export's columns, in order (SPEC §4.13). */
export const AUDIT_EXPORT_HEADER = ["Time", "Time zone", "Done by", "Action", "User or item", "Changes", "Notes", "IP address", "User agent"];
const EXPORT_BATCH = 5_000;

/**
 * "Export CSV" of the events a query matches, under the viewer's scope, newest first (SPEC §4.13), as the text of a
 * CSV file in pieces: read in batches by the same keyset as the pages, each batch worded and written as CSV (Excel's
 * way: a BOM, CRLF, formula-looking cells escaped) before the next is needed, so memory stays flat however many events
 * there are. The next batch is read while this one is written: the database and this process work at once.
 */
export async function* exportAuditLogCsv(db: Executor, { viewer, organizationId, query }: { viewer: Actor; organizationId: string; query: AuditLogQuery }): AsyncGenerator<string> {
  assertCanInOrganization(viewer, "organization.viewAuditLog", organizationId);
  const timeZone = await viewerTimeZone(db, viewer, organizationId);
  const where = auditEventsMatching(viewer, organizationId, query, timeZone);
  const people = peopleFilter(organizationId, query);
  const time = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const batchAfter = (from?: AuditCursor) => readEvents(db, { where, people, from: from && { cursor: from, after: false }, limit: EXPORT_BATCH });
  yield csvOf([AUDIT_EXPORT_HEADER], { bom: true });
  const lookups = newLookups();
  let next = batchAfter();
  for (;;) {
    const found = await next;
    if (!found.length) return;
    const last = found.at(-1)!;
    next = found.length < EXPORT_BATCH ? Promise.resolve([]) : batchAfter({ micros: last.micros, id: last.id });
    const rows = await describeRows(db, viewer, organizationId, found, lookups);
    yield csvOf(
      rows.map((row) => [
        time.format(row.at),
        timeZone,
        row.actor.kind === "support" ? supportActorText(row.actor) : row.actor.name,
        row.description.what,
        row.target ? (row.target.kind === "member" && row.target.extension ? `${row.target.name} (${row.target.extension})` : row.target.name) : "",
        row.description.changes.map((c) => (c.from ? `${c.field}: ${c.from} → ${c.to}` : `${c.field}: ${c.to}`)).join("; "),
        row.description.notes.join("; "),
        row.ip ?? "",
        row.userAgent ?? "",
      ]),
    );
  }
}
