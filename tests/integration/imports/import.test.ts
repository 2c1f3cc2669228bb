import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, importRow, job, member, site, team } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { createPlace } from "@/lib/organizations/places";
import { checkImportFile, discardImport, errorRowsOf, MAX_IMPORT_BYTES, ImportFileError, importPreview, importProgress, startImport } from "@/lib/imports/check-import";
import type { ImportType } from "@/lib/imports/columns";
import { importMembers } from "@/lib/imports/import-members";
import { sampleFile } from "@/lib/imports/sample";
import { toCsv } from "@/lib/imports/write-csv";
import type { MemberActor } from "@/lib/actor";
import { createMember, seedOrganization, type SeededOrganization } from "@/tests/factories";

/**
 * CSV import (SPEC §4.5) through the app's own verbs, on a real database: the check writes nothing but its job and
 * what the preview shows; "Import N members" writes every valid row in one transaction, or none of them.
 */

const PORTAL_HEADER = "First name,Last name,Email,Extension,Role,Site,Department,Team,Direct number";

/** The file's bytes as an upload streams them in: in small chunks. */
async function* upload(content: string | Buffer, { chunk = 64, failAfter }: { chunk?: number; failAfter?: number } = {}) {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  for (let at = 0; at < bytes.length; at += chunk) {
    if (failAfter !== undefined && at >= failAfter) throw new Error("the connection was closed");
    yield bytes.subarray(at, at + chunk);
  }
}

async function check(actor: MemberActor, content: string | Buffer, type: ImportType = "portal", options: { failAfter?: number } = {}) {
  const { jobId } = await startImport({ actor, type, fileName: "people.csv", size: Buffer.byteLength(content) });
  const outcome = await checkImportFile({ actor, jobId, source: upload(content, options) }).then(
    (preview) => ({ preview, error: null }),
    (error: unknown) => ({ preview: null, error }),
  );
  return { jobId, ...outcome };
}

async function membersOf(org: SeededOrganization) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(member).where(eq(member.organizationId, org.organization.id));
  return row!.n;
}

const unique = () => String(100_000 + Math.floor(Math.random() * 800_000));

