import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, formAlert, mailboxEmails, screenshot, signIn, tabTo, toast } from "./helpers";

/**
 * Users → "Import" (SPEC §4.5, seed 004) on a demo organization of its own. Every file is built here with random
 * 6-digit extensions and random names (demo extensions have 3 digits), so tests don't depend on each other or on
 * their order; the sample file brings its own free extensions. The Import page brings back a manager's preview that
 * was never imported (after a reload, say), so each test starts by setting such a leftover aside.
 */

const OFFICE_MANAGER = "101@demo";
const SITE_MANAGER = "110@demo"; // manages Downtown only
const WELCOME = "Your account has been created!";
/** The sample files' header rows (lib/imports/columns.ts). */
const PORTAL_HEADER = "First name,Last name,Email,Extension,Role,Site,Department,Team,Direct number";
const NO_PORTAL_HEADER = "First name,Last name,Extension,Site,Department,Team,Direct number";
const FORMULA = '=HYPERLINK("http://evil.test","x")';

type UserType = "Portal Access" | "No Portal Access";

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const uniqueExtension = () => String(100_000 + Math.floor(Math.random() * 900_000));
/** Letters only, so the Users tab's search box treats it as a name. */
const uniqueWord = (prefix: string) => prefix + Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");
const rowOf = (page: Page, extension: string) => page.getByRole("table").locator("tbody tr").filter({ has: page.getByRole("cell", { name: extension, exact: true }) });

/** The radio of a user type: its label also holds a hint, and "No Portal Access" contains "Portal Access". */
const typeRadio = (page: Page, type: UserType) => page.getByRole("radio", { name: new RegExp(`^${type}`) });
/** The real file input, visually hidden inside its "Choose a CSV file" label. */
const fileInput = (page: Page) => page.getByLabel("Choose a CSV file");
const sampleLink = (page: Page) => page.getByRole("link", { name: "Download sample file" });
const importButton = (page: Page, count: number) => page.getByRole("button", { name: `Import ${count} ${count === 1 ? "member" : "members"}`, exact: true });
const errorTable = (page: Page) => page.getByRole("table", { name: /^What to fix/ });
/** The preview's row of a member to import, by extension. */
const previewRow = (page: Page, extension: string) => page.getByRole("table", { name: "The members to import" }).getByRole("row").filter({ hasText: extension });

/** A person of a file: unique name and extension, an email address made of them. */
function person(prefix = "Ana") {
  const first = uniqueWord(prefix);
  const last = uniqueWord("Test");
  return { first, last, name: `${first} ${last}`, extension: uniqueExtension(), email: `${first}.${last}@example.test`.toLowerCase() };
}
type Person = ReturnType<typeof person>;

/** A Portal Access row in the sample's column order: Downtown, Front Desk, role left empty (Member). */
const portalRow = (p: Person, { site = "Downtown" } = {}) => [p.first, p.last, p.email, p.extension, "", site, "Reception", "Front Desk", ""].join(",");

/** A file for setInputFiles, built in memory. */
function csvFile(name: string, lines: string[], { eol = "\n", bom = false } = {}) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(`${bom ? "\uFEFF" : ""}${lines.join(eol)}${eol}`, "utf8") };
}

