import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, screenshot, signIn, tabTo } from "./helpers";

/**
 * The Users tab ("Agents" for supervisors) and member management (SPEC §4.3, §4.4, §4.10; seeds 002 and 004; issue 4)
 * on the demo organization. Every test that writes creates its own members first, through the Create page, with a
 * random extension and name, so tests don't depend on their order and the demo accounts other specs sign in with
 * (100, 101, 110, 120, 200) are never changed. The demo organization starts with 50 members; tests here add more,
 * so counts are read from the page rather than assumed.
 */

const OFFICE_MANAGER = "101@demo";
const SITE_MANAGER = "110@demo";
const SUPERVISOR = "120@demo";

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** A random 6-digit extension: demo extensions have 3 digits, so it never collides with them. */
const uniqueExtension = () => String(100_000 + Math.floor(Math.random() * 900_000));
/** Letters only, so the search box treats it as a name (digits search extensions). */
const uniqueWord = (prefix: string) => prefix + Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");

const table = (page: Page) => page.getByRole("table");
const bodyRows = (page: Page) => table(page).locator("tbody tr");
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search" });
const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });
/** The "Showing 1–25 of 50" line under the table. */
const showing = (page: Page) => page.getByRole("navigation", { name: "Pages" }).getByText(/^Showing /);

/** The row whose Extension cell is exactly this extension. */
const rowOf = (page: Page, extension: string) => bodyRows(page).filter({ has: page.getByRole("cell", { name: extension, exact: true }) });

/** The page is the Users tab with exactly this query in its URL (in any order). */
async function expectUsersQuery(page: Page, expected: Record<string, string>) {
  await expect
    .poll(() => {
      const url = new URL(page.url());
      return url.pathname === "/users" ? Object.fromEntries(url.searchParams) : `not the Users tab: ${url.pathname}`;
    })
    .toEqual(expected);
}

/** 0-based position of a column, by the start of its header text ("Status", "Extension", …). */
async function columnIndex(page: Page, header: string): Promise<number> {
  await expect(table(page).locator("thead")).toBeVisible();
  const headers = (await table(page).locator("thead th").allTextContents()).map((h) => h.trim().toLowerCase());
  const index = headers.findIndex((h) => h.startsWith(header.toLowerCase()));
  expect(index, `column "${header}" among ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** The text of one column in every row shown. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const index = await columnIndex(page, header);
  return (await bodyRows(page).locator(`td:nth-child(${index + 1})`).allTextContents()).map((t) => t.trim());
}

/** One cell of a row, by its column header. */
async function cellIn(page: Page, row: Locator, header: string): Promise<Locator> {
  return row.locator("td").nth(await columnIndex(page, header));
}

/** Waits until every row shown satisfies the check (the table re-renders after each URL change). */
async function expectEveryRow(page: Page, header: string, check: (text: string) => boolean, { atLeast = 1 } = {}) {
  await expect(async () => {
    const texts = await columnTexts(page, header);
    expect(texts.length).toBeGreaterThanOrEqual(atLeast);
    expect(texts.filter((t) => !check(t)), `${header} values that don't belong`).toEqual([]);
  }).toPass({ timeout: 10_000 });
}

/** The total of "Showing a–b of N". */
async function totalShown(page: Page): Promise<number> {
  const text = (await showing(page).textContent()) ?? "";
  const match = /of ([\d,]+)$/.exec(text.trim());
  expect(match, `total in "${text}"`).not.toBeNull();
  return Number(match![1]!.replace(/,/g, ""));
}

type NewMember = { extension: string; first: string; last: string; name: string; email?: string };
type CreateOptions = {
  portal?: boolean;
  first?: string;
  last?: string;
  email?: string;
  role?: string;
  site?: string;
  department?: string;
  team?: string;
  directNumber?: string;
  screenshotAs?: string;
};

/** Fills the Create page (SPEC §4.4) the way an office manager would; selects are chosen by their visible label. */
async function fillCreateForm(page: Page, member: NewMember, options: CreateOptions) {
  await page.getByRole("radio", { name: options.portal === false ? /^No Portal Access/ : /^Portal Access/ }).check();
  await page.getByLabel("First name", { exact: true }).fill(member.first);
  await page.getByLabel("Last name", { exact: true }).fill(member.last);
  await page.getByLabel("Extension", { exact: true }).fill(member.extension);
  if (options.directNumber) await page.getByLabel("Direct number", { exact: true }).fill(options.directNumber);
  if (options.portal !== false && member.email) await page.getByLabel("Email", { exact: true }).fill(member.email);
  if (options.role) await page.getByLabel("Role", { exact: true }).selectOption({ label: options.role });
  if (options.site) await page.getByLabel("Site", { exact: true }).selectOption({ label: options.site });
  if (options.department) await page.getByLabel("Department", { exact: true }).fill(options.department);
  if (options.team) await page.getByLabel("Team", { exact: true }).selectOption({ label: options.team });
}