describe("checking a file (nothing is written)", () => {
  it("[Office Manager] a clean file: every row ready, login names as on Create, the organization unchanged", async () => {
    const org = await seedOrganization();
    const [a, b] = [unique(), unique()];
    const file = `${PORTAL_HEADER}\nDana,Reyes,Dana@Example.test,${a},Member,Main office,Reception,Alpha,+1 415 555 0123\nTom,Fischer,tom@example.test,${b},,,,No Team,\n`;
    const before = await membersOf(org);
    const { preview, error } = await check(org.actors.admin, file);
    expect(error).toBeNull();
    expect(preview).toMatchObject({ valid: 2, invalid: 0, errors: [], errorCount: 0 });
    expect(preview!.sample).toEqual([
      expect.objectContaining({ first_name: "Dana", primary_email: "dana@example.test", extension: a, login_name: `${a}@${org.organization.slug}`, site_id: org.sites.main.id, team_id: org.teams.alpha.id, direct_number: "+14155550123", role: "member", portal_access: true }),
      expect.objectContaining({ first_name: "Tom", extension: b, site_id: null, team_id: null, direct_number: null }),
    ]);
    expect(await membersOf(org)).toBe(before);
  });

  it("[Office Manager] every error of every row, with its line and column; duplicates in the file and in the organization", async () => {
    const org = await seedOrganization();
    await createMember(org.organization.id, { extension: "201" });
    const x = unique();
    const file = [
      PORTAL_HEADER,
      `Dana,Reyes,not-an-email,${x},Member,Main office,,,`, // line 2: bad email
      `Tom,,tom@example.test,${x},Member,Atlantis,,Gamma,12`, // line 3: no last name, duplicate extension, unknown site and team, bad number
      `Ines,Moreau,ines@example.test,201,Member,,,,`, // line 4: extension in use
      `"Quoted, Name",Smith,q@example.test,${unique()},Member,,,,,extra`, // line 5: an extra value
      `"=HYPERLINK(""http://evil.test"")",Formula,f@example.test,${unique()},Owner,,,,`, // line 6: a role an admin can't give
      `${"N".repeat(10_000)},Long,long@example.test,${unique()},,,,,`, // line 7: a 10,000-character name
      `Ok,Person,ok@example.test,${unique()},,,,,`, // line 8: fine
    ].join("\r\n");
    const { preview, error } = await check(org.actors.admin, file);
    expect(error).toBeNull();
    expect(preview).toMatchObject({ valid: 1, invalid: 6 });
    const where = preview!.errors.map((e) => `${e.line} ${e.column}`);
    expect(where).toEqual([
      "2 Email",
      "3 Last name",
      "3 Extension",
      "3 Direct number",
      "4 Extension",
      "5 Whole row",
      "6 Role",
      "7 First name",
    ]);
    expect(preview!.errors.find((e) => e.line === 3 && e.column === "Extension")!.message).toBe(`Extension ${x} is also on line 2 of this file.`);
    expect(preview!.errors.find((e) => e.line === 4)!.message).toBe("Extension 201 is already in use in your organization.");
    expect(preview!.errors.find((e) => e.line === 7)!.message).toMatch(/at most 100 characters/);
    // Atlantis and Gamma would be new places, but only a row that will be imported brings one.
    expect(preview!.newPlaces).toEqual({ sites: [], teams: [] });

    // The download has the file's columns, an Errors column, and only the rows with errors, as they were.
    const download = await errorRowsOf(await getDb(), org.actors.admin, preview!.jobId);
    expect(download.header).toEqual([...PORTAL_HEADER.split(","), "Errors"]);
    expect(download.rows).toHaveLength(6);
    expect(download.rows[4]![0]).toBe('=HYPERLINK("http://evil.test")');
    expect(toCsv(download.header, download.rows)).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
  });

  it("[Office Manager] a control character or a text-direction override in a cell is that row's error, never a server error", async () => {
    const org = await seedOrganization();
    const file = [
      PORTAL_HEADER,
      `Da\u001Bna,Reyes,dana.${unique()}@example.test,${unique()},Member,,,,`,
      `Eve,\u202Etxt.exe,eve.${unique()}@example.test,${unique()},Member,,Ops\u0007,,`,
      `Ok,Person,ok.${unique()}@example.test,${unique()},,,,,`,
    ].join("\r\n");
    const { preview, error } = await check(org.actors.admin, file);
    expect(error).toBeNull();
    expect(preview).toMatchObject({ valid: 1, invalid: 2 });
    expect(preview!.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      "2 First name: Remove the hidden control characters (such as a tab or a line break) from the first name.",
      "3 Last name: Remove the hidden characters that change the direction of the text from the last name.",
      "3 Department: Remove the hidden control characters (such as a tab or a line break) from the department.",
    ]);
  });

  it("[Office Manager] a line break typed inside a cell (Excel's Alt+Enter) or a tab reads as a space", async () => {
    const org = await seedOrganization();
    const email = `multi.${unique()}@example.test`;
    const file = [PORTAL_HEADER, `"Anna\tMaria","Lopez",${email},${unique()},Member,,"Front\r\n Desk",,`].join("\r\n");
    const { preview, error } = await check(org.actors.admin, file);
    expect(error).toBeNull();
    expect(preview).toMatchObject({ valid: 1, invalid: 0 });
    expect(preview!.sample[0]).toMatchObject({ first_name: "Anna Maria", last_name: "Lopez", department: "Front Desk" });
  });

  it("[Office Manager] members without an extension get name-based login names, numbered when taken", async () => {
    const org = await seedOrganization();
    await createMember(org.organization.id, { loginName: `dana.reyes@${org.organization.slug}` });
    const file = `${PORTAL_HEADER}\nDana,Reyes,d1@example.test,,,,,,\nDana,Reyes,d2@example.test,,,,,,\n`;
    const { preview } = await check(org.actors.admin, file);
    expect(preview!.sample.map((m) => m.login_name)).toEqual([`dana.reyes2@${org.organization.slug}`, `dana.reyes3@${org.organization.slug}`]);
  });

  it("[Site Manager] rows on another site, and roles they can't give, are errors; their own site is fine", async () => {
    const org = await seedOrganization();
    const file = `${PORTAL_HEADER}\nA,One,a@example.test,${unique()},Member,Main office,,,\nB,Two,b@example.test,${unique()},Member,Branch office,,,\nC,Three,c@example.test,${unique()},Office Manager,Main office,,,\nD,Four,d@example.test,${unique()},Member,,,,\n`;
    const { preview } = await check(org.actors.siteManager, file);
    expect(preview).toMatchObject({ valid: 1, invalid: 3 });
    expect(preview!.errors.map((e) => `${e.line} ${e.column}`)).toEqual(["3 Site", "4 Role", "5 Site"]);
  });

  it("[Office Manager] No Portal Access: no email, no login name, no role column", async () => {
    const org = await seedOrganization();
    const { preview } = await check(org.actors.admin, `First name,Last name,Extension,Site,Department,Team,Direct number\nLobby,Phone,${unique()},Main office,Facilities,,\n`, "no-portal");
    expect(preview!.sample).toEqual([expect.objectContaining({ first_name: "Lobby", portal_access: false, login_name: null, primary_email: null, role: "member" })]);
  });

  it("the sample file of each user type imports cleanly", async () => {
    const org = await seedOrganization();
    for (const type of ["portal", "no-portal"] as const) {
      const sample = await sampleFile(await getDb(), org.actors.admin, type);
      const { preview } = await check(org.actors.admin, toCsv(sample.header, sample.rows), type);
      expect(preview).toMatchObject({ valid: 2, invalid: 0 });
    }
  });

  it.each([
    ["an empty file", "", /The file is empty/],
    ["only the column names", `${PORTAL_HEADER}\n`, /no members/],
    ["wrong columns", "Name,Phone\nDana,123\n", /columns of this file don't match.*First name/],
    ["a No Portal Access file as Portal Access", "First name,Last name,Extension,Site,Department,Team,Direct number\nA,B,2001,,,,\n", /Is this a No Portal Access file\?/],
    ["an Excel workbook", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), /Excel workbook/],
    ["invalid UTF-8", Buffer.concat([Buffer.from(`${PORTAL_HEADER}\nDana,Re`), Buffer.from([0xc3, 0x28]), Buffer.from("yes,d@example.test,,,,,,\n")]), /aren't UTF-8 text/],
  ])("[Office Manager] %s gets one clear message and writes nothing", async (_name, content, message) => {
    const org = await seedOrganization();
    const before = await membersOf(org);
    const { jobId, error } = await check(org.actors.admin, content);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(message);
    expect(await membersOf(org)).toBe(before);
    expect(await importProgress(await getDb(), org.actors.admin, jobId)).toMatchObject({ phase: "failed", error: (error as Error).message });
  });

  it("[Office Manager] a chunked upload (no size given) is refused as soon as it passes 40 MB, the rest never read", async () => {
    const org = await seedOrganization();
    const line = `Sam,Same,sam@example.test,,Member,,${"d".repeat(400)},,\n`; // 400 characters: too long a department
    let sent = 0;
    async function* endless() {
      yield Buffer.from(`${PORTAL_HEADER}\n`);
      const chunk = Buffer.from(line.repeat(128)); // about 54 kB, as a browser sends it
      for (;;) {
        sent += chunk.length;
        yield chunk;
      }
    }
    const { jobId } = await startImport({ actor: org.actors.admin, type: "portal", fileName: "huge.csv", size: 0 });
    const error = await checkImportFile({ actor: org.actors.admin, jobId, source: endless() }).then(() => null, (e: unknown) => e);
    expect((error as Error).message).toBe("The file is larger than 40 MB, the most one import takes. Split it into smaller files.");
    expect(sent).toBeLessThan(MAX_IMPORT_BYTES + 256 * 1024);
    expect(await importProgress(await getDb(), org.actors.admin, jobId)).toMatchObject({ phase: "failed" });
    expect(await stagedRows(jobId)).toBe(0);
  });

  it("[Office Manager] an upload cut off midway is cancelled, and nothing is imported", async () => {
    const org = await seedOrganization();
    const rows = Array.from({ length: 200 }, (_, i) => `P${i},Person,p${i}@example.test,${300_000 + i},,,,,`).join("\n");
    const { jobId, error } = await check(org.actors.admin, `${PORTAL_HEADER}\n${rows}\n`, "portal", { failAfter: 2_000 });
    expect((error as Error).message).toMatch(/cancelled/);
    const db = await getDb();
    const [cancelled] = await db.select({ status: job.status }).from(job).where(eq(job.id, jobId));
    expect(cancelled!.status).toBe("cancelled");
    await expect(importMembers({ actor: org.actors.admin, jobId })).rejects.toBeInstanceOf(ConflictError);
    expect(await stagedRows(jobId)).toBe(0);
  });
});