/** Users → "Import" is reached by its link in other tests; here straight by URL, with the user type chosen. */
async function openImport(page: Page, type: UserType = "Portal Access") {
  await page.goto("/users/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
  // A preview left by an earlier test (or a failed one) comes back here: set it aside, as a manager would.
  const leftover = page.getByRole("button", { name: "Choose another file" });
  if (await leftover.isVisible()) await leftover.click();
  await typeRadio(page, type).check();
  await expect(fileInput(page)).toBeAttached();
}

/** Uploads a file and waits for the preview (its heading names the file and the user type). */
async function uploadForPreview(page: Page, file: string | ReturnType<typeof csvFile>, type: UserType = "Portal Access") {
  await fileInput(page).setInputFiles(file);
  const name = typeof file === "string" ? file.split("/").pop()! : file.name;
  await expect(page.getByRole("heading", { level: 2, name: `${name}: ${type}` })).toBeVisible({ timeout: 30_000 });
}

/** The preview's two counts: rows ready, rows with errors. */
async function expectCounts(page: Page, valid: number, invalid: number) {
  await expect(page.getByText(`${valid} ${valid === 1 ? "row is" : "rows are"} ready to import`, { exact: true })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${invalid} ${invalid === 1 ? "row has" : "rows have"} errors`))).toBeVisible();
}

/** The error table's rows as [Line, Column, Problem]; its Name column (whose row it is) is read by errorNames. */
async function errorRows(page: Page): Promise<string[][]> {
  await expect(errorTable(page).getByRole("columnheader")).toHaveText(["Line", "Name", "Column", "Problem"]);
  const rows = errorTable(page).locator("tbody tr");
  const texts: string[][] = [];
  for (const row of await rows.all()) {
    const [line, , column, problem] = (await row.getByRole("cell").allTextContents()).map((t) => t.trim());
    texts.push([line!, column!, problem!]);
  }
  return texts;
}

/** The Name column of the error table: the person each row with errors is about, as the file names them. */
async function errorNames(page: Page): Promise<string[]> {
  return (await errorTable(page).locator("tbody tr td:nth-child(2)").allTextContents()).map((t) => t.trim());
}

/** Clicks "Import N members" and waits for the toast on the Users tab it lands on. */
async function importAndLand(page: Page, count: number, toastText = `${count} ${count === 1 ? "member" : "members"} imported.`) {
  await importButton(page, count).click();
  await expect(toast(page, toastText)).toBeVisible();
}

/** The member is in the Users tab (searched by extension) with this name and status. */
async function expectMember(page: Page, { extension, name, status }: { extension: string; name: string; status: string }) {
  await page.goto(`/users?q=${extension}`);
  const row = rowOf(page, extension);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(row.getByText(status, { exact: true })).toBeVisible();
}

/** The organization's size: the total of "Showing a–b of N" on the unfiltered Users tab. */
async function organizationSize(page: Page): Promise<number> {
  await page.goto("/users");
  const showing = page.getByRole("navigation", { name: "Pages" }).getByText(/^Showing /);
  await expect(showing).toBeVisible();
  const match = /of ([\d,]+)$/.exec(((await showing.textContent()) ?? "").trim());
  expect(match, "the total of the Users tab").not.toBeNull();
  return Number(match![1]!.replace(/,/g, ""));
}

/** Starts a download by `start` and reads it as text. */
async function downloadOf(page: Page, start: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), start()]);
  return { download, text: fs.readFileSync((await download.path())!, "utf8") };
}

/** CSV text as rows of cells; a BOM must be there, for Excel (lib/imports/write-csv.ts). */
function csvRows(text: string): string[][] {
  expect(text.startsWith("\uFEFF"), "the download starts with a UTF-8 BOM").toBe(true);
  return parse(text, { bom: true, relax_column_count: true }) as string[][];
}

async function mailboxSubjects(to: string): Promise<string[]> {
  return (await mailboxEmails(to)).map((e) => e.subject);
}

// ---------------------------------------------------------------------------------------------------------------
// The sample file, round trip

for (const { type, header, status, sampleName } of [
  { type: "Portal Access", header: PORTAL_HEADER, status: "Pending", sampleName: "gatehouse-import-portal-access.csv" },
  { type: "No Portal Access", header: NO_PORTAL_HEADER, status: "No portal access", sampleName: "gatehouse-import-no-portal-access.csv" },
] as const) {
  test(`[Office Manager] Users → Import → "Download sample file" (${type}) → upload it unchanged → its 2 members arrive "${status}"`, async ({ page }) => {
    await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
    await openImport(page, type); // sets aside a leftover preview; the way in by the link is what this test is about
    await page.goto("/users");
    await page.getByRole("link", { name: "Import", exact: true }).click();
    await expect(page).toHaveURL(/\/users\/import$/);
    await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
    await expect(typeRadio(page, "Portal Access")).toBeChecked(); // the default
    if (type === "Portal Access") {
      await expectNoSeriousA11yViolations(page, { what: "the empty Import page" });
      await screenshot(page, "import-start");
    }
    await typeRadio(page, type).check();

    const { download, text } = await downloadOf(page, () => sampleLink(page).click());
    expect(download.suggestedFilename()).toBe(sampleName);
    const [columns, ...examples] = csvRows(text);
    expect(columns!.join(",")).toBe(header);
    expect(examples).toHaveLength(2);
    for (const row of examples) expect(row).toHaveLength(columns!.length);
    const at = (row: string[], column: string) => row[columns!.indexOf(column)]!;

    // Exactly the downloaded file, under the name the browser gave it (download.path() is a random one).
    const saved = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    await uploadForPreview(page, saved, type);
    await expectCounts(page, 2, 0);
    await expect(errorTable(page)).toHaveCount(0);
    for (const row of examples) await expect(previewRow(page, at(row, "Extension"))).toContainText(`${at(row, "First name")} ${at(row, "Last name")}`);
    if (type === "Portal Access") {
      await expectNoSeriousA11yViolations(page, { what: "the preview without errors" });
      await screenshot(page, "import-preview");
    }

    await importAndLand(page, 2);
    // Portal Access members land Pending; login-less ones are "No portal access", which the Pending filter leaves out,
    // so the list the toast lands on should be theirs.
    await expect.soft(page, "the list shown after the import holds the imported members").toHaveURL(type === "Portal Access" ? /\/users\?status=pending$/ : /\/users\?status=no-portal$/);
    for (const row of examples) await expectMember(page, { extension: at(row, "Extension"), name: `${at(row, "First name")} ${at(row, "Last name")}`, status });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Errors in the rows

test("[Office Manager] a file with errors: each listed with its line and column, the error rows download with an Errors column, only the valid rows are imported", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const before = await organizationSize(page);
  const [valid1, badEmail, dupExt, orgExt, badSite, noLast, extra, formula, formulaBad, valid2] = Array.from({ length: 10 }, () => person());
  const lines = [
    PORTAL_HEADER,
    portalRow(valid1!), // line 2
    portalRow({ ...badEmail!, email: "not-an-email" }), // 3
    portalRow({ ...dupExt!, extension: valid1!.extension }), // 4: line 2's extension again
    portalRow({ ...orgExt!, extension: "201" }), // 5: Dana Reyes's
    portalRow(badSite!, { site: "A".repeat(101) }), // 6: a new site, but no site name is that long
    portalRow({ ...noLast!, last: "" }), // 7
    `${portalRow(extra!)},surplus`, // 8: one value too many
    // 9: a formula-looking name is only text to Gatehouse: allowed, and shown as typed.
    portalRow({ ...formula!, first: `"${FORMULA.replaceAll('"', '""')}"` }),
    // 10: the same name on a row with an error, so the download has to escape it.
    portalRow({ ...formulaBad!, first: `"${FORMULA.replaceAll('"', '""')}"`, email: "nobody@" }),
    portalRow(valid2!), // 11
  ];
  await openImport(page);
  await uploadForPreview(page, csvFile("members-with-errors.csv", lines));

  await expectCounts(page, 3, 7);
  await expect(page.getByRole("heading", { name: "What to fix (7 errors)" })).toBeVisible();
  expect(await errorRows(page)).toEqual([
    ["3", "Email", "Enter an email address like name@example.com"],
    ["4", "Extension", `Extension ${valid1!.extension} is also on line 2 of this file.`],
    ["5", "Extension", "Extension 201 is already in use in your organization."],
    ["6", "Site", "Use at most 100 characters for a site name (this one has 101)."],
    ["7", "Last name", "Enter the last name."],
    ["8", "Whole row", expect.stringMatching(/^This row has 10 values but the file has 9 columns/)],
    ["10", "Email", "Enter an email address like name@example.com"],
  ]);
  // Whose row each is, to find it in the spreadsheet by more than its line.
  expect(await errorNames(page)).toEqual([badEmail, dupExt, orgExt, badSite].map((p) => `${p!.first} ${p!.last}`).concat([noLast!.first, `${extra!.first} ${extra!.last}`, `${FORMULA} ${formulaBad!.last}`]));
  await expect(page.getByRole("table", { name: "The members to import" }).locator("tbody tr")).toHaveCount(3);
  await expect(previewRow(page, formula!.extension)).toContainText(`${FORMULA} ${formula!.last}`);
  await expectNoSeriousA11yViolations(page, { what: "the preview with errors" });
  await screenshot(page, "import-preview-errors");

  // The rows with errors, as the file had them, plus what to fix; the formula is escaped for spreadsheets.
  const { download, text } = await downloadOf(page, () => page.getByRole("link", { name: "Download the rows with errors" }).click());
  expect(download.suggestedFilename()).toBe("members-with-errors - rows with errors.csv");
  const [columns, ...bad] = csvRows(text);
  expect(columns).toEqual([...PORTAL_HEADER.split(","), "Errors"]);
  expect(bad.map((row) => row[1])).toEqual([badEmail, dupExt, orgExt, badSite, { last: "" }, extra, formulaBad].map((p) => p!.last));
  const formulaRow = bad.find((row) => row[1] === formulaBad!.last)!;
  expect(formulaRow[0]).toBe(`'${FORMULA}`);
  expect(formulaRow.at(-1)).toBe("Line 10, Email: Enter an email address like name@example.com");
  expect(text).not.toContain(valid1!.last);
  expect(text).not.toContain(formula!.last);

  await importAndLand(page, 3);
  await expect(page).toHaveURL(/\/users\?status=pending$/);
  for (const p of [valid1!, valid2!]) await expectMember(page, { ...p, status: "Pending" });
  await expectMember(page, { extension: formula!.extension, name: `${FORMULA} ${formula!.last}`, status: "Pending" });
  await expect(rowOf(page, formula!.extension).getByRole("link", { name: "x", exact: true })).toHaveCount(0); // text, not a link
  for (const p of [badEmail!, dupExt!, badSite!, noLast!, extra!, formulaBad!]) {
    await page.goto(`/users?q=${p.extension}`);
    await expect(rowOf(page, p.extension)).toHaveCount(0);
  }
  expect(await organizationSize(page)).toBe(before + 3);
  expect(await mailboxSubjects(valid1!.email)).toEqual([]); // "Send activation emails right away" was left unticked
});

