/**
 * `npm run bench:bulk-send` (SPEC §7): bulk "Send Welcome Email" to 10,000 pending members on PostgreSQL, through the
 * domain verb the server action calls (sendLinkEmails with the selection "all N matching" of the Pending filter):
 * the time until it returns with the job, 10,000 tokens, 10,000 emails in the outbox (queued with their props; the
 * dispatcher renders them), the "Confirmation sent" stamps and the send's audit event committed. Runs it 5 times (each a real resend: the earlier links are revoked) after
 * a warm-up, and prints each time, the median and the worst. Target: ≤ 2 s. Exit code 1 when the median misses it.
 *
 * Run as `npm run bench:bulk-send` (NODE_ENV=production, as `next start` runs the action, so React renders in its
 * production build). DATABASE_URL names the PostgreSQL server, else 127.0.0.1:5432; a fresh database is dropped after.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { member, organization } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { parseUsersQuery } from "@/lib/members/users-query";
import { sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { percentile, withBenchDatabase } from "./bench-database";

const MEMBERS = 10_000;
const RUNS = 5;
const TARGET_MS = 2_000;

process.env.AUTH_SECRET ??= "bench-bulk-send-secret-not-for-production-0123456789";
process.env.MAIL_TRANSPORT ??= "outbox";

const FIRST = ["Dana", "Tom", "Amara", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gabriel", "Hiro", "Zoë", "José", "Łukasz"];
const LAST = ["Reyes", "Fischer", "Okafor", "Schmidt", "O'Brien", "Müller", "Núñez", "Søndergaard", "Tanaka", "Nguyen"];

const ok = await withBenchDatabase("gh_bench_bulk_send", async ({ db }) => {
  const [org] = await db.insert(organization).values({ name: "Bench Dental", slug: "bench", senderName: "Bench Dental", defaultTimeZone: "America/New_York" }).returning();
  const [owner] = await db
    .insert(member)
    .values({ organizationId: org!.id, firstName: "Olive", lastName: "Owner", loginName: "owner@bench", role: "owner", status: "active", primaryEmail: "owner@bench.example.com" })
    .returning();
  // 10,000 pending members as Create or an import leaves them: extension, name, email, some with a direct number.
  const ids = Array.from({ length: MEMBERS }, () => randomUUID());
  await db.execute(sql`
    insert into member (id, organization_id, extension, first_name, last_name, login_name, primary_email, direct_number, status, time_zone, language)
    select id, ${org!.id}::uuid, (10000 + n)::text, (${sql.param(FIRST)}::text[])[1 + n % ${FIRST.length}], (${sql.param(LAST)}::text[])[1 + n % ${LAST.length}],
           (10000 + n) || '@bench', 'person' || n || '@bench.example.com', case when n % 4 = 0 then '+1415555' || lpad((n % 10000)::text, 4, '0') end,
           'pending', 'America/New_York', case when n % 10 = 0 then 'es' else 'en' end
    from unnest(${sql.param(ids)}::uuid[]) with ordinality as m(id, n)`);
  const actor = await memberActorOf(db, owner!);
  const everyPending = { kind: "query" as const, query: parseUsersQuery({ status: "pending" }) };

  // Warm-up: the code paths, the renderer and the database's caches, on a few members.
  await sendLinkEmails({ actor, selection: { kind: "ids", ids: ids.slice(0, 50) }, purpose: "invite" });

  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    const result = await sendLinkEmails({ actor, selection: everyPending, purpose: "invite" });
    const ms = performance.now() - started;
    times.push(ms);
    const [open] = await rows<{ n: number }>(db, sql`select count(*)::int as n from token where purpose = 'invite' and used_at is null and revoked_at is null`);
    if (result.queued !== MEMBERS || open!.n !== MEMBERS) throw new Error(`run ${run}: queued ${result.queued}, open links ${open!.n}`);
    console.log(`run ${run}: ${ms.toFixed(0)} ms for ${result.queued.toLocaleString("en-US")} welcome emails (tokens, outbox rows, stamps, audit event)`);
  }
  const [counts] = await rows<{ emails: number; tokens: number; audits: number }>(
    db,
    sql`select (select count(*)::int from email_message) as emails, (select count(*)::int from token) as tokens,
               (select count(*)::int from audit_event where action in ('member.welcome-sent', 'members.welcome-sent')) as audits`,
  );
  const median = percentile(times, 50);
  console.log(`\nwritten in all: ${counts!.emails} emails, ${counts!.tokens} tokens, ${counts!.audits} audit events (one per send)`);
  console.log(`\n| members | runs | median | worst | target |\n|---|---|---|---|---|\n| ${MEMBERS.toLocaleString("en-US")} | ${RUNS} | ${(median / 1000).toFixed(2)} s | ${(Math.max(...times) / 1000).toFixed(2)} s | ≤ ${TARGET_MS / 1000} s |`);
  return median <= TARGET_MS;
});
console.log(ok ? "\nPASS: the median bulk send returns within 2 s" : "\nFAIL: the median bulk send takes longer than 2 s");
process.exit(ok ? 0 : 1);