async function stagedRows(jobId: string) {
  const [row] = await (await getDb()).select({ n: count() }).from(importRow).where(eq(importRow.jobId, jobId));
  return row!.n;
}

describe("the checked rows, between the check and the import", () => {
  it("[Office Manager] wait beside the preview, and are gone once imported or set aside", async () => {
    const org = await seedOrganization();
    const file = (n: number, from: number) => `${PORTAL_HEADER}\n${Array.from({ length: n }, (_, i) => `P${i},Person,p${i}@example.test,${from + i},,,,,`).join("\n")}\n`;
    const kept = await check(org.actors.admin, file(4_500, 1_000_000)); // more than one batch
    expect(await stagedRows(kept.jobId)).toBe(4_500);
    await importMembers({ actor: org.actors.admin, jobId: kept.jobId });
    expect(await stagedRows(kept.jobId)).toBe(0);

    const setAside = await check(org.actors.admin, file(3, 2_000_000));
    expect(await stagedRows(setAside.jobId)).toBe(3);
    await discardImport(await getDb(), org.actors.admin, setAside.jobId);
    expect(await stagedRows(setAside.jobId)).toBe(0);
  });

  it("[Office Manager] lost since the check (a database restored from a backup): nothing is imported, and the page says to upload again", async () => {
    const org = await seedOrganization();
    const { jobId } = await check(org.actors.admin, `${PORTAL_HEADER}\nDana,Reyes,dana.${unique()}@example.test,${unique()},,,,,\n`);
    await (await getDb()).delete(importRow).where(eq(importRow.jobId, jobId));
    const before = await membersOf(org);
    await expect(importMembers({ actor: org.actors.admin, jobId })).rejects.toThrow("This file's checked rows are no longer here. Nothing was imported: upload the file again.");
    expect(await membersOf(org)).toBe(before);
  });
});