/** Creates a member through the Create page and waits for the toast and the list it lands on (Pending, or No portal access). */
async function createMember(page: Page, options: CreateOptions = {}): Promise<NewMember> {
  const extension = uniqueExtension();
  const first = options.first ?? "Test";
  const last = options.last ?? uniqueWord("Zed");
  const portal = options.portal !== false;
  const member: NewMember = { extension, first, last, name: `${first} ${last}`, email: portal ? (options.email ?? `${last.toLowerCase()}@example.test`) : undefined };
  await page.goto("/users/new");
  await expect(page.getByRole("heading", { level: 1, name: "Create user" })).toBeVisible();
  await fillCreateForm(page, member, { team: "Front Desk", ...options });
  if (options.screenshotAs) await screenshot(page, options.screenshotAs);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(toast(page, portal ? `${member.name} was created with login name ${extension}@demo` : `${member.name} was created without portal access`)).toBeVisible();
  await expectUsersQuery(page, { status: portal ? "pending" : "no-portal" });
  return member;
}

/** Opens the Users tab on a search and waits for its rows. */
async function searchFor(page: Page, q: string) {
  await page.goto(`/users?q=${encodeURIComponent(q)}`);
  await expect(searchBox(page)).toHaveValue(q);
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Finding people: search, filters, sort, paging, and a URL that holds it all

test("[Office Manager] search narrows the list by extension prefix and by last name, and the URL holds the search", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expectUsersQuery(page, {});
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(showing(page)).toBeVisible();
  const total = await totalShown(page);
  expect(total).toBeGreaterThanOrEqual(50); // the demo organization's 50, plus whatever other tests created
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "users-list");

  await searchBox(page).fill("21");
  await expectUsersQuery(page, { q: "21" });
  await expectEveryRow(page, "Extension", (ext) => ext.startsWith("21"), { atLeast: 10 }); // demo 210–219
  expect(await totalShown(page)).toBeLessThan(total);

  await searchBox(page).fill("Ortega");
  await expectUsersQuery(page, { q: "Ortega" });
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(rowOf(page, "100").getByRole("link", { name: "Olivia Ortega" })).toBeVisible();
  await expect(showing(page)).toHaveText("Showing 1–1 of 1");
});

test("[Office Manager] filters by Status and by Role", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Pending" });
  await expectUsersQuery(page, { status: "pending" });
  await expectEveryRow(page, "Status", (s) => s === "Pending", { atLeast: 25 });
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "All" });
  await expectUsersQuery(page, {});
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Office Manager" });
  await expectUsersQuery(page, { role: "admin" });
  await expectEveryRow(page, "Role", (r) => r === "Office Manager", { atLeast: 2 });
  await expect(rowOf(page, "101").getByRole("link", { name: "Adam Ashby" })).toBeVisible();
  await expect(rowOf(page, "102").getByRole("link", { name: "Grace Liu" })).toBeVisible();

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Pending" });
  await expectUsersQuery(page, { status: "pending", role: "admin" });
  await expect(bodyRows(page)).toHaveCount(1); // Grace Liu, the admin who never set a password
  await expect(rowOf(page, "102")).toBeVisible();

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expectUsersQuery(page, {});
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("");
});

