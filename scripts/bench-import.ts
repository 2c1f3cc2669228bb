/**
 * `npm run bench:import` (SPEC §7): a realistic 100,000-row Portal Access CSV (as Excel saves it: UTF-8 with a BOM,
 * semicolons, CRLF; a few hundred rows with mistakes: bad emails, extensions used twice, misspelt roles) imported end to
 * end on PostgreSQL through the app's own code: read and check the file as it streams (checkImportFile), then "Import
 * N members" (importMembers). In the same run, a raw `COPY` of the same valid rows into the same table with the same
 * indexes, in a second fresh database set up the same way. Prints both times and their ratio.
 *
 * Then the same file uploaded to `next start` (the production build: `npm run build` first) as a browser uploads it,
 * chunked, while another client asks for /help over and over: the page's latency during the check says whether the
 * check leaves the server responsive.
 *
 * Targets: ≤ 1.5 × COPY and ≤ 15 s end to end, /help p99 < 100 ms during the check; exit code 1 when one is missed.
 * DATABASE_URL names the server, else 127.0.0.1:5432.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase, rows, type Database } from "@/db";
import { member, organization, site, team } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { checkImportFile, startImport } from "@/lib/imports/check-import";
import { importMembers } from "@/lib/imports/import-members";
import { hashPassword } from "@/lib/passwords";
import { adminStatement, benchServer, percentile, withBenchDatabase } from "./bench-database";
import { freePort, requireProductionBuild, signInCookie, startNextServer } from "./bench-next-server";

const ROWS = 100_000;
const SITES = ["Downtown", "Riverside", "Hillcrest", "Harbor", "Uptown", "Airport", "Lakeside", "Old Town", "Midtown", "Eastgate"];
const TEAMS = Array.from({ length: 20 }, (_, i) => `Team ${i + 1}`);
const FIRST = ["Dana", "Tom", "Amara", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gabriel", "Hiro", "Zoë", "José", "Łukasz", "Keiko", "Noah", "Søren", "Aiko", "Wei"];
const LAST = ["Reyes", "Fischer", "Okafor", "Schmidt", "O'Brien", "Müller", "Núñez", "Søndergaard", "Tanaka", "Nguyen", "Kowalski", "García", "山田"];
const DEPARTMENTS = ["Reception", "Billing", "Clinical", "Support", "Sales"];

process.env.AUTH_SECRET ??= "bench-import-secret-not-for-production-0123456789";
requireProductionBuild();
const OWNER_PASSWORD = "bench owner password, long enough";
process.env.MAIL_TRANSPORT ??= "outbox";

/** A name as an address might spell it: "Zoë" → "zoe", "山田" → "x". */
const ascii = (name: string) => name.normalize("NFKD").replace(/[^A-Za-z]/g, "").toLowerCase() || "x";

/** The file and how many of its rows have a mistake on purpose. */
function writeBenchFile(file: string): { mistakes: number } {
  const lines = ["First name;Last name;Email;Extension;Role;Site;Department;Team;Direct number"];
  let mistakes = 0;
  for (let n = 0; n < ROWS; n++) {
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[(n * 7) % LAST.length]!;
    let email = `${ascii(first)}.${ascii(last)}.${n}@bench.example.com`;
    let extension = String(100_000 + n);
    let role = "Member";
    if (n % 1_000 === 999) {
      email = `${ascii(first)}.${ascii(last)}.${n}@`; // no domain
      mistakes++;
    }
    if (n % 997 === 996) {
      extension = String(100_000 + n - 1); // the row above's extension again
      mistakes++;
    }
    if (n % 1_009 === 1_008) {
      // No such role. (An unknown site is no longer a mistake for an owner: the file offers to create it.)
      role = "Memebr";
      mistakes++;
    }
    const direct = n % 3 === 0 ? `+1 415 555 ${String(n % 10_000).padStart(4, "0")}` : "";
    const department = DEPARTMENTS[n % DEPARTMENTS.length]!;
    // Excel quotes what holds the delimiter or a quote: O'Brien doesn't need it, a department with ";" would.
    lines.push([first, last, email, extension, role, SITES[n % SITES.length]!, department, TEAMS[n % TEAMS.length]!, direct].join(";"));
  }
  fs.writeFileSync(file, `\ufeff${lines.join("\r\n")}\r\n`);
  return { mistakes };
}