describe("Import N members", () => {
  it("[Office Manager] writes every valid row in one go, Pending, audited once with the file's name and counts", async () => {
    const org = await seedOrganization();
    const [a, b] = [unique(), unique()];
    const { preview } = await check(org.actors.admin, `${PORTAL_HEADER}\nDana,Reyes,dana@example.test,${a},,,,,\nTom,Fischer,tom@example.test,${b},,,,,\nBad,Row,nope,${unique()},,,,,\n`);
    const { imported, memberIds } = await importMembers({ actor: org.actors.admin, jobId: preview!.jobId });
    expect(imported).toBe(2);
    const db = await getDb();
    const written = await db.select().from(member).where(and(eq(member.organizationId, org.organization.id), eq(member.createdById, org.members.admin.id)));
    expect(written.map((m) => m.id).sort()).toEqual([...memberIds].sort());
    expect(written.map((m) => [m.extension, m.status, m.loginName]).sort()).toEqual(
      [
        [a, "pending", `${a}@${org.organization.slug}`],
        [b, "pending", `${b}@${org.organization.slug}`],
      ].sort(),
    );
    expect(await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.organization.id), eq(auditEvent.action, "member.import")))).toEqual([
      expect.objectContaining({ actorMemberId: org.members.admin.id, targetId: preview!.jobId, details: { fileName: "people.csv", userType: "Portal Access", imported: 2, rowsWithErrors: 1 } }),
    ]);
    expect(await importProgress(db, org.actors.admin, preview!.jobId)).toMatchObject({ phase: "imported", imported: 2 });
    // Twice is once: the second click finds it imported.
    await expect(importMembers({ actor: org.actors.admin, jobId: preview!.jobId })).rejects.toThrow("This file was already imported.");
  });

  it("[Office Manager] someone taking one of the file's extensions since the check stops the whole import, nothing written", async () => {
    const org = await seedOrganization();
    const [a, b] = [unique(), unique()];
    const { preview } = await check(org.actors.admin, `${PORTAL_HEADER}\nDana,Reyes,dana@example.test,${a},,,,,\nTom,Fischer,tom@example.test,${b},,,,,\n`);
    await createMember(org.organization.id, { extension: b });
    const before = await membersOf(org);
    await expect(importMembers({ actor: org.actors.admin, jobId: preview!.jobId })).rejects.toThrow(/Nothing was imported/);
    expect(await membersOf(org)).toBe(before);
    // The preview is offered again, to check the file anew.
    expect(await importPreview(await getDb(), org.actors.admin, preview!.jobId)).toMatchObject({ valid: 2 });
  });

  it("[Office Manager] another organization's manager can't see, download or import someone else's file", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const { preview } = await check(org.actors.admin, `${PORTAL_HEADER}\nDana,Reyes,dana@example.test,${unique()},,,,,\n`);
    const db = await getDb();
    await expect(importMembers({ actor: other.actors.admin, jobId: preview!.jobId })).rejects.toThrow(/doesn't exist or isn't yours/);
    await expect(errorRowsOf(db, other.actors.admin, preview!.jobId)).rejects.toThrow(/doesn't exist or isn't yours/);
    await expect(importProgress(db, other.actors.owner, preview!.jobId)).rejects.toThrow(/doesn't exist or isn't yours/);
    // The owner of the same organization may follow it, but only the manager who uploaded it imports it.
    expect(await importProgress(db, org.actors.owner, preview!.jobId)).toMatchObject({ phase: "ready" });
    await expect(importMembers({ actor: org.actors.owner, jobId: preview!.jobId })).rejects.toThrow(/doesn't exist or isn't yours/);
  });
});

