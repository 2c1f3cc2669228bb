/**
 * `npm run bench:scim` (SPEC §4.16, §7): directory sync at an identity provider's pace, over HTTP, against `next start`
 * (run `npm run build` first) on a fresh PostgreSQL database. 10 concurrent clients, as Entra's provisioning cycle
 * sends, POST 10,000 new users (Entra's request shape: name, work email, department, externalId), then PATCH all
 * 10,000 inactive (`"op": "Replace", "path": "active", "value": "False"`). Prints requests/s and p50/p95/p99 per phase,
 * then writes the same 10,000 people with the CSV import of the same run (checkImportFile + importMembers, in a second
 * organization of the same database) and prints the ratio. Targets: p95 ≤ 100 ms and ≥ 200 requests/s in both
 * phases; exit code 1 when one is missed.
 *
 * DATABASE_URL names the server, else 127.0.0.1:5432.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { member, organization, site } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { checkImportFile, startImport } from "@/lib/imports/check-import";
import { importMembers } from "@/lib/imports/import-members";
import { createDirectoryToken } from "@/lib/scim/tokens";
import { percentile, withBenchDatabase } from "./bench-database";
import { freePort, requireProductionBuild, startNextServer } from "./bench-next-server";

process.env.AUTH_SECRET ??= "bench-scim-secret-not-for-production-0123456789";
process.env.MAIL_TRANSPORT ??= "outbox";

const USERS = 10_000;
const CLIENTS = 10;
const P95_TARGET_MS = 100;
const RATE_TARGET = 200;
const DEPARTMENTS = ["Reception", "Billing", "Clinical", "Support", "Sales"];
const FIRST = ["Dana", "Tom", "Amara", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gabriel", "Hiro", "Keiko", "Noah", "Priya", "Wei"];
const LAST = ["Reyes", "Fischer", "Okafor", "Schmidt", "Nguyen", "Tanaka", "Kowalski", "Garcia", "Patel", "Costa"];

type Person = { userName: string; externalId: string; first: string; last: string; department: string };
const people: Person[] = Array.from({ length: USERS }, (_, n) => ({
  userName: `person${n}@contoso.example`,
  externalId: randomUUID(),
  first: FIRST[n % FIRST.length]!,
  last: `${LAST[(n * 7) % LAST.length]}${n}`,
  department: DEPARTMENTS[n % DEPARTMENTS.length]!,
}));

const entraUser = (p: Person) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  externalId: p.externalId,
  userName: p.userName,
  active: true,
  emails: [{ primary: true, type: "work", value: p.userName }],
  meta: { resourceType: "User" },
  name: { formatted: `${p.first} ${p.last}`, familyName: p.last, givenName: p.first },
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: p.department },
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * The directory's HTTP client: node:http over CLIENTS kept-alive connections. It shares the machine's two cores with
 * the server and PostgreSQL, so it should take as little of them as a client can (fetch takes about twice as much).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** `work` for every item, by CLIENTS workers at once; the latency of each request, and the wall time. */