/** An organization with the bench's sites and teams, with the same ids in every database. */
async function setUpOrganization(db: Database, ids: { org: string; owner: string; sites: string[]; teams: string[] }, passwordHash: string | null = null) {
  await db.insert(organization).values({ id: ids.org, name: "Bench Dental", slug: `bench-${ids.org.slice(0, 8)}`, senderName: "Bench Dental" });
  await db.insert(site).values(SITES.map((name, i) => ({ id: ids.sites[i]!, organizationId: ids.org, name })));
  await db.insert(team).values(TEAMS.map((name, i) => ({ id: ids.teams[i]!, organizationId: ids.org, name })));
  const [owner] = await db
    .insert(member)
    .values({ id: ids.owner, organizationId: ids.org, firstName: "Olive", lastName: "Owner", loginName: `owner@bench-${ids.org.slice(0, 8)}`, role: "owner", status: "active", primaryEmail: "owner@bench.example.com", passwordHash })
    .returning();
  return owner!;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-import-"));
const file = path.join(dir, "members.csv");
const { mistakes } = writeBenchFile(file);
const ids = { org: randomUUID(), owner: randomUUID(), sites: SITES.map(() => randomUUID()), teams: TEAMS.map(() => randomUUID()) };
console.log(`${ROWS.toLocaleString("en-US")} rows, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${mistakes} rows with a mistake on purpose`);

const result = await withBenchDatabase("gh_bench_import", async ({ db, url }) => {
  const actor = await memberActorOf(db, await setUpOrganization(db, ids));
  const started = performance.now();
  const { jobId } = await startImport({ actor, type: "portal", fileName: "members.csv", size: fs.statSync(file).size });
  const preview = await checkImportFile({ actor, jobId, source: fs.createReadStream(file, { highWaterMark: 256 * 1024 }) });
  const checkedAt = performance.now();
  const { imported } = await importMembers({ actor, jobId });
  const importMs = performance.now() - started;
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from member where organization_id = ${ids.org} and created_by_id = ${ids.owner}`);
  if (imported !== preview.valid || count!.n !== imported) throw new Error(`imported ${imported}, valid ${preview.valid}, in the table ${count!.n}`);
  console.log(`import: checked in ${seconds(checkedAt - started)} (${preview.valid.toLocaleString("en-US")} valid, ${preview.invalid} rows with errors), written in ${seconds(importMs - (checkedAt - started))}`);

  // The same rows, as the import wrote them, for COPY.
  const written = await rows<Record<string, string | boolean | null>>(
    db,
    sql`select extension, first_name, last_name, login_name, role, site_id, department, team_id, direct_number, portal_access, status, primary_email
        from member where organization_id = ${ids.org} and created_by_id = ${ids.owner}`,
  );
  const help = await helpDuringCheck(db, url);
  return { importMs, preview, written, help };
});

async function timedHelp(base: string): Promise<number> {
  const asked = performance.now();
  const response = await fetch(`${base}/help`);
  await response.text();
  if (!response.ok) throw new Error(`/help answered ${response.status}`);
  return performance.now() - asked;
}

/**
 * The file's check as the Import page runs it: uploaded chunked to `next start`, for a second organization of the same
 * database, while /help is asked for one request after another. Returns /help's latencies during the check.
 */
async function helpDuringCheck(db: Database, url: string) {
  const other = { org: randomUUID(), owner: randomUUID(), sites: SITES.map(() => randomUUID()), teams: TEAMS.map(() => randomUUID()) };
  const owner = await setUpOrganization(db, other, await hashPassword(OWNER_PASSWORD));
  const server = await startNextServer(await freePort(), { ...process.env, DATABASE_URL: url, EMAIL_DISPATCHER: "off" });
  try {
    const cookie = await signInCookie(server.base, owner.loginName!, OWNER_PASSWORD);
    for (let i = 0; i < 20; i++) await (await fetch(`${server.base}/help`)).text(); // the page warm, as on a server that has been serving
    const atRest: number[] = [];
    for (let i = 0; i < 50; i++) atRest.push(await timedHelp(server.base));
    const { jobId } = await startImport({ actor: await memberActorOf(db, owner), type: "portal", fileName: "members.csv", size: fs.statSync(file).size });
    let checking = true;
    const started = performance.now();
    const upload = fetch(`${server.base}/api/imports/${jobId}`, {
      method: "PUT",
      headers: { cookie, "content-type": "text/csv" },
      body: Readable.toWeb(fs.createReadStream(file, { highWaterMark: 64 * 1024 })) as ReadableStream,
      duplex: "half", // no Content-Length: sent chunked, as a browser streams a large file
    } as RequestInit).then(async (response) => ({ status: response.status, body: (await response.json()) as { valid?: number; error?: string } }));
    void upload.finally(() => (checking = false));
    const latencies: number[] = [];
    while (checking) latencies.push(await timedHelp(server.base));
    const checked = await upload;
    if (checked.status !== 200) throw new Error(`the upload answered ${checked.status}: ${checked.body.error}`);
    return { latencies, atRest, checkMs: performance.now() - started, valid: checked.body.valid ?? 0 };
  } finally {
    await server.stop();
  }
}

// A raw COPY of the same rows into a second fresh database set up the same way: same table, same indexes, same size.
const copyName = `gh_bench_import_copy_${Date.now()}_${process.pid}`;
await adminStatement(`CREATE DATABASE ${copyName}`);
const copyUrl = new URL(`/${copyName}`, benchServer()).toString();
let copyMs = 0;
try {
  const handle = await openDatabase({ url: copyUrl });
  await setUpOrganization(handle.db, ids);
  await handle.close();
  const csvCell = (v: string | boolean | null) => (v === null ? "" : `"${String(v).replace(/"/g, '""')}"`);
  const csv = result.written.map((r) => [ids.org, ...Object.values(r), ids.owner].map(csvCell).join(",")).join("\n") + "\n";
  const client = new pg.Client({ connectionString: copyUrl });
  await client.connect();
  const started = performance.now();
  await pipeline(
    Readable.from([csv]),
    client.query(
      copyFrom(
        "COPY member (organization_id, extension, first_name, last_name, login_name, role, site_id, department, team_id, direct_number, portal_access, status, primary_email, created_by_id) FROM STDIN WITH (FORMAT csv)",
      ),
    ),
  );
  copyMs = performance.now() - started;
  await client.end();
} finally {
  await adminStatement(`DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

const ratio = result.importMs / copyMs;
const { latencies, atRest, checkMs } = result.help;
const helpP99 = percentile(latencies, 99);
console.log(`COPY of the same ${result.written.length.toLocaleString("en-US")} rows: ${seconds(copyMs)}`);
console.log(`/help at rest: p50 ${percentile(atRest, 50).toFixed(1)} ms, p99 ${percentile(atRest, 99).toFixed(1)} ms`);
console.log(
  `/help during the check over HTTP (next start, chunked upload, ${seconds(checkMs)}): ${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${helpP99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
);
console.log(`\n| rows | valid | with errors | import end to end | raw COPY | ratio (≤ 1.5) | end to end (≤ 15 s) | /help p99 during the check (< 100 ms) |\n|---|---|---|---|---|---|---|---|`);
console.log(`| ${ROWS.toLocaleString("en-US")} | ${result.preview.valid.toLocaleString("en-US")} | ${result.preview.invalid} | ${seconds(result.importMs)} | ${seconds(copyMs)} | ${ratio.toFixed(2)} | ${seconds(result.importMs)} | ${helpP99.toFixed(1)} ms |`);
const ok = ratio <= 1.5 && result.importMs <= 15_000 && helpP99 < 100;
console.log(ok ? "\nPASS" : "\nFAIL: a target was missed");
process.exit(ok ? 0 : 1);