test("[Office Manager] sorts by clicking the Name, Extension and Status headers", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");
  const header = (label: string) => table(page).getByRole("columnheader", { name: new RegExp(`^${label}\\b`, "i") });
  const sortLink = (label: string) => header(label).getByRole("link");

  // By name, A to Z, unless told otherwise.
  await expect(header("Name")).toHaveAttribute("aria-sort", "ascending");
  await expect(header("Extension")).not.toHaveAttribute("aria-sort", /.+/);

  await sortLink("Name").click();
  await expectUsersQuery(page, { dir: "desc" });
  await expect(header("Name")).toHaveAttribute("aria-sort", "descending");

  await sortLink("Extension").click();
  await expectUsersQuery(page, { sort: "extension" });
  await expect(header("Extension")).toHaveAttribute("aria-sort", "ascending");
  await expect(header("Name")).not.toHaveAttribute("aria-sort", /.+/);
  await expect(bodyRows(page).first().getByRole("cell", { name: "100", exact: true })).toBeVisible();
  const byNumber = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
  await expect(async () => {
    const extensions = (await columnTexts(page, "Extension")).filter(Boolean);
    expect(extensions).toEqual([...extensions].sort(byNumber));
  }).toPass();

  await sortLink("Extension").click();
  await expectUsersQuery(page, { sort: "extension", dir: "desc" });
  await expect(header("Extension")).toHaveAttribute("aria-sort", "descending");
  await expect(async () => {
    const extensions = (await columnTexts(page, "Extension")).filter(Boolean);
    expect(extensions).toEqual([...extensions].sort(byNumber).reverse());
  }).toPass();

  await sortLink("Status").click();
  await expectUsersQuery(page, { sort: "status" });
  await expect(header("Status")).toHaveAttribute("aria-sort", "ascending");
  const rank = ["Pending", "No portal access", "Active", "Disabled"];
  await expect(async () => {
    const statuses = await columnTexts(page, "Status");
    expect(statuses[0]).toBe("Pending");
    const ranks = statuses.map((s) => rank.indexOf(s));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }).toPass();
});

test("[Office Manager] pages through 25 at a time with Next and Previous", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");
  await expect(showing(page)).toHaveText(/^Showing 1–50 of [\d,]+$/);
  const total = await totalShown(page);
  const pages = Math.ceil(total / 25);

  await page.getByLabel("Rows per page").selectOption("25");
  await expectUsersQuery(page, { size: "25" });
  await expect(showing(page)).toHaveText(`Showing 1–25 of ${total}`);
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
  const firstOfPageOne = await bodyRows(page).first().textContent();

  await page.getByRole("link", { name: "Next" }).click();
  await expectUsersQuery(page, { page: "2", size: "25" });
  await expect(showing(page)).toHaveText(`Showing 26–${Math.min(50, total)} of ${total}`);
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
  await expect(bodyRows(page).first()).not.toHaveText(firstOfPageOne ?? "");

  await page.getByRole("link", { name: "Previous" }).click();
  await expectUsersQuery(page, { size: "25" });
  await expect(showing(page)).toHaveText(`Showing 1–25 of ${total}`);
  await expect(bodyRows(page).first()).toHaveText(firstOfPageOne ?? "");
});