// ---------------------------------------------------------------------------------------------------------------
// What Excel writes

test("[Office Manager] an Excel file (semicolons, UTF-8 BOM, CRLF, headers in another order and case, quoted semicolons and line breaks, accents, CJK) imports as typed", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const zoe = { first: "Zoë", last: "Søndergaard", extension: uniqueExtension(), email: `${uniqueWord("zoe")}@example.test` };
  const taro = { first: "太郎", last: "山田", extension: uniqueExtension(), email: `${uniqueWord("taro")}@example.test` };
  const lines = [
    " email ;FIRST NAME;last name;EXTENSION;site;Department;team;role;Direct Number",
    `${zoe.email};${zoe.first};${zoe.last};${zoe.extension};Downtown;"Front; Back Office";Front Desk;Member;+45 32 12 34 56`,
    `${taro.email};"${taro.first}";"${taro.last}";${taro.extension};Riverside;"Billing, Claims";No Team;;`,
    // A cell with Alt+Enter in it spans two lines of the file: the next row's errors are on line 6, not 5.
    `broken@;Ivo;${uniqueWord("Multi")};${uniqueExtension()};Downtown;"Front\r\nDesk";;;`,
    `${uniqueWord("ivo")}@example.test;Ivo;${uniqueWord("Nowhere")};${uniqueExtension()};${"A".repeat(101)};;;;`,
  ];
  await openImport(page);
  await uploadForPreview(page, csvFile("Excel export.csv", lines, { eol: "\r\n", bom: true }));
  await expectCounts(page, 2, 2);
  expect(await errorRows(page)).toEqual([
    ["4", "Email", "Enter an email address like name@example.com"],
    ["6", "Site", "Use at most 100 characters for a site name (this one has 101)."],
  ]);
  await expect(previewRow(page, zoe.extension)).toContainText("Zoë Søndergaard");
  await expect(previewRow(page, zoe.extension)).toContainText("Front; Back Office");
  await expect(previewRow(page, taro.extension)).toContainText("太郎 山田");
  await expect(previewRow(page, taro.extension)).toContainText("Billing, Claims");

  await importAndLand(page, 2);
  await expectMember(page, { extension: zoe.extension, name: "Zoë Søndergaard", status: "Pending" });
  await expect(rowOf(page, zoe.extension)).toContainText("Front; Back Office");
  await expect(rowOf(page, zoe.extension)).toContainText(zoe.email);
  await expectMember(page, { extension: taro.extension, name: "太郎 山田", status: "Pending" });
  await expect(rowOf(page, taro.extension)).toContainText("Billing, Claims");
  await expect(rowOf(page, taro.extension)).toContainText("Riverside");
  await expect(rowOf(page, taro.extension)).toContainText("No Team");
});