async function concurrently<T>(items: T[], work: (item: T) => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const at = performance.now();
        await work(item);
        latencies.push(performance.now() - at);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

async function setUpOrganization(db: Database, slug: string) {
  const [org] = await db.insert(organization).values({ name: `Bench ${slug}`, slug, senderName: "Bench" }).returning();
  await db.insert(site).values({ organizationId: org!.id, name: "Downtown" });
  const [owner] = await db
    .insert(member)
    .values({ organizationId: org!.id, firstName: "Olive", lastName: "Owner", loginName: `owner@${slug}`, role: "owner", status: "active", primaryEmail: `owner@${slug}.example` })
    .returning();
  return memberActorOf(db, owner!);
}

requireProductionBuild();
const result = await withBenchDatabase("gh_bench_scim", async ({ db, url }) => {
  const owner = await setUpOrganization(db, "bench-scim");
  const { token } = await createDirectoryToken({ actor: owner, name: "Microsoft Entra ID" });
  const server = await startNextServer(await freePort(), { ...process.env, DATABASE_URL: url, EMAIL_DISPATCHER: "off" });
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json", "User-Agent": "bench:scim (Entra-like)" };
  const ids = new Map<string, string>();
  const failures: string[] = [];
  try {
    // Warm-up: the routes compile their code paths on first use.
    for (let i = 0; i < 20; i++) await send(`${server.base}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "warm${i}@x"`)}`, "GET", headers);

    const created = await concurrently(people, async (p) => {
      const { status, json } = await send(`${server.base}/scim/v2/Users`, "POST", headers, JSON.stringify(entraUser(p)));
      if (status !== 201) failures.push(`POST ${status} ${json.detail ?? ""}`);
      else ids.set(p.userName, json.id as string);
    });
    console.log(`[bench:scim] ${USERS.toLocaleString("en-US")} POST /Users in ${seconds(created.wallMs)}`);

    const deactivated = await concurrently(people, async (p) => {
      const id = ids.get(p.userName);
      if (!id) return;
      const patch = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] };
      const { status, json } = await send(`${server.base}/scim/v2/Users/${id}`, "PATCH", headers, JSON.stringify(patch));
      if (status !== 200 || json.active !== false) failures.push(`PATCH ${status} ${json.detail ?? ""}`);
    });
    console.log(`[bench:scim] ${USERS.toLocaleString("en-US")} PATCH /Users/{id} in ${seconds(deactivated.wallMs)}`);
    const [counts] = await rows<{ created: number; disabled: number }>(
      db,
      sql`select count(*)::int as created, count(*) filter (where status = 'disabled')::int as disabled from member where organization_id = ${owner.organizationId} and role = 'member'`,
    );

    // The same people through the CSV import, in a second organization of the same database.
    const importer = await setUpOrganization(db, "bench-import");
    const csv = ["First name,Last name,Email,Role,Department", ...people.map((p) => `${p.first},${p.last},${p.userName},Member,${p.department}`)].join("\n");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-scim-")), "people.csv");
    fs.writeFileSync(file, csv);
    const importStarted = performance.now();
    const { jobId } = await startImport({ actor: importer, type: "portal", fileName: "people.csv", size: fs.statSync(file).size });
    const preview = await checkImportFile({ actor: importer, jobId, source: fs.createReadStream(file, { highWaterMark: 256 * 1024 }) });
    const { imported } = await importMembers({ actor: importer, jobId });
    const importMs = performance.now() - importStarted;
    if (imported !== USERS) failures.push(`import wrote ${imported} of ${USERS} (${preview.invalid} rows with errors)`);
    const [log] = await rows<{ n: number }>(db, sql`select count(*)::int as n from scim_request`);
    return { created, deactivated, counts: counts!, importMs, failures, logged: log?.n ?? 0 };
  } finally {
    agent.destroy();
    await server.stop();
  }
});

const { created, deactivated, counts, importMs, failures, logged } = result;
const line = (label: string, r: { latencies: number[]; wallMs: number }) => {
  const rate = r.latencies.length / (r.wallMs / 1000);
  console.log(
    `  ${label.padEnd(28)} ${String(r.latencies.length).padStart(6)} ${Math.round(rate).toString().padStart(9)} ${percentile(r.latencies, 50).toFixed(1).padStart(8)} ${percentile(r.latencies, 95).toFixed(1).padStart(8)} ${percentile(r.latencies, 99).toFixed(1).padStart(8)}`,
  );
  return { rate, p95: percentile(r.latencies, 95) };
};
console.log(`\n${CLIENTS} concurrent clients over HTTP (next start, PostgreSQL):`);
console.log(`  ${"phase".padEnd(28)} ${"n".padStart(6)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
const post = line("POST /Users (create)", created);
const patch = line("PATCH /Users/{id} (disable)", deactivated);
console.log(`\nIn the table: ${counts.created.toLocaleString("en-US")} members created by sync, ${counts.disabled.toLocaleString("en-US")} disabled; ${logged.toLocaleString("en-US")} requests logged.`);
console.log(`CSV import of the same ${USERS.toLocaleString("en-US")} people (check + import): ${seconds(importMs)}; SCIM creates took ${(created.wallMs / importMs).toFixed(1)} × as long (one HTTP request, transaction and audit event per person, as a directory sends them).`);
console.log(`\n| POST req/s | POST p95 | PATCH req/s | PATCH p95 | SCIM ÷ import |\n|---|---|---|---|---|`);
console.log(`| ${Math.round(post.rate)} | ${post.p95.toFixed(1)} ms | ${Math.round(patch.rate)} | ${patch.p95.toFixed(1)} ms | ${(created.wallMs / importMs).toFixed(1)} |`);
if (failures.length) console.log(`\n${failures.length} failures, e.g.:\n  ${[...new Set(failures)].slice(0, 5).join("\n  ")}`);
const ok = !failures.length && counts.created === USERS && counts.disabled === USERS && [post, patch].every((p) => p.p95 <= P95_TARGET_MS && p.rate >= RATE_TARGET);
console.log(ok ? "\nPASS" : "\nFAIL: a target was missed");
process.exit(ok ? 0 : 1);