test("[Office Manager] the back button restores the previous search and filters, and a shared link opens the same view", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");

  await searchBox(page).fill("Ortega");
  await searchBox(page).press("Enter");
  await expectUsersQuery(page, { q: "Ortega" });
  await expect(rowOf(page, "100")).toBeVisible();
  await searchBox(page).fill("Mendez");
  await searchBox(page).press("Enter");
  await expectUsersQuery(page, { q: "Mendez" });
  await expect(rowOf(page, "120")).toBeVisible();

  await page.goBack();
  await expectUsersQuery(page, { q: "Ortega" });
  await expect(searchBox(page)).toHaveValue("Ortega");
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(rowOf(page, "100")).toBeVisible();

  // Into a member and back: the search is still there.
  await rowOf(page, "100").getByRole("link", { name: "Olivia Ortega" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Olivia Ortega" })).toBeVisible();
  await page.goBack();
  await expectUsersQuery(page, { q: "Ortega" });
  await expect(searchBox(page)).toHaveValue("Ortega");
  await expect(rowOf(page, "100")).toBeVisible();

  // A filter is a step of its own.
  await searchBox(page).fill("Support");
  await searchBox(page).press("Enter");
  await expectUsersQuery(page, { q: "Support" });
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Active" });
  await expectUsersQuery(page, { q: "Support", status: "active" });
  await expectEveryRow(page, "Status", (s) => s === "Active");
  await page.goBack();
  await expectUsersQuery(page, { q: "Support" });
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expect(searchBox(page)).toHaveValue("Support");
  await expect(async () => expect(new Set(await columnTexts(page, "Status")).size).toBeGreaterThan(1)).toPass();

  // Someone sends the link: it opens on the same search, filter, sort and page size.
  const shared = "/users?q=Support&status=active&sort=extension&dir=desc&size=25";
  await page.goto("/");
  await page.goto(shared);
  await expect(searchBox(page)).toHaveValue("Support");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("active");
  await expect(page.getByLabel("Rows per page")).toHaveValue("25");
  await expect(table(page).getByRole("columnheader", { name: /^Extension\b/i })).toHaveAttribute("aria-sort", "descending");
  await expectEveryRow(page, "Status", (s) => s === "Active");
  const extensions = (await columnTexts(page, "Extension")).map(Number);
  expect(extensions).toEqual([...extensions].sort((a, b) => b - a));
  expect(extensions).toContain(120); // Carlos Mendez, Support, active
});

test("[Office Manager] a search that matches nobody says so and offers to clear it", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");
  const nobody = uniqueWord("Nobody");
  await searchBox(page).fill(nobody);
  await expectUsersQuery(page, { q: nobody });
  await expect(page.getByText("No users match this search and these filters.")).toBeVisible();
  await expect(table(page)).toHaveCount(0);

  await page.getByRole("link", { name: "Clear search and filters" }).click();
  await expectUsersQuery(page, {});
  await expect(searchBox(page)).toHaveValue("");
  await expect(rowOf(page, "101")).toBeVisible();
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Selection

test("[Office Manager] selects a row, the page, then all matching users, and the bulk buttons count them", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users?size=25");
  await expect(bodyRows(page)).toHaveCount(25);
  const total = await totalShown(page);
  const bulkAction = (n: number) => page.getByRole("button", { name: `Bulk Action (${n})` });
  const bulkEdit = (n: number) => page.getByRole("button", { name: `Bulk Edit (${n})` });
  await expect(page.getByRole("button", { name: /^Bulk (Action|Edit)/ })).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Select Adam Ashby" }).check();
  await expect(bulkAction(1)).toBeVisible();
  await expect(bulkEdit(1)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select all on this page" })).not.toBeChecked();

  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(bulkAction(25)).toBeVisible();
  await expect(bulkEdit(25)).toBeVisible();
  await expect(page.getByText("All 25 users on this page are selected.")).toBeVisible();

  await page.getByRole("button", { name: `Select all ${total} matching` }).click();
  await expect(bulkAction(total)).toBeVisible();
  await expect(bulkEdit(total)).toBeVisible();
  await expect(page.getByText(`All ${total} matching users are selected.`)).toBeVisible();

  // The Bulk Action dialog speaks of the query, not of names it doesn't have.
  await bulkAction(total).click();
  const dialog = page.getByRole("dialog", { name: "Bulk User Actions" });
  await expect(dialog.getByText(`All ${total} users matching your search and filters.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Unticking one row leaves the rest of the page picked, no longer "all matching".
  await page.getByRole("checkbox", { name: "Select Adam Ashby" }).uncheck();
  await expect(bulkEdit(24)).toBeVisible();
  await page.getByRole("button", { name: "Clear selection" }).click();
  await expect(page.getByRole("button", { name: /^Bulk (Action|Edit)/ })).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Create

test("[Office Manager] creates a Portal Access user who arrives Pending with login name <extension>@demo", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");
  await page.getByRole("link", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(/\/users\/new$/);
  await expectNoSeriousA11yViolations(page);

  const member = await createMember(page, {
    first: "Noor",
    last: uniqueWord("Portal"),
    role: "Member",
    site: "Riverside",
    department: "Billing",
    team: "Billing",
    directNumber: "(415) 555-0123",
    screenshotAs: "users-create",
  });

  // Lands on the Pending list, as seed 004 describes; the new member is found there by extension.
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("pending");
  await searchBox(page).fill(member.extension);
  await expectUsersQuery(page, { q: member.extension, status: "pending" });
  const row = rowOf(page, member.extension);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name: member.name })).toBeVisible();
  await expect(row).toContainText(`${member.extension}@demo`);
  await expect(await cellIn(page, row, "Status")).toHaveText("Pending");
  await expect(await cellIn(page, row, "Email")).toHaveText(member.email!);
  await expect(await cellIn(page, row, "Role")).toHaveText("Member");
  await expect(await cellIn(page, row, "Site")).toHaveText("Riverside");
  await expect(await cellIn(page, row, "Department")).toHaveText("Billing");
  await expect(await cellIn(page, row, "Team")).toHaveText("Billing");

  // The direct number was stored in E.164 and reads back internationally.
  await row.getByRole("link", { name: member.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();
  await expect(page.getByLabel("Direct number", { exact: true })).toHaveValue("+1 415 555 0123");
  await expect(page.getByLabel("Login name", { exact: true })).toHaveValue(`${member.extension}@demo`);
});

test("[Office Manager] creates a No Portal Access user: no email, no login name, status No portal access", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users/new");
  await page.getByRole("radio", { name: /^No Portal Access/ }).check();
  await expect(page.getByLabel("Email", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Login name", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Role", { exact: true })).toHaveCount(0); // nobody signs in: no role applies

  const member = await createMember(page, { portal: false, first: "Desk", last: uniqueWord("Phone"), site: "Downtown", department: "Facilities", team: "No Team" });
  await searchFor(page, member.extension);
  const row = rowOf(page, member.extension);
  await expect(row.getByRole("link", { name: member.name })).toBeVisible();
  await expect(await cellIn(page, row, "Status")).toHaveText("No portal access");
  await expect(await cellIn(page, row, "Email")).toHaveText("—");
  await expect(await cellIn(page, row, "Name")).toHaveText(member.name); // no login name under it
  await expect(await cellIn(page, row, "Team")).toHaveText("No Team");

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "No portal access" });
  await expect(rowOf(page, member.extension)).toBeVisible();

  // Its Advanced tab speaks of taking the extension out of use, not of sign-ins, passwords or emailed links.
  await rowOf(page, member.extension).getByRole("link", { name: member.name }).click();
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Advanced" }).click();
  const advanced = page.getByRole("main");
  await expect(advanced.getByText(`${member.name} is taken out of use.`, { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Reset user completely" }).click();
  const dialog = page.getByRole("dialog", { name: `Reset ${member.name} completely?` });
  await expect(dialog.getByRole("listitem")).toHaveText(["First and last name", "Voicemail PIN and device PIN", "Language, time zone and directory listing"]);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(advanced).not.toContainText(/sign in|password|emailed|Send Welcome Email/i);
});

test("[Office Manager] Create rejects a missing email, a malformed direct number and a duplicate extension, and creates nothing", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users/new");
  const last = uniqueWord("Reject");
  await fillCreateForm(page, { extension: "101", first: "Bad", last, name: `Bad ${last}` }, { directNumber: "555-abc" });
  await page.getByRole("button", { name: "Create", exact: true }).click();

  const email = page.getByLabel("Email", { exact: true });
  const directNumber = page.getByLabel("Direct number", { exact: true });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Email is required for portal access/);
  await expect(directNumber).toHaveAttribute("aria-invalid", "true");
  await expect(directNumber).toHaveAccessibleDescription(/Enter a phone number with its area code, e\.g\. \+1 415 555 0123/);
  await expect(directNumber).toBeFocused(); // the first field in trouble
  await expect(page).toHaveURL(/\/users\/new$/);
  // What was typed is still there.
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue(last);
  await expect(directNumber).toHaveValue("555-abc");

  // Fixed, but extension 101 is Adam Ashby's.
  await email.fill(`${last.toLowerCase()}@example.test`);
  await directNumber.fill("+1 415 555 0199");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const extension = page.getByLabel("Extension", { exact: true });
  await expect(extension).toHaveAttribute("aria-invalid", "true");
  await expect(extension).toHaveAccessibleDescription(/Extension 101 is already in use/);
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/users\/new$/);
  await screenshot(page, "users-create-errors");

  await searchFor(page, last);
  await expect(page.getByText("No users match this search and these filters.")).toBeVisible();
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Profile

test("[Office Manager] edits the department on the Profile tab, reached by the name and by the pencil menu", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const member = await createMember(page, { first: "Edit", department: "Reception" });
  await searchFor(page, member.extension);

  // The pencil: Profile from its menu.
  await rowOf(page, member.extension).getByRole("button", { name: `Open ${member.name}` }).click();
  await page.getByRole("menuitem", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
  const profileUrl = page.url();
  await page.goBack();

  // The name: the Profile tab opens by default (seed 002).
  await rowOf(page, member.extension).getByRole("link", { name: member.name }).click();
  await expect(page).toHaveURL(profileUrl);
  const tabs = page.getByRole("navigation", { name: "User" });
  await expect(tabs.getByRole("link", { name: "Profile" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Advanced" })).toBeVisible();
  await expect(page.getByLabel("Department", { exact: true })).toHaveValue("Reception");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "users-profile");

  await page.getByLabel("Department", { exact: true }).fill("Orthodontics");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith(profileUrl.replace(/^.*\/users\//, ""))), page.getByRole("button", { name: "Save" }).click()]);
  await expect(toast(page, `Changes to ${member.name} saved`)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Department", { exact: true })).toHaveValue("Orthodontics");

  await searchFor(page, member.extension);
  await expect(await cellIn(page, rowOf(page, member.extension), "Department")).toHaveText("Orthodontics");
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Bulk Edit

test("[Office Manager] bulk edits the department of two users", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const family = uniqueWord("Bulk");
  const one = await createMember(page, { first: "One", last: family, department: "Reception" });
  const two = await createMember(page, { first: "Two", last: family, department: "Clinical" });
  await searchFor(page, family);
  await expect(bodyRows(page)).toHaveCount(2);

  await page.getByRole("checkbox", { name: `Select ${one.name}` }).check();
  await page.getByRole("checkbox", { name: `Select ${two.name}` }).check();
  await page.getByRole("button", { name: "Bulk Edit (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk Edit" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Change 2 users at once. Fields left at "Don\'t change" stay as they are.')).toBeVisible();
  await dialog.getByLabel("Department", { exact: true }).selectOption({ label: "Set to…" });
  await dialog.getByLabel("New department").fill("Sterilization");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "users-bulk-edit");

  await dialog.getByRole("button", { name: "Apply to 2 users" }).click();
  await expect(toast(page, "2 users updated")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: /^Bulk Edit/ })).toHaveCount(0); // the selection cleared
  await expect(await cellIn(page, rowOf(page, one.extension), "Department")).toHaveText("Sterilization");
  await expect(await cellIn(page, rowOf(page, two.extension), "Department")).toHaveText("Sterilization");
});

test("[Site Manager] a bulk edit that includes the owner names her as skipped, outside their scope", async ({ page }) => {
  await signIn(page, SITE_MANAGER, DEMO_PASSWORD);
  // Site managers place new users on their own site only.
  await page.goto("/users/new");
  await expect(page.getByLabel("Site", { exact: true }).locator("option")).toHaveText(["Downtown"]);
  const mine = await createMember(page, { first: "Sitewide", department: "Management", team: "No Team" });

  // "Management" finds the owner and the office managers, whom site managers see but may not edit, and theirs.
  await searchFor(page, "Management");
  await expect(rowOf(page, "100")).toBeVisible();
  await expect(rowOf(page, mine.extension)).toBeVisible();
  await page.getByRole("checkbox", { name: "Select Olivia Ortega" }).check();
  await page.getByRole("checkbox", { name: `Select ${mine.name}` }).check();
  await page.getByRole("button", { name: "Bulk Edit (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk Edit" });
  await dialog.getByLabel("Team", { exact: true }).selectOption({ label: "Front Desk" });
  await dialog.getByRole("button", { name: "Apply to 2 users" }).click();

  await expect(toast(page, "1 user updated")).toBeVisible();
  await expect(dialog.getByText("1 user was updated. 1 was skipped:")).toBeVisible();
  // The selection is cleared behind the result; the dialog still speaks of what was applied.
  await expect(dialog).not.toContainText("Change 0 users");
  const skipped = dialog.getByRole("list", { name: "Skipped users" });
  await expect(skipped.getByRole("listitem")).toHaveCount(1);
  await expect(skipped.getByRole("listitem")).toContainText("Olivia Ortega (100)");
  await expect(skipped.getByRole("listitem")).toContainText("Outside your scope");
  await screenshot(page, "users-bulk-edit-skipped");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  await expect(await cellIn(page, rowOf(page, mine.extension), "Team")).toHaveText("Front Desk");
  await expect(await cellIn(page, rowOf(page, "100"), "Team")).toHaveText("No Team");
});

// ---------------------------------------------------------------------------------------------------------------
// 6. Bulk Action

test("[Office Manager] Bulk Action lists the selected users; Cancel does nothing, Disable users disables them", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const family = uniqueWord("Action");
  const one = await createMember(page, { first: "Ada", last: family });
  const two = await createMember(page, { first: "Ben", last: family });
  await searchFor(page, family);
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();

  await page.getByRole("button", { name: "Bulk Action (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk User Actions" });
  const selected = dialog.getByRole("region", { name: "Selected (2)" });
  await expect(selected.getByRole("listitem")).toHaveCount(2);
  await expect(selected.getByRole("listitem").filter({ hasText: one.name })).toContainText(one.extension);
  await expect(selected.getByRole("listitem").filter({ hasText: two.name })).toContainText(two.extension);
  await dialog.getByRole("radio", { name: /^Disable users/ }).check();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expectEveryRow(page, "Status", (s) => s === "Pending", { atLeast: 2 });

  await page.getByRole("button", { name: "Bulk Action (2)" }).click();
  await dialog.getByRole("radio", { name: /^Disable users/ }).check();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "users-bulk-action");
  await dialog.getByRole("button", { name: "Complete Action" }).click();
  await expect(toast(page, "2 users updated")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(await cellIn(page, rowOf(page, one.extension), "Status")).toHaveText("Disabled");
  await expect(await cellIn(page, rowOf(page, two.extension), "Status")).toHaveText("Disabled");
});

// ---------------------------------------------------------------------------------------------------------------
// 7. Advanced: disable, enable, reset completely

test("[Office Manager] disables, enables and resets a user completely on the Advanced tab", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const member = await createMember(page, { first: "Leaving", directNumber: "+1 415 555 0142" });
  await searchFor(page, member.extension);
  await rowOf(page, member.extension).getByRole("button", { name: `Open ${member.name}` }).click();
  await page.getByRole("menuitem", { name: "Advanced" }).click();
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}\/advanced$/);
  await expect(page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Advanced" })).toHaveAttribute("aria-current", "page");
  const summary = page.getByRole("main").locator("h1 + p");
  await expect(summary).toHaveText(`Extension ${member.extension} · ${member.extension}@demo · Member · Pending`);

  // Disable, with a confirmation.
  await page.getByRole("button", { name: "Disable user" }).click();
  const disable = page.getByRole("dialog", { name: "Disable user?" });
  await disable.getByRole("button", { name: "Disable user" }).click();
  await expect(toast(page, "User disabled. Their sessions ended and their links no longer work.")).toBeVisible();
  await expect(disable).toBeHidden();
  await expect(summary).toContainText("· Disabled");
  await expect(page.getByRole("heading", { name: "This user is disabled" })).toBeVisible();

  // Enable: they never set a password, so they are Pending again.
  await page.getByRole("button", { name: "Enable user" }).click();
  const enable = page.getByRole("dialog", { name: "Enable user?" });
  await enable.getByRole("button", { name: "Enable user" }).click();
  await expect(toast(page, "User enabled")).toBeVisible();
  await expect(summary).toContainText("· Pending");

  // Reset completely: the dialog names what goes; Cancel changes nothing.
  await page.getByRole("button", { name: "Reset user completely" }).click();
  const reset = page.getByRole("dialog", { name: `Reset ${member.name} completely?` });
  await expect(reset).toBeVisible();
  await expect(reset.getByRole("listitem").filter({ hasText: "First and last name" })).toBeVisible();
  await expect(reset.getByRole("listitem").filter({ hasText: "Email addresses, including additional ones" })).toBeVisible();
  await expect(reset).toContainText(`It keeps the extension ${member.extension}, login name ${member.extension}@demo, direct number`);
  await reset.getByRole("button", { name: "Cancel" }).click();
  await expect(reset).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();

  // The toasts of the steps above have gone: the contrast of a toast has a test of its own.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  await page.getByRole("button", { name: "Reset user completely" }).click();
  await expect(reset).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "users-advanced-reset");
  await reset.getByRole("button", { name: "Reset user completely" }).click();
  await expect(toast(page, `Extension ${member.extension} was reset and is ready for a new employee`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `Extension ${member.extension}` })).toBeVisible();
  await expect(summary).toContainText("· Pending");

  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Extension", { exact: true })).toHaveValue(member.extension);
  await expect(page.getByLabel("Direct number", { exact: true })).toHaveValue("+1 415 555 0142");

  await searchFor(page, member.extension);
  const row = rowOf(page, member.extension);
  await expect(row.getByRole("link", { name: "No name yet" })).toBeVisible();
  await expect(await cellIn(page, row, "Status")).toHaveText("Pending");
  await expect(await cellIn(page, row, "Email")).toHaveText("—");
});

// ---------------------------------------------------------------------------------------------------------------
// 8. Supervisors: "Agents"

test("[Call Center Supervisor] sees Agents: only their team's agents, and no Create", async ({ page }) => {
  await signIn(page, SUPERVISOR, DEMO_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Agents" }).click();
  await expectUsersQuery(page, {});
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create", exact: true })).toHaveCount(0);
  await expectEveryRow(page, "Team", (t) => t === "Call Center East", { atLeast: 5 });
  // They may send their agents welcome emails and resets (SPEC §1), nothing else: Bulk Action, no Bulk Edit.
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(page.getByRole("button", { name: /^Bulk Edit/ })).toHaveCount(0);
  await page.getByRole("button", { name: /^Bulk Action/ }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk User Actions" });
  expect(await dialog.getByRole("radio").evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value))).toEqual(["invite", "reset"]);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Clear selection" }).first().click();

  await expectEveryRow(page, "Role", (r) => r === "Member" || r === "Call Center Supervisor");
  await expect(rowOf(page, "120")).toHaveCount(0); // not themselves
  await expect(rowOf(page, "100")).toHaveCount(0);
  await expect(rowOf(page, "310")).toBeVisible(); // Victor Nowak, disabled, still their agent

  await searchFor(page, "Ortega");
  await expect(page.getByText("No agents match this search and these filters.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

// ---------------------------------------------------------------------------------------------------------------
// 9. Keyboard only

test("[Office Manager] uses the table, Bulk Edit and the pencil menu with the keyboard alone", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users");
  await expect(bodyRows(page).first()).toBeVisible();

  await tabTo(page, searchBox(page));
  await page.keyboard.type("Support");
  await expectUsersQuery(page, { q: "Support" });
  await expectEveryRow(page, "Department", (d) => d === "Support", { atLeast: 5 });

  const extensionHeader = table(page).getByRole("columnheader", { name: /^Extension\b/i });
  await tabTo(page, extensionHeader.getByRole("link"));
  await page.keyboard.press("Enter");
  await expectUsersQuery(page, { q: "Support", sort: "extension" });
  await expect(extensionHeader).toHaveAttribute("aria-sort", "ascending");

  const carlos = page.getByRole("checkbox", { name: "Select Carlos Mendez" }); // 120, the first Support extension
  await expect(bodyRows(page).first().getByRole("cell", { name: "120", exact: true })).toBeVisible();
  await tabTo(page, carlos);
  await page.keyboard.press("Space");
  await expect(carlos).toBeChecked();
  const bulkEdit = page.getByRole("button", { name: "Bulk Edit (1)" });
  await tabTo(page, bulkEdit, { backwards: true });
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Bulk Edit" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1); // focus moved into the dialog
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Focus goes back to the button that opened the dialog.
  await expect(bulkEdit).toBeFocused();
  await expect(carlos).toBeChecked(); // Escape closed the dialog, it didn't drop the selection

  const pencil = page.getByRole("button", { name: "Open Carlos Mendez" });
  await tabTo(page, pencil);
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Advanced" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Carlos Mendez" })).toBeVisible();
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
});

// ---------------------------------------------------------------------------------------------------------------
// 10. The confirmation toast itself

test("[Office Manager] the toast that confirms a new user has no serious accessibility problems while it shows", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const member = await createMember(page, { first: "Toast" });
  const shown = toast(page, `${member.name} was created with login name ${member.extension}@demo`);
  await expect(shown).toBeVisible();
  await expect(shown).toHaveAttribute("data-mounted", "true");
  await screenshot(page, "users-created-toast");
  await expectNoSeriousA11yViolations(page);
});

test("[Office Manager] a refused Create keeps every field as chosen: role, site and team too, not only what was typed", async ({ page }) => {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/users/new");
  const member: NewMember = { extension: uniqueExtension(), first: "Kept", last: "", name: "Kept", email: "not-an-email" };
  await fillCreateForm(page, member, { role: "Site Manager", site: "Riverside", department: "Billing", team: "Billing" });
  for (const attempt of [1, 2]) {
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByLabel("Last name", { exact: true }), `attempt ${attempt}`).toHaveAccessibleDescription(/Enter a last name/);
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("site_manager");
    await expect(page.getByLabel("Site", { exact: true }).locator("option:checked")).toHaveText("Riverside");
    await expect(page.getByLabel("Team", { exact: true }).locator("option:checked")).toHaveText("Billing");
    await expect(page.getByLabel("Department", { exact: true })).toHaveValue("Billing");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue("not-an-email");
  }
});
