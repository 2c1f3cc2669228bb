/**
 * `npm run bench:audit` (SPEC §4.13, §7): the audit log of one organization with 1,000,000 events on PostgreSQL.
 * Loads an organization (5,000 members on 10 sites) and a year of events into a fresh database, then:
 * - 400 filtered pages through the page's own domain function (auditLogPage): first pages and deep ones (by keyset),
 *   by action, by who did it, by whom it was done to, by days, by support, and a site manager's and a member's
 *   Activity tab; prints p50/p95/p99 per kind. Target: p95 ≤ 50 ms.
 * - "Export CSV" of 100,000 events through exportAuditLogCsv, as the route streams it, into nothing:
 *   prints rows/s and the process's peak RSS before and during. Target: ≥ 50,000 rows/s, memory flat.
 * - AUDIT_RETENTION_DAYS=330 applied as the background work does it: prints how many events went and how long it took.
 *
 * DATABASE_URL names the server, else 127.0.0.1:5432. Exit code 0 on pass, 1 on fail.
 */
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { rows, schema, type Database } from "@/db";
import { auditEvent, member, organization, site, siteManager, supportStaff } from "@/db/schema";
import { memberActorOf, type MemberActor } from "@/lib/actor";
import { auditLogPage, exportAuditLogCsv } from "@/lib/audit-log/audit-log";
import { parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { deleteExpiredAuditEvents } from "@/lib/audit-log/retention";
import { percentile, withBenchDatabase } from "./bench-database";

const EVENTS = 1_000_000;
const MEMBERS = 5_000;
const SITES = 10;
const QUERIES = 400;
const PAGE_TARGET_MS = 50;
const EXPORT_ROWS = 100_000;
const EXPORT_TARGET_ROWS_PER_S = 50_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// A fixed sequence, so every run asks the same questions.
let seed = 20_261_207;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const FIRST = ["Dana", "Tom", "Amara", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gabriel", "Hiro", "Keiko", "Noah", "Priya", "Søren", "Wei", "Zoë"];
const LAST = ["Reyes", "Fischer", "Okafor", "Schmidt", "O'Brien", "Müller", "Núñez", "Tanaka", "Nguyen", "Kowalski", "García", "Patel"];

/** (action, share of events, details): a year of an organization's life, roughly. */
const ACTIONS: [string, number, string][] = [
  ["member.welcome-sent", 0.3, `jsonb_build_object('to', 'person' || (g % 5000) || '@example.test')`],
  ["member.update", 0.18, `jsonb_build_object('changes', jsonb_build_object('role', jsonb_build_object('from', 'member', 'to', 'supervisor')))`],
  ["member.password-set", 0.1, `jsonb_build_object('via', 'welcome link', 'voicemailPinSet', true)`],
  ["account.profile-update", 0.1, `jsonb_build_object('changes', jsonb_build_object('language', jsonb_build_object('from', null, 'to', 'es')))`],
  ["member.reset-sent", 0.08, `jsonb_build_object('to', 'person' || (g % 5000) || '@example.test')`],
  ["member.disable", 0.05, `'{}'::jsonb`],
  ["member.enable", 0.04, `'{}'::jsonb`],
  ["member.create", 0.05, `jsonb_build_object('name', 'Someone New', 'role', 'member')`],
  ["account.password-change", 0.04, `jsonb_build_object('signedOutElsewhere', true)`],
  ["sign-in.locked-out", 0.03, `jsonb_build_object('scope', 'account', 'minutes', 15)`],
  ["account.email-change", 0.03, `jsonb_build_object('from', 'old@example.test', 'to', 'new@example.test', 'via', 'verification link')`],
];

async function load(db: Database): Promise<{ orgId: string; actors: { owner: MemberActor; siteManager: MemberActor }; aboutId: string }> {
  const [org] = await db.insert(organization).values({ name: "Bench Audit", slug: "bench-audit", senderName: "Bench Audit", defaultTimeZone: "America/New_York" }).returning();
  const sites = await db
    .insert(site)
    .values(Array.from({ length: SITES }, (_, i) => ({ organizationId: org!.id, name: `Site ${i + 1}` })))
    .returning();
  await db.execute(sql`
    insert into member (organization_id, extension, first_name, last_name, login_name, role, site_id, primary_email, status, portal_access)
    select ${org!.id}::uuid, (1000 + g)::text,
           (${sql.param(FIRST)}::text[])[1 + g % ${FIRST.length}], (${sql.param(LAST)}::text[])[1 + (g / 7) % ${LAST.length}],
           (1000 + g) || '@bench-audit', case when g < 3 then 'owner' when g < 20 then 'admin' when g < 30 then 'site_manager' else 'member' end::member_role,
           (${sql.param(sites.map((s) => s.id))}::uuid[])[1 + g % ${SITES}], 'person' || g || '@example.test', 'active', true
    from generate_series(0, ${MEMBERS - 1}) g`);
  const [staff] = await db.insert(supportStaff).values({ email: "sid@gatehouse.test", name: "Sid Support", passwordHash: "x" }).returning();
  const [owner] = await db.select().from(member).where(eq(member.loginName, "1000@bench-audit"));
  const [manager] = await db.select().from(member).where(eq(member.loginName, "1020@bench-audit"));
  await db.insert(siteManager).values({ siteId: sites[0]!.id, memberId: manager!.id });

  // The events, written by the database itself: actions in their shares, 90% by the 20 staff, 8% by members about
  // themselves, 2% by support; targets spread over every member; a year of times, newest now.
  let cumulative = 0;
  const actionCase = ACTIONS.map(([action, share, details]) => {
    cumulative += share;
    return `when r < ${cumulative.toFixed(4)} then row('${action}', ${details})::audit_pick`;
  }).join(" ");
  await db.execute(sql.raw(`create type audit_pick as (action text, details jsonb)`));
  await db.execute(sql`
    insert into audit_event (organization_id, actor_member_id, actor_support_id, actor_label, action, target_type, target_id, details, ip, user_agent, created_at)
    select ${org!.id}::uuid,
           case when s < 0.9 then staff[1 + (g % 20)] when s < 0.98 then target end,
           case when s >= 0.98 then ${staff!.id}::uuid end,
           case when s < 0.98 then 'Staff member' else 'Support: Sid Support (sid@gatehouse.test)' end,
           (p).action, 'member', target::text, (p).details,
           '198.51.100.' || (g % 250), 'Mozilla/5.0 (bench)',
           now() - (g::float / ${EVENTS}) * interval '365 days'
    from (
      select g, s, target, staff, (case ${sql.raw(actionCase)} else row('member.welcome-sent', '{}'::jsonb)::audit_pick end) as p
      from (
        select g, random() as s, random() as r, people[1 + ((g::bigint * 7919) % ${MEMBERS})::int] as target, staff
        from generate_series(1, ${EVENTS}) g,
             (select array_agg(id order by extension) as people, (array_agg(id order by extension))[1:20] as staff
                from member where organization_id = ${org!.id}::uuid) m
      ) drawn
    ) e`);
  await db.execute(sql.raw(`drop type audit_pick`));
  const [about] = await rows<{ id: string }>(db, sql`select target_id as id from audit_event where organization_id = ${org!.id}::uuid offset 5000 limit 1`);
  return { orgId: org!.id, actors: { owner: await memberActorOf(db, owner!), siteManager: await memberActorOf(db, manager!) }, aboutId: about!.id };
}

type Case = { kind: string; viewer: "owner" | "siteManager"; params: Record<string, string>; about?: string };

async function cases(db: Database, orgId: string, aboutId: string): Promise<Case[]> {
  // Cursors anywhere in the year, as a manager paging deep (or following a link) would start from.
  const deep = await rows<{ cursor: string }>(
    db,
    sql`select (extract(epoch from created_at) * 1000000)::bigint::text || '.' || id as cursor from audit_event
        where organization_id = ${orgId}::uuid order by random() limit 200`,
  );
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const before = () => ({ before: pick(deep).cursor });
  const makers: Record<string, () => Omit<Case, "kind">> = {
    "first page": () => ({ viewer: "owner", params: {} }),
    "deep page": () => ({ viewer: "owner", params: before() }),
    action: () => ({ viewer: "owner", params: { action: pick(ACTIONS)[0], ...(random() < 0.5 ? before() : {}) } }),
    "who did it": () => ({ viewer: "owner", params: { actor: pick(["1003", "1007@bench-audit", "Dana", "Reyes"]) } }),
    "to whom": () => ({ viewer: "owner", params: { target: pick([`${1000 + Math.floor(random() * MEMBERS)}`, `person${Math.floor(random() * MEMBERS)}@example.test`, "Keiko Tanaka"]) } }),
    days: () => {
      const from = 1 + Math.floor(random() * 350);
      return { viewer: "owner", params: { from: day(from), to: day(from - 7) } };
    },
    support: () => ({ viewer: "owner", params: { by: "support", ...(random() < 0.5 ? before() : {}) } }),
    "action + days": () => ({ viewer: "owner", params: { action: pick(ACTIONS)[0], from: day(200), to: day(100) } }),
    "site manager": () => ({ viewer: "siteManager", params: random() < 0.5 ? {} : before() }),
    "activity tab": () => ({ viewer: "owner", params: {}, about: aboutId }),
  };
  const kinds = Object.keys(makers);
  return Array.from({ length: QUERIES }, (_, i) => ({ kind: kinds[i % kinds.length]!, ...makers[kinds[i % kinds.length]!]!() }));
}

const result = await withBenchDatabase("gh_bench_audit", async ({ db, url }) => {
  let t = performance.now();
  const { orgId, actors, aboutId } = await load(db);
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${auditEvent}`);
  console.log(`[bench:audit] load ${seconds(performance.now() - t)}: ${n.toLocaleString("en-US")} events, ${MEMBERS.toLocaleString("en-US")} members`);
  t = performance.now();
  await db.execute(sql`vacuum analyze audit_event, member`);
  console.log(`[bench:audit] vacuum analyze ${seconds(performance.now() - t)}`);

  const all = await cases(db, orgId, aboutId);
  for (const c of all.slice(0, 20)) await auditLogPage(db, { viewer: actors[c.viewer], organizationId: orgId, query: parseAuditLogQuery(c.params), about: c.about });
  const timed: (Case & { ms: number; rows: number })[] = [];
  for (const c of all) {
    const a = performance.now();
    const page = await auditLogPage(db, { viewer: actors[c.viewer], organizationId: orgId, query: parseAuditLogQuery(c.params), about: c.about });
    timed.push({ ...c, ms: performance.now() - a, rows: page.rows.length });
  }

  // How the slowest page of each kind over the target finds its rows (EXPLAIN ANALYZE, run again).
  const captured: { sql: string; params: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const logged = drizzle(pool, { schema, logger: { logQuery: (q, params) => void captured.push({ sql: q, params }) } }) as unknown as Database;
  for (const kind of [...new Set(timed.map((r) => r.kind))]) {
    const slowest = timed.filter((r) => r.kind === kind).sort((a, b) => b.ms - a.ms)[0]!;
    if (slowest.ms <= PAGE_TARGET_MS) continue;
    captured.length = 0;
    await auditLogPage(logged, { viewer: actors[slowest.viewer], organizationId: orgId, query: parseAuditLogQuery(slowest.params), about: slowest.about });
    const main = captured.find((c) => /from "audit_event"/.test(c.sql))!;
    const plan = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${main.sql}`, main.params);
    console.log(`\nslowest "${kind}" (${slowest.ms.toFixed(1)} ms): ${JSON.stringify(slowest.params)}\n  ${main.sql.replace(/\s+/g, " ")}`);
    console.log(plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n"));
  }
  // The export's batch, once: how long the database takes to hand over 5,000 events.
  captured.length = 0;
  const pieces = exportAuditLogCsv(logged, { viewer: actors.owner, organizationId: orgId, query: parseAuditLogQuery({}) });
  await pieces.next(); // the header
  await pieces.next(); // the first batch
  await pieces.return(undefined);
  for (const c of captured) {
    const plan = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${c.sql}`, c.params);
    console.log(`export statement: ${c.sql.replace(/\s+/g, " ").slice(0, 120)}… ${plan.rows.at(-1)?.["QUERY PLAN"]}`);
  }
  await pool.end();

  // The export, as the route streams it: the CSV text of each batch into the response (here, nothing).
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const rssAt: number[] = [];
  let exported = -1; // the header is not an event
  let bytes = 0;
  const started = performance.now();
  for await (const text of exportAuditLogCsv(db, { viewer: actors.owner, organizationId: orgId, query: parseAuditLogQuery({}) })) {
    bytes += Buffer.byteLength(text);
    exported += text.split("\r\n").length - 1;
    rssAt.push(process.memoryUsage().rss);
    if (exported >= EXPORT_ROWS) break;
  }
  const exportMs = performance.now() - started;
  clearInterval(sampler);

  // Retention as the background work runs it: the events past 330 days (about 35 days' worth), 5,000 a statement.
  const retentionStarted = performance.now();
  const expired = await deleteExpiredAuditEvents(db, { retentionDays: 330, maxBatches: 1_000 });
  const retentionMs = performance.now() - retentionStarted;
  return { timed, exported, exportMs, bytes, rssBefore, peak, rssAt, expired, retentionMs };
});

const { timed, exported, exportMs, bytes, rssBefore, peak, rssAt, expired, retentionMs } = result;
const all = timed.map((r) => r.ms).sort((a, b) => a - b);
console.log(`\n${timed.length} pages of 50 through auditLogPage, 1,000,000 events in one organization:`);
console.log(`  ${"kind".padEnd(14)} ${"n".padStart(4)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)} ${"rows".padStart(6)}`);
for (const kind of [...new Set(timed.map((r) => r.kind))]) {
  const rs = timed.filter((r) => r.kind === kind);
  const ms = rs.map((r) => r.ms);
  console.log(
    `  ${kind.padEnd(14)} ${String(rs.length).padStart(4)} ${percentile(ms, 50).toFixed(1).padStart(8)} ${percentile(ms, 95).toFixed(1).padStart(8)} ${Math.max(...ms).toFixed(1).padStart(8)} ${String(Math.round(percentile(rs.map((r) => r.rows), 50))).padStart(6)}`,
  );
}
const p95 = percentile(all, 95);
const rate = exported / (exportMs / 1000);
console.log(`  all            ${String(all.length).padStart(4)} ${percentile(all, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${all.at(-1)!.toFixed(1).padStart(8)}`);
console.log(`\nExport CSV: ${exported.toLocaleString("en-US")} rows (${mb(bytes)}) in ${seconds(exportMs)} = ${Math.round(rate).toLocaleString("en-US")} rows/s; RSS ${mb(rssBefore)} before, peak ${mb(peak)} during; after each batch: ${rssAt.filter((_, i) => i % 4 === 0).map(mb).join(", ")}`);
console.log(`Retention (AUDIT_RETENTION_DAYS=330): ${expired.toLocaleString("en-US")} events deleted in ${seconds(retentionMs)}, ${Math.ceil(expired / 5_000)} statements`);
console.log(`\n| pages p95 (≤ ${PAGE_TARGET_MS} ms) | export rows/s (≥ ${EXPORT_TARGET_ROWS_PER_S.toLocaleString("en-US")}) | RSS before → peak |\n|---|---|---|`);
console.log(`| ${p95.toFixed(1)} ms | ${Math.round(rate).toLocaleString("en-US")} | ${mb(rssBefore)} → ${mb(peak)} |`);
const ok = p95 <= PAGE_TARGET_MS && rate >= EXPORT_TARGET_ROWS_PER_S;
console.log(ok ? "\nPASS" : "\nFAIL: a target was missed");
process.exit(ok ? 0 : 1);