describe("a file naming sites and teams the organization doesn't have (SPEC §4.15)", () => {
  const placesOf = async (org: SeededOrganization) => {
    const db = await getDb();
    const [sites, teams] = await Promise.all([
      db.select({ id: site.id, name: site.name }).from(site).where(eq(site.organizationId, org.organization.id)),
      db.select({ id: team.id, name: team.name }).from(team).where(eq(team.organizationId, org.organization.id)),
    ]);
    return { sites: sites.map((s) => s.name).sort(), teams: teams.map((t) => t.name).sort() };
  };
  const file = () =>
    [
      PORTAL_HEADER,
      `Dana,Reyes,dana@example.test,${unique()},,Lakeside,,Night shift,`,
      `Tom,Fischer,tom@example.test,${unique()},,LAKESIDE,,alpha,`,
      `Ines,Moreau,ines@example.test,${unique()},,Hillcrest,,,`,
      `Omar,Haddad,omar@example.test,${unique()},,main OFFICE,,,`,
      `Bad,Row,not-an-email,${unique()},,Nowhere,,,`,
    ].join("\n");

  it("[Office Manager] the preview lists each new one once, creates nothing, and shows the rows with their names", async () => {
    const org = await seedOrganization();
    const before = await placesOf(org);
    const { preview } = await check(org.actors.admin, file());
    expect(preview).toMatchObject({ valid: 4, invalid: 1 });
    expect(preview!.newPlaces.sites.map((p) => p.name)).toEqual(["Hillcrest", "Lakeside"]);
    expect(preview!.newPlaces.teams.map((p) => p.name)).toEqual(["Night shift"]);
    expect(preview!.sample.map((m) => [m.first_name, m.site, m.team])).toEqual([
      ["Dana", "Lakeside", "Night shift"],
      ["Tom", "Lakeside", "Alpha"],
      ["Ines", "Hillcrest", null],
      ["Omar", "Main office", null],
    ]);
    expect(await placesOf(org)).toEqual(before);
    // After a reload the preview says the same.
    expect((await importPreview(await getDb(), org.actors.admin, preview!.jobId))!.newPlaces).toEqual(preview!.newPlaces);
  });

  it('[Office Manager] is imported only as "Create them and import": places first, then members, in one transaction, each audited', async () => {
    const org = await seedOrganization();
    const { preview } = await check(org.actors.admin, file());
    await expect(importMembers({ actor: org.actors.admin, jobId: preview!.jobId })).rejects.toThrow(
      '2 sites and 1 team in this file don\'t exist yet. Choose "Create them and import" to add them with the members.',
    );
    const result = await importMembers({ actor: org.actors.admin, jobId: preview!.jobId, createPlaces: true });
    expect(result).toMatchObject({ imported: 4, createdPlaces: { sites: 2, teams: 1 } });
    expect(await placesOf(org)).toEqual({ sites: ["Branch office", "Hillcrest", "Lakeside", "Main office"], teams: ["Alpha", "Beta", "Night shift"] });
    const db = await getDb();
    const [lakeside] = await db.select().from(site).where(and(eq(site.organizationId, org.organization.id), eq(site.name, "Lakeside")));
    const placed = await db.select({ first: member.firstName, siteId: member.siteId }).from(member).where(eq(member.siteId, lakeside!.id));
    expect(placed.map((m) => m.first).sort()).toEqual(["Dana", "Tom"]);
    const events = await db.select().from(auditEvent).where(eq(auditEvent.organizationId, org.organization.id));
    expect(events.filter((e) => e.action === "site.create").map((e) => (e.details as { name: string }).name).sort()).toEqual(["Hillcrest", "Lakeside"]);
    expect(events.filter((e) => e.action === "team.create")).toHaveLength(1);
    expect(events.find((e) => e.action === "member.import")!.details).toMatchObject({ imported: 4, createdSites: ["Hillcrest", "Lakeside"], createdTeams: ["Night shift"] });
  });

  it("[Office Manager] a site of the same name created since the check takes the file's members; nothing is doubled", async () => {
    const org = await seedOrganization();
    const { preview } = await check(org.actors.admin, file());
    const made = await createPlace({ actor: org.actors.owner, kind: "site", name: "lakeside" });
    await importMembers({ actor: org.actors.admin, jobId: preview!.jobId, createPlaces: true });
    expect((await placesOf(org)).sites).toEqual(["Branch office", "Hillcrest", "Main office", "lakeside"]);
    const db = await getDb();
    expect((await db.select({ first: member.firstName }).from(member).where(eq(member.siteId, made.id))).map((m) => m.first).sort()).toEqual(["Dana", "Tom"]);
  });

  it("[Office Manager] who is no longer allowed to create places by the time of the import is refused, nothing written", async () => {
    const org = await seedOrganization();
    const { preview } = await check(org.actors.admin, file());
    const db = await getDb();
    const [demoted] = await db.update(member).set({ role: "site_manager" }).where(eq(member.id, org.members.admin.id)).returning();
    const before = await membersOf(org);
    await expect(importMembers({ actor: await memberActorOf(db, demoted!), jobId: preview!.jobId, createPlaces: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await membersOf(org)).toBe(before);
    expect((await placesOf(org)).sites).toEqual(["Branch office", "Main office"]);
  });

  it("[Site Manager] may not create places: a site the organization doesn't have is that row's error, as before", async () => {
    const org = await seedOrganization();
    const { preview } = await check(org.actors.siteManager, `${PORTAL_HEADER}\nA,One,a@example.test,${unique()},Member,Lakeside,,,\nB,Two,b@example.test,${unique()},Member,Main office,,Night shift,\n`);
    expect(preview).toMatchObject({ valid: 0, invalid: 2, newPlaces: { sites: [], teams: [] } });
    expect(preview!.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '2 Site: There is no site named "Lakeside". Use one of: Branch office, Main office.',
      '3 Team: There is no team named "Night shift". Use one of: Alpha, Beta, or No Team.',
    ]);
  });
});
