/**
 * `npm run bench:import` (SPEC §7): a realistic 100,000-row Portal Access CSV (as Excel saves it: UTF-8 with a BOM,
 * semicolons, CRLF; a few hundred rows with mistakes: bad emails, extensions used twice, unknown sites) imported end to
 * end on PostgreSQL through the app's own code: read and check the file as it streams (checkImportFile), then "Import
 * N members" (importMembers). In the same run, a raw `COPY` of the same valid rows into the same table with the same
 * indexes, in a second fresh database set up the same way. Prints both times and their ratio. Targets: ≤ 2 × COPY and
 * ≤ 15 s end to end; exit code 1 when one is missed. DATABASE_URL names the server, else 127.0.0.1:5432.
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
import { adminStatement, benchServer, withBenchDatabase } from "./bench-database";

const ROWS = 100_000;
const SITES = ["Downtown", "Riverside", "Hillcrest", "Harbor", "Uptown", "Airport", "Lakeside", "Old Town", "Midtown", "Eastgate"];
const TEAMS = Array.from({ length: 20 }, (_, i) => `Team ${i + 1}`);
const FIRST = ["Dana", "Tom", "Amara", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gabriel", "Hiro", "Zoë", "José", "Łukasz", "Keiko", "Noah", "Søren", "Aiko", "Wei"];
const LAST = ["Reyes", "Fischer", "Okafor", "Schmidt", "O'Brien", "Müller", "Núñez", "Søndergaard", "Tanaka", "Nguyen", "Kowalski", "García", "山田"];
const DEPARTMENTS = ["Reception", "Billing", "Clinical", "Support", "Sales"];

process.env.AUTH_SECRET ??= "bench-import-secret-not-for-production-0123456789";
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
    let siteName = SITES[n % SITES.length]!;
    if (n % 1_000 === 999) {
      email = `${ascii(first)}.${ascii(last)}.${n}@`; // no domain
      mistakes++;
    }
    if (n % 997 === 996) {
      extension = String(100_000 + n - 1); // the row above's extension again
      mistakes++;
    }
    if (n % 1_009 === 1_008) {
      siteName = "Atlantis"; // no such site
      mistakes++;
    }
    const direct = n % 3 === 0 ? `+1 415 555 ${String(n % 10_000).padStart(4, "0")}` : "";
    const department = DEPARTMENTS[n % DEPARTMENTS.length]!;
    // Excel quotes what holds the delimiter or a quote: O'Brien doesn't need it, a department with ";" would.
    lines.push([first, last, email, extension, "Member", siteName, department, TEAMS[n % TEAMS.length]!, direct].join(";"));
  }
  fs.writeFileSync(file, `\ufeff${lines.join("\r\n")}\r\n`);
  return { mistakes };
}

/** An organization with the bench's sites and teams, with the same ids in every database. */
async function setUpOrganization(db: Database, ids: { org: string; owner: string; sites: string[]; teams: string[] }) {
  await db.insert(organization).values({ id: ids.org, name: "Bench Dental", slug: `bench-${ids.org.slice(0, 8)}`, senderName: "Bench Dental" });
  await db.insert(site).values(SITES.map((name, i) => ({ id: ids.sites[i]!, organizationId: ids.org, name })));
  await db.insert(team).values(TEAMS.map((name, i) => ({ id: ids.teams[i]!, organizationId: ids.org, name })));
  const [owner] = await db
    .insert(member)
    .values({ id: ids.owner, organizationId: ids.org, firstName: "Olive", lastName: "Owner", loginName: `owner@bench-${ids.org.slice(0, 8)}`, role: "owner", status: "active", primaryEmail: "owner@bench.example.com" })
    .returning();
  return owner!;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-import-"));
const file = path.join(dir, "members.csv");
const { mistakes } = writeBenchFile(file);
const ids = { org: randomUUID(), owner: randomUUID(), sites: SITES.map(() => randomUUID()), teams: TEAMS.map(() => randomUUID()) };
console.log(`${ROWS.toLocaleString("en-US")} rows, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${mistakes} rows with a mistake on purpose`);

const result = await withBenchDatabase("gh_bench_import", async ({ db }) => {
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
  return { importMs, preview, written };
});

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
console.log(`COPY of the same ${result.written.length.toLocaleString("en-US")} rows: ${seconds(copyMs)}`);
console.log(`\n| rows | valid | with errors | import end to end | raw COPY | ratio (≤ 2) | end to end (≤ 15 s) |\n|---|---|---|---|---|---|---|`);
console.log(`| ${ROWS.toLocaleString("en-US")} | ${result.preview.valid.toLocaleString("en-US")} | ${result.preview.invalid} | ${seconds(result.importMs)} | ${seconds(copyMs)} | ${ratio.toFixed(2)} | ${seconds(result.importMs)} |`);
const ok = ratio <= 2 && result.importMs <= 15_000;
console.log(ok ? "\nPASS" : "\nFAIL: a target was missed");
process.exit(ok ? 0 : 1);