// ---------------------------------------------------------------------------------------------------------------
// Activation emails

test('[Office Manager] "Send activation emails right away": each imported member gets the welcome email, and the toast says how many were sent', async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const people = [person("Mia"), person("Leo")];
  await openImport(page);
  await uploadForPreview(page, csvFile("with-activation.csv", [PORTAL_HEADER, ...people.map((p) => portalRow(p))]));
  await expectCounts(page, 2, 0);
  await page.getByRole("checkbox", { name: /Send activation emails right away/ }).check();
  await importAndLand(page, 2, "2 members imported. 2 emails sent successfully.");
  for (const p of people) {
    await expect.poll(() => mailboxSubjects(p.email), { message: `"${WELCOME}" reaches ${p.email}`, timeout: 15_000 }).toContain(WELCOME);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Files that can't be imported

const nobody = person("Nobody");
const BAD_FILES: { what: string; type?: UserType; file: () => ReturnType<typeof csvFile>; message: string | RegExp }[] = [
  { what: "an empty file", file: () => ({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) }), message: /^The file is empty\./ },
  {
    what: "an Excel workbook (.xlsx)",
    file: () => ({ name: "members.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]) }),
    message: /^This is an Excel workbook \(\.xlsx\), not a CSV file\. In Excel, choose File › Save As › 'CSV UTF-8/,
  },
  {
    what: "a No Portal Access file uploaded as Portal Access",
    file: () => csvFile("no-portal.csv", [NO_PORTAL_HEADER, [nobody.first, nobody.last, nobody.extension, "Downtown", "", "", ""].join(",")]),
    message: /^The columns of this file don't match a Portal Access import: it has no Email column\..* Is this a No Portal Access file\? Choose that user type instead\.$/,
  },
  {
    what: "a Portal Access file uploaded as No Portal Access",
    type: "No Portal Access",
    file: () => csvFile("portal.csv", [PORTAL_HEADER, portalRow(nobody)]),
    message: /^The columns of this file don't match a No Portal Access import: Gatehouse doesn't know the columns "Email" and "Role"\..* Is this a Portal Access file\? Choose that user type instead\.$/,
  },
  {
    what: "a file over 40 MB",
    file: () => {
      const row = `${portalRow(nobody)}\n`;
      const rows = Math.ceil((41 * 1024 * 1024) / row.length);
      return { name: "huge.csv", mimeType: "text/csv", buffer: Buffer.from(`${PORTAL_HEADER}\n${row.repeat(rows)}`) };
    },
    message: "The file is larger than 40 MB, the most one import takes. Split it into smaller files.",
  },
  { what: "a file with only the header row", file: () => csvFile("header-only.csv", [PORTAL_HEADER]), message: "The file has its column names but no members. Add one row per member under them." },
];

for (const bad of BAD_FILES) {
  test(`[Office Manager] ${bad.what} gets one clear message and nothing is imported`, async ({ page }) => {
    await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
    const before = await organizationSize(page);
    await openImport(page, bad.type);
    await fileInput(page).setInputFiles(bad.file());
    await expect(formAlert(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(formAlert(page)).toHaveText(bad.message);
    await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
    await expect(fileInput(page)).toBeAttached(); // another file can be chosen straight away
    expect(await organizationSize(page)).toBe(before);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// A site manager

test("[Site Manager] imports onto their own site; a row on another site is an error in the preview", async ({ page }) => {
  await signIn(page, SITE_MANAGER, DEMO_PASSWORD);
  const downtown = person("Ola");
  const riverside = person("Ria");
  await openImport(page);
  // Their sample file already puts its examples on their own site.
  const [columns, ...examples] = csvRows((await downloadOf(page, () => sampleLink(page).click())).text);
  expect(examples.map((row) => row[columns!.indexOf("Site")])).toEqual(["Downtown", "Downtown"]);
  await uploadForPreview(page, csvFile("site-manager.csv", [PORTAL_HEADER, portalRow(downtown), portalRow(riverside, { site: "Riverside" })]));
  await expectCounts(page, 1, 1);
  expect(await errorRows(page)).toEqual([["3", "Site", "You can import members of the sites you manage only: choose one of them."]]);
  await importAndLand(page, 1);
  await expectMember(page, { ...downtown, status: "Pending" });
  await page.goto(`/users?q=${riverside.extension}`);
  await expect(rowOf(page, riverside.extension)).toHaveCount(0);
});

test('[Office Manager] a file naming 2 new sites and a new team: the preview lists them once, "Create them and import" adds them, then the members on them', async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const [ana, ben, cem] = [person("Ana"), person("Ben"), person("Cem")];
  const [lakeside, harbor, night] = [uniqueWord("Lakeside"), uniqueWord("Harbor"), uniqueWord("Night")];
  const row = (p: Person, site: string, team: string) => [p.first, p.last, p.email, p.extension, "", site, "", team, ""].join(",");
  await openImport(page);
  await uploadForPreview(
    page,
    csvFile("new-places.csv", [PORTAL_HEADER, row(ana, lakeside, night), row(ben, lakeside.toUpperCase(), "Front Desk"), row(cem, harbor, "")]),
  );
  await expectCounts(page, 3, 0);
  const notice = page.getByRole("group", { name: "2 sites and 1 team in this file don't exist yet" });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("definition")).toHaveText([[harbor, lakeside].sort().join(", "), night]);
  await expect(previewRow(page, ben.extension)).toContainText(lakeside); // spelled as the file first wrote it
  await expect(importButton(page, 3)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, { what: "the preview with new places" });
  await screenshot(page, "import-preview-new-places");

  await page.getByRole("button", { name: "Create them and import" }).click();
  await expect(toast(page, "3 members imported. 2 sites and 1 team created.")).toBeVisible();
  await expectMember(page, { ...ana, status: "Pending" });
  await page.goto("/organization/sites");
  const sites = page.getByRole("list", { name: "Sites" });
  await expect(sites.getByRole("listitem", { name: lakeside, exact: true }).getByRole("link", { name: `2 members on ${lakeside}` })).toBeVisible();
  await expect(sites.getByRole("listitem", { name: harbor, exact: true }).getByRole("link", { name: `1 member on ${harbor}` })).toBeVisible();
  await page.goto("/organization/teams");
  await expect(page.getByRole("list", { name: "Teams" }).getByRole("listitem", { name: night, exact: true }).getByRole("link", { name: `1 member on ${night}` })).toBeVisible();
});

// ---------------------------------------------------------------------------------------------------------------
// Reload, progress

test("[Office Manager] a reload during the preview brings back the same preview, which still imports", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const kept = person("Kai");
  await openImport(page);
  await uploadForPreview(page, csvFile("reload.csv", [PORTAL_HEADER, portalRow(kept), portalRow({ ...person(), email: "oops" })]));
  await expectCounts(page, 1, 1);
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "reload.csv: Portal Access" })).toBeVisible();
  await expectCounts(page, 1, 1);
  expect(await errorRows(page)).toEqual([["3", "Email", "Enter an email address like name@example.com"]]);
  await importAndLand(page, 1);
  await expectMember(page, { ...kept, status: "Pending" });
});

test("[Office Manager] while the file is checked, a progress bar says so (and the page passes axe)", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const slow = person("Sol");
  await openImport(page);
  // Hold the upload until the checking state has been looked at.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/imports/*", async (route) => {
    if (route.request().method() !== "PUT") return route.fallback();
    await released;
    await route.fallback();
  });
  await fileInput(page).setInputFiles(csvFile("slow.csv", [PORTAL_HEADER, portalRow(slow)]));
  await expect(page.getByRole("heading", { level: 2, name: "Checking slow.csv" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Checking the file" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, { what: "the checking state" });
  await screenshot(page, "import-checking");
  release();
  await expect(page.getByRole("heading", { level: 2, name: "slow.csv: Portal Access" })).toBeVisible();
  await expectCounts(page, 1, 0);
  await importAndLand(page, 1);
});

// ---------------------------------------------------------------------------------------------------------------
// Keyboard only

test("[Office Manager] keyboard only: Users → Import, user type by arrow keys, sample download, the file picker, Import N members", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await openImport(page); // sets aside a leftover preview
  const phone = person("Kim");
  await page.goto("/users");
  const importLink = page.getByRole("link", { name: "Import", exact: true });
  await tabTo(page, importLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/users\/import$/);

  // The user type: Tab into the group (on the checked radio), arrows move the choice, Space keeps it.
  await tabTo(page, typeRadio(page, "Portal Access"));
  await page.keyboard.press("ArrowRight");
  await expect(typeRadio(page, "No Portal Access")).toBeFocused();
  await expect(typeRadio(page, "No Portal Access")).toBeChecked();
  await page.keyboard.press("ArrowLeft");
  await expect(typeRadio(page, "Portal Access")).toBeChecked();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  await expect(typeRadio(page, "No Portal Access")).toBeChecked();

  // Next in the tab order: the sample file, then the file picker.
  await page.keyboard.press("Tab");
  await expect(sampleLink(page)).toBeFocused();
  const { text } = await downloadOf(page, () => page.keyboard.press("Enter"));
  expect(csvRows(text)[0]!.join(",")).toBe(NO_PORTAL_HEADER);
  await page.keyboard.press("Tab");
  await expect(fileInput(page)).toBeFocused();
  // The input itself is invisible: its label shows the focus ring.
  const ring = await page.locator("label", { has: fileInput(page) }).evaluate((label) => {
    const style = getComputedStyle(label);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(ring.style, "focus ring of the file picker").not.toBe("none");
  expect(ring.width).not.toBe("0px");
  await screenshot(page, "import-file-picker-focused");

  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  await chooser.setFiles(csvFile("keyboard.csv", [NO_PORTAL_HEADER, [phone.first, phone.last, phone.extension, "Hillcrest", "Facilities", "No Team", ""].join(",")]));
  const preview = page.getByRole("heading", { level: 2, name: "keyboard.csv: No Portal Access" });
  await expect(preview).toBeVisible();
  await expectCounts(page, 1, 0);
  // The picker is gone: focus should land on the preview (its heading), not fall back to the top of the page.
  await expect.soft(preview, "focus after the check, for keyboard and screen reader users").toBeFocused();
  await tabTo(page, importButton(page, 1));
  await page.keyboard.press("Enter");
  await expect(toast(page, "1 member imported.")).toBeVisible();
  await expectMember(page, { ...phone, status: "No portal access" });
});
