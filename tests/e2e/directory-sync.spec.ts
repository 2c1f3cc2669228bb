import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import {
  asSomeoneElse,
  expectNoSeriousA11yViolations,
  expectNoSidewaysScroll,
  expectNotFound,
  mailboxEmails,
  newestEmail,
  PHONE,
  screenshot,
  signIn,
  tabTo,
  toast,
} from "./helpers";

/**
 * Directory sync (SPEC §4.16) as an owner and an office manager meet it, and as Microsoft Entra ID and Okta talk to it:
 * Organization → Directory sync (the SCIM URL, a token shown once, the people it manages, the welcome email, the
 * recent requests with their answers), SCIM requests sent with the token over HTTP exactly as the directories send
 * them (tests/integration/scim/*.test.ts), and a synced member's page whose directory-owned fields are read-only. The
 * "directory-sync" server's own demo organization; each test makes its own token and provisions its own people.
 */

const OWNER = "100@demo"; // Olivia Ortega
const OFFICE_MANAGER = "101@demo"; // Adam Ashby
const LAPTOP = { width: 1280, height: 800 };
const WELCOME = "Your account has been created!";
/** "Dec 7, 2026, 5:06 AM", as the page writes a time (lib/members/format.ts). */
const DATE_TIME = /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M/;

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const GATEHOUSE = "urn:ietf:params:scim:schemas:extension:gatehouse:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const SCIM_JSON = "application/scim+json";

// ---------------------------------------------------------------------------------------------------------------
// SCIM over HTTP, as a directory sends it

type ScimUser = {
  id: string;
  userName: string;
  active: boolean;
  name: { givenName: string; familyName: string };
  emails: { value: string }[];
  groups: { value: string; display: string }[];
  [GATEHOUSE]: { extension?: string; site?: string; loginName?: string; status: string };
};
type ScimGroup = { id: string; displayName: string; members?: { value: string }[] };
type ScimList<T> = { schemas: string[]; totalResults: number; startIndex: number; Resources: T[] };
type ScimAnswer<T> = { status: number; headers: Record<string, string>; body: T };

/** A directory's HTTP client: every request carries its token (none when null) and its User-Agent. */
function directory(request: APIRequestContext, token: string | null, { userAgent = "Azure AD SCIM Client" } = {}) {
  return async function scim<T = Record<string, unknown>>(method: string, path: string, body?: unknown, { raw }: { raw?: string } = {}): Promise<ScimAnswer<T>> {
    const headers: Record<string, string> = { "User-Agent": userAgent, "Content-Type": SCIM_JSON };
    if (token) headers.Authorization = `Bearer ${token}`;
    const data = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const response = await request.fetch(`/scim/v2${path}`, { method, headers, ...(data === undefined ? {} : { data }) });
    const text = await response.text();
    return { status: response.status(), headers: response.headers(), body: (text ? JSON.parse(text) : undefined) as T };
  };
}
type Scim = ReturnType<typeof directory>;

/** Entra's userName probe before a create. */
const probe = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** Entra's create-user request (Microsoft Learn, "Develop a SCIM endpoint"), with Gatehouse's extension. */
function entraUser({ first, last, upn, department, site, extension }: { first: string; last: string; upn: string; department: string; site?: string; extension?: string }) {
  return {
    schemas: [CORE, ENTERPRISE, GATEHOUSE],
    externalId: `entra-${upn}`,
    userName: upn,
    active: true,
    emails: [{ primary: true, type: "work", value: upn }],
    meta: { resourceType: "User" },
    name: { formatted: `${first} ${last}`, familyName: last, givenName: first },
    title: "Receptionist",
    roles: [],
    [ENTERPRISE]: { department, manager: { value: "someone" } },
    [GATEHOUSE]: { ...(site ? { site } : {}), ...(extension ? { extension } : {}) },
  };
}

/** Okta's create-user request (Okta developer docs, "SCIM 2.0 protocol reference"). */
function oktaUser({ first, last, email }: { first: string; last: string; email: string }) {
  return {
    schemas: [CORE],
    userName: email,
    name: { givenName: first, familyName: last },
    emails: [{ primary: true, value: email, type: "work" }],
    displayName: `${first} ${last}`,
    locale: "en-US",
    externalId: `00u-${email}`,
    groups: [],
    password: "1mz050nq",
    active: true,
  };
}

/** Provisions one person and expects them created: Pending, on the site and extension sent. */
async function provision(scim: Scim, body: { userName: string } & Record<string, unknown>): Promise<ScimUser> {
  const created = await scim<ScimUser>("POST", "/Users", body);
  expect(created.status, `POST /Users ${body.userName}`).toBe(201);
  return created.body;
}

// ---------------------------------------------------------------------------------------------------------------
// The owner's page

const PAGE = "/organization/directory-sync";
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const organizationTabs = (page: Page) => page.getByRole("navigation", { name: "Organization" });
const tokensTable = (page: Page) => page.getByRole("table", { name: "Tokens" });
const requestsTable = (page: Page) => page.getByRole("table", { name: "Recent requests" });
const tokenRow = (page: Page, name: string) =>
  tokensTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name, exact: true }) });
/** A row's cell by its column, counted from the header (Name, Made, Last used, People, Status…). */
const cellOf = (row: Locator, index: number) => row.getByRole("cell").nth(index);
const managedSummary = (page: Page) => page.getByRole("region", { name: "People managed by directory sync" }).getByRole("paragraph");

/** Makes a token on the owner's page with the mouse, reads it from the dialog once, and closes it with "Done". */
async function makeToken(page: Page, name: string): Promise<string> {
  if (new URL(page.url()).pathname !== PAGE) await page.goto(PAGE);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("button", { name: "Make a token" }).click();
  const dialog = page.getByRole("dialog", { name: `Copy the token for ${name} now` });
  const token = await dialog.getByRole("textbox", { name: "Token" }).inputValue();
  expect(token).toMatch(/^ghscim_\S{20,}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(tokenRow(page, name)).toHaveCount(1);
  return token;
}

/** The owner, in a browser of their own, makes a token for a test that is about someone else. */
const tokenFromOwner = (browser: Browser, name: string) =>
  asSomeoneElse(browser, OWNER, async (owner) => {
    await owner.goto(PAGE);
    return makeToken(owner, name);
  });

// ---------------------------------------------------------------------------------------------------------------
// 1. Connecting Microsoft Entra ID

test("[OWNER] connects Microsoft Entra ID: a token made once by keyboard, then Entra provisions, renames, moves and disables a person, and the page, the Users tab and the audit log show it", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.slow(); // a dozen SCIM requests, three people's pages
  await page.setViewportSize(LAPTOP);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, OWNER, DEMO_PASSWORD);

  // The keyboard alone: the header's Organization link, then the Directory sync tab.
  await tabTo(page, mainNav(page).getByRole("link", { name: "Organization" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/organization\/settings$/);
  await expect(organizationTabs(page).getByRole("link")).toHaveText(["Settings", "Sites", "Teams", "Directory sync"]);
  await tabTo(page, organizationTabs(page).getByRole("link", { name: "Directory sync" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Directory sync" })).toBeVisible();
  await expect(organizationTabs(page).getByRole("link", { name: "Directory sync" })).toHaveAttribute("aria-current", "page");

  // Where to point the directory: the SCIM URL, copied with one button.
  const connect = page.getByRole("region", { name: "Connect your directory" });
  await expect(connect.locator("code")).toHaveText(`${baseURL}/scim/v2`);
  await connect.getByRole("button", { name: "Copy The SCIM URL" }).click();
  await expect(connect.getByRole("button", { name: "Copied The SCIM URL" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/scim/v2`);
  await expect(page.getByText("No tokens yet. Make one for each directory that should sync.")).toBeVisible();
  await expect(managedSummary(page)).toHaveText("None yet.");
  await expect(page.getByText(/^No requests yet: /)).toBeVisible();

  // An empty name is refused beside the field, and nothing is made.
  const name = page.getByRole("textbox", { name: "Name", exact: true });
  await expect(name).toHaveAccessibleDescription(/^The directory that will use it/);
  await tabTo(page, name);
  await page.keyboard.press("Enter");
  const refusal = "Name the token after the directory that uses it";
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(new RegExp(`^${refusal}`));
  await expect(page.getByRole("region", { name: "Tokens", exact: true }).getByText(refusal)).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(tokensTable(page)).toHaveCount(0);

  // A name, Enter: the token shows once, in a dialog.
  await tabTo(page, name);
  await page.keyboard.type("Microsoft Entra ID");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Copy the token for Microsoft Entra ID now" });
  await expect(dialog).toBeVisible();
  await expect(toast(page, "Token “Microsoft Entra ID” made: copy it now")).toBeVisible();
  await expect(dialog).toContainText("It is shown only this once");
  const tokenBox = dialog.getByRole("textbox", { name: "Token" });
  await expect(tokenBox).not.toBeEditable();
  const token = await tokenBox.inputValue();
  expect(token).toMatch(/^ghscim_\S{20,}$/);
  await dialog.getByRole("button", { name: "Copy The token" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expectNoSeriousA11yViolations(page, { what: "the token dialog" });
  await screenshot(page, "directory-sync-token-dialog");
  await tabTo(page, dialog.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  // Back on the form the dialog came from, emptied for the next directory.
  await expect(name).toHaveValue("");
  await expect(name).toBeFocused();

  const entra = tokenRow(page, "Microsoft Entra ID");
  await expect(tokensTable(page).getByRole("columnheader")).toHaveText(["Name", "Made", "Last used", "People", "Status"]);
  await expect(cellOf(entra, 1)).toHaveText(new RegExp(`^${DATE_TIME.source} by Olivia Ortega$`));
  await expect(cellOf(entra, 2)).toHaveText("Never");
  await expect(cellOf(entra, 3)).toHaveText("0");
  await expect(entra.getByRole("button", { name: "Revoke Microsoft Entra ID" })).toBeVisible();

  // Entra, with the token: the userName probe finds no one…
  const scim = directory(request, token);
  const upn = "amara.okafor@contoso.test";
  const before = await scim<ScimList<ScimUser>>("GET", probe(upn));
  expect(before).toMatchObject({ status: 200, body: { schemas: [LIST], totalResults: 0, Resources: [], startIndex: 1 } });
  expect(before.headers["content-type"]).toBe(SCIM_JSON);

  // …so it creates them, with their department, site and extension: Pending, on Riverside.
  const created = await scim<ScimUser>("POST", "/Users", entraUser({ first: "Amara", last: "Okafor", upn, department: "Front Desk", site: "Riverside", extension: "4501" }));
  expect(created.status).toBe(201);
  expect(created.headers["content-type"]).toBe(SCIM_JSON);
  expect(created.headers.location).toBe(`${baseURL}/scim/v2/Users/${created.body.id}`);
  expect(created.body).toMatchObject({
    userName: upn,
    active: true,
    name: { givenName: "Amara", familyName: "Okafor" },
    [ENTERPRISE]: { department: "Front Desk" },
    [GATEHOUSE]: { site: "Riverside", extension: "4501", loginName: "4501@demo", status: "Pending" },
  });
  const id = created.body.id;

  // A marriage: a new last name and a new work address, as Entra's PATCH writes them.
  const newAddress = "amara.okafor-reyes@contoso.test";
  const renamed = await scim<ScimUser>("PATCH", `/Users/${id}`, {
    schemas: [PATCH_OP],
    Operations: [
      { op: "Replace", path: "name.familyName", value: "Okafor-Reyes" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: newAddress },
    ],
  });
  expect(renamed).toMatchObject({ status: 200, body: { name: { familyName: "Okafor-Reyes" }, emails: [{ value: newAddress }] } });

  // A group is a team: Entra probes for it, creates it, and adds her.
  const groupProbe = await scim<ScimList<ScimGroup>>("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Night Shift"')}`);
  expect(groupProbe.body).toMatchObject({ totalResults: 0, Resources: [] });
  const team = await scim<ScimGroup>("POST", "/Groups", { schemas: [GROUP], externalId: "entra-group-night-shift", displayName: "Night Shift", meta: { resourceType: "Group" } });
  expect(team).toMatchObject({ status: 201, body: { displayName: "Night Shift", members: [] } });
  const joined = await scim<ScimGroup>("PATCH", `/Groups/${team.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: id }] }] });
  expect(joined).toMatchObject({ status: 200, body: { members: [{ value: id }] } });

  // She leaves: Entra disables her with "False", a string.
  const disabled = await scim<ScimUser>("PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
  expect(disabled).toMatchObject({ status: 200, body: { active: false, [GATEHOUSE]: { status: "Disabled" } } });
  expect((await scim<ScimUser>("GET", `/Users/${id}`)).body).toMatchObject({ active: false, groups: [{ value: team.body.id, display: "Night Shift" }] });

  // The owner's page, reloaded: who it manages, when the token was last used, and each request with its answer.
  await page.reload();
  await expect(managedSummary(page)).toHaveText(/^1 in all: 0 Pending · 0 Active · 1 Disabled\. /);
  await expect(cellOf(entra, 2)).toHaveText(DATE_TIME);
  await expect(cellOf(entra, 3)).toHaveText("1");
  const requests = requestsTable(page);
  await expect(requests.getByRole("columnheader")).toHaveText(["Time", "Token", "Request", "Answer", "User"]);
  const rows = requests.locator("tbody > tr");
  const lines = [
    ["GET", `/scim/v2/Users/${id}`, "200", true],
    ["PATCH", `/scim/v2/Users/${id}`, "200", true],
    ["PATCH", `/scim/v2/Groups/${team.body.id}`, "200", false],
    ["POST", "/scim/v2/Groups", "201", false],
    ["GET", '/scim/v2/Groups?excludedAttributes=members&filter=displayName eq "Night Shift"', "200", false],
    ["PATCH", `/scim/v2/Users/${id}`, "200", true],
    ["POST", "/scim/v2/Users", "201", true],
    ["GET", `/scim/v2/Users?filter=userName eq "${upn}"`, "200", false],
  ] as const;
  await expect(rows).toHaveCount(lines.length);
  for (const [i, [method, path, status, linked]] of lines.entries()) {
    const row = rows.nth(i);
    await expect(cellOf(row, 0), `request ${i + 1}`).toHaveText(DATE_TIME);
    await expect(cellOf(row, 1), `request ${i + 1}`).toHaveText("Microsoft Entra ID");
    await expect(cellOf(row, 2), `request ${i + 1}`).toHaveText(`${method} ${path}`);
    await expect(cellOf(row, 3), `request ${i + 1}`).toHaveText(status);
    if (linked) await expect(row.getByRole("link", { name: "Amara Okafor-Reyes" }), `request ${i + 1}`).toHaveAttribute("href", `/users/${id}`);
  }
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "directory-sync");

  // The Users tab: disabled, on her new team and site, with her new name.
  await page.goto("/users?q=Okafor-Reyes");
  const person = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "Amara Okafor-Reyes", exact: true }) });
  await expect(person).toHaveCount(1);
  await expect(person).toContainText("Disabled");
  await expect(person.locator('[data-label="Team"]')).toHaveText("Night Shift");
  await expect(person.locator('[data-label="Site"]')).toHaveText("Riverside");
  await expect(person.locator('[data-label="Email"]')).toHaveText(newAddress);

  // Her page: managed by Entra, the directory's fields read-only.
  await person.getByRole("link", { name: "Amara Okafor-Reyes", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Amara Okafor-Reyes" })).toBeVisible();
  await expect(page.getByText("Managed by directory sync (Microsoft Entra ID)")).toBeVisible();
  for (const label of ["First name", "Last name", "Email", "Department"]) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field, label).not.toBeEditable();
    await expect(field, label).toHaveAccessibleDescription("From Microsoft Entra ID: change it there.");
  }
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("Okafor-Reyes");
  await expect(page.getByLabel("Department", { exact: true })).toHaveValue("Front Desk");
  await expect(page.getByRole("radio", { name: /Portal Access/ })).toHaveCount(0);
  await expect(page.getByLabel("Extension", { exact: true })).toBeEditable();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "directory-sync-member");

  // The office manager's audit log: each change by "Directory sync (Microsoft Entra ID)", newest first.
  await asSomeoneElse(browser, OFFICE_MANAGER, async (manager) => {
    await manager.goto("/audit-log");
    await expect(manager.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const events = manager.getByRole("table").locator("tbody > tr");
    const expected = [
      ["Disabled a user", "Amara Okafor-Reyes (4501)"],
      ["Edited a user", "Amara Okafor-Reyes (4501)"],
      ["Created a team", "Night Shift"],
      ["Edited a user", "Amara Okafor-Reyes (4501)"],
      ["Created a user", "Amara Okafor-Reyes (4501)"],
    ] as const;
    for (const [i, [action, target]] of expected.entries()) {
      const event = events.nth(i);
      await expect(event.locator('[data-label="Done by"]'), `event ${i + 1}`).toHaveText("Directory sync (Microsoft Entra ID)");
      await expect(event.locator('[data-label="Action"]'), `event ${i + 1}`).toContainText(action);
      await expect(event.locator('[data-label="User or item"]'), `event ${i + 1}`).toContainText(target);
    }
    await expect(events.nth(1)).toContainText("Night Shift");
    await expect(events.nth(3)).toContainText("Okafor → Okafor-Reyes");
    await expect(events.nth(5).locator('[data-label="Done by"]')).toHaveText("Olivia Ortega (100@demo)");
    await expect(events.nth(5)).toContainText("Made a directory sync token");
    // "Done by: Directory sync" keeps the directory's acts alone.
    await manager.getByLabel("Done by", { exact: true }).selectOption({ label: "Directory sync" });
    await expect(manager).toHaveURL(/[?&]by=directory\b/);
    await expect(events).toHaveCount(expected.length);
    await expect(events.locator('[data-label="Done by"]')).toHaveText(Array(expected.length).fill("Directory sync (Microsoft Entra ID)"));
    await expectNoSeriousA11yViolations(manager);
    await screenshot(manager, "directory-sync-audit-log");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. The welcome email on provisioning

test("[OWNER] turns on the welcome email when someone is provisioned; the next person Okta provisions gets it with their login name", async ({ page, request }) => {
  await signIn(page, OWNER, DEMO_PASSWORD);
  await page.goto(PAGE);
  const token = await makeToken(page, "Okta");

  const welcome = page.getByRole("region", { name: "Welcome email" });
  const setting = welcome.getByRole("checkbox", { name: "Send the welcome email when someone is provisioned" });
  await expect(setting).not.toBeChecked();
  await expect(setting).toHaveAccessibleDescription(/^Off: people your directory adds wait as Pending until you send their welcome email from the Users tab\. On: each gets it at once/);
  await setting.check();
  await welcome.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Directory sync settings saved")).toBeVisible();
  await page.reload();
  await expect(setting).toBeChecked();

  // Okta provisions Noor: she is welcomed at once, at the address Okta sent, with the login name Gatehouse made her.
  const email = "noor.haddad@okta-customer.test";
  const scim = directory(request, token, { userAgent: "Okta SCIM Client 1.0.0" });
  const noor = await provision(scim, oktaUser({ first: "Noor", last: "Haddad", email }));
  expect(noor[GATEHOUSE]).toMatchObject({ status: "Pending", loginName: "noor.haddad@demo" });
  const message = await newestEmail(email, WELCOME);
  expect(message.text).toContain("noor.haddad@demo");
  expect(message.links.some((link) => link.includes("/set-password/"))).toBe(true);

  // Someone provisioned inactive is not told anything.
  const quiet = "idris.bello@okta-customer.test";
  const idris = await provision(scim, { ...oktaUser({ first: "Idris", last: "Bello", email: quiet }), active: false });
  expect(idris[GATEHOUSE].status).toBe("Disabled");
  await newestEmail("noor.haddad@okta-customer.test", WELCOME); // the dispatcher has had its turn
  expect(await mailboxEmails(quiet)).toEqual([]);

  // Saved again unchanged: said so, not "saved".
  await welcome.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Nothing to save: the setting was already like this")).toBeVisible();
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Revoking a token

test("[OWNER] revokes a token after a dialog that can be cancelled; its next request is refused with a SCIM error and the row says Revoked", async ({ page, request }) => {
  await signIn(page, OWNER, DEMO_PASSWORD);
  await page.goto(PAGE);
  const token = await makeToken(page, "Google Workspace");
  const scim = directory(request, token, { userAgent: "Google-Auto-Provisioning" });
  expect((await scim("GET", "/Users?startIndex=1&count=1")).status).toBe(200);

  const row = tokenRow(page, "Google Workspace");
  const revoke = row.getByRole("button", { name: "Revoke Google Workspace" });
  const dialog = page.getByRole("dialog", { name: "Revoke “Google Workspace”?" });
  await tabTo(page, revoke);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Its next request is refused. The people it added stay as they are");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  // Cancelled: the token still works.
  expect((await scim("GET", "/Users?startIndex=1&count=1")).status).toBe(200);

  await revoke.click();
  await expectNoSeriousA11yViolations(page, { what: "the revoke dialog" });
  await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(toast(page, "Token “Google Workspace” revoked: its next request will be refused")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(cellOf(row, 4)).toHaveText(new RegExp(`^Revoked ${DATE_TIME.source}$`));
  await expect(row.getByRole("button")).toHaveCount(0);
  await page.reload();
  await expect(cellOf(tokenRow(page, "Google Workspace"), 4)).toHaveText(new RegExp(`^Revoked ${DATE_TIME.source}$`));

  // Google's next request: 401, in SCIM's words, and it says which header to send.
  const refused = await scim("GET", "/Users?startIndex=1&count=1");
  expect(refused).toMatchObject({ status: 401, body: { schemas: [ERROR], status: "401", detail: expect.stringContaining("Authorization: Bearer") } });
  expect(refused.headers["content-type"]).toBe(SCIM_JSON);
  expect(refused.headers["www-authenticate"]).toMatch(/^Bearer/);
  expect((await scim("POST", "/Users", oktaUser({ first: "Late", last: "Arrival", email: "late.arrival@example.test" }))).status).toBe(401);
});

// ---------------------------------------------------------------------------------------------------------------
// 4. The office manager and a synced member

test("[OFFICE MANAGER] edits a synced member: the directory's fields can't be typed into, the extension and team save; Directory sync is not theirs", async ({ page, browser, request }) => {
  const token = await tokenFromOwner(browser, "Entra (front desk)");
  const scim = directory(request, token);
  const lena = await provision(scim, {
    ...entraUser({ first: "Lena", last: "Sorensen", upn: "lena.sorensen@contoso.test", department: "Reception", site: "Hillcrest", extension: "4601" }),
    phoneNumbers: [{ type: "work", value: "(415) 555-0177" }],
  });

  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto(`/users/${lena.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Lena Sorensen" })).toBeVisible();
  const badge = page.getByText("Managed by directory sync (Entra (front desk))");
  await expect(badge).toBeVisible();
  await expect(page.getByRole("group", { name: "User type" })).toHaveCount(0);

  // The directory's fields: shown, focusable, but typing changes nothing.
  const owned = { "First name": "Lena", "Last name": "Sorensen", Email: "lena.sorensen@contoso.test", "Direct number": "+1 415 555 0177", Department: "Reception" } as const;
  for (const [label, value] of Object.entries(owned)) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field, label).toHaveValue(value);
    await expect(field, label).not.toBeEditable();
    await expect(field, label).toHaveAccessibleDescription("From Entra (front desk): change it there.");
    await field.focus();
    await page.keyboard.press("End");
    await page.keyboard.type("x");
    await page.keyboard.press("Backspace");
    await expect(field, label).toHaveValue(value);
  }

  // What stays the office's: the extension and the team.
  await page.getByLabel("Extension", { exact: true }).fill("4602");
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Billing" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Changes to Lena Sorensen saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Extension", { exact: true })).toHaveValue("4602");
  await expect(page.getByLabel("Team", { exact: true })).toHaveValue(/./);
  await expect(page.getByLabel("Team", { exact: true }).locator("option:checked")).toHaveText("Billing");
  await expect(badge).toBeVisible();
  await expect(page.getByText("Extension 4602 · ")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "directory-sync-member-office-manager");

  // The directory reads the office's changes back, and still manages her.
  expect((await scim<ScimUser>("GET", `/Users/${lena.id}`)).body).toMatchObject({ [GATEHOUSE]: { extension: "4602", site: "Hillcrest" }, groups: [{ display: "Billing" }] });

  // Directory sync is the owner's: no tab, and its address is not found.
  await page.goto("/organization/settings");
  await expect(organizationTabs(page).getByRole("link")).toHaveText(["Settings", "Sites", "Teams"]);
  await expectNotFound(page, PAGE);
  await expect(page.getByRole("heading", { name: "Connect your directory" })).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Bad input from outside

test("[DIRECTORY] bad requests are refused with SCIM error bodies and write nothing: malformed JSON, a taken userName, an unsupported filter, an unknown PATCH path, no token", async ({ page, browser, request }) => {
  const token = await tokenFromOwner(browser, "Okta (staging)");
  const scim = directory(request, token, { userAgent: "Okta SCIM Client 1.0.0" });
  const everyone = async () => (await scim<ScimList<ScimUser>>("GET", "/Users?count=0")).body.totalResults;
  const kofi = await provision(scim, oktaUser({ first: "Kofi", last: "Asante", email: "kofi.asante@okta-customer.test" }));
  const before = await everyone();
  const refusedWith = (answer: ScimAnswer<unknown>, status: number, scimType?: string) => {
    expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail: expect.any(String) } });
    expect(answer.headers["content-type"]).toBe(SCIM_JSON);
  };

  // Malformed JSON.
  refusedWith(await scim("POST", "/Users", undefined, { raw: '{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": ' }), 400, "invalidSyntax");
  // A userName already taken, in another case.
  refusedWith(await scim("POST", "/Users", oktaUser({ first: "Kofi", last: "Again", email: "KOFI.ASANTE@okta-customer.test" })), 409, "uniqueness");
  expect(await everyone()).toBe(before);
  // A filter Gatehouse can't answer.
  refusedWith(await scim("GET", `/Users?filter=${encodeURIComponent('title eq "Boss"')}`), 400, "invalidFilter");
  // A PATCH whose second operation names an attribute no schema has: the first is not applied either.
  refusedWith(
    await scim("PATCH", `/Users/${kofi.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "replace", path: "name.givenName", value: "Kwame" },
        { op: "replace", path: "favouriteColour", value: "blue" },
      ],
    }),
    400,
    "invalidPath",
  );
  expect((await scim<ScimUser>("GET", `/Users/${kofi.id}`)).body).toMatchObject({ name: { givenName: "Kofi", familyName: "Asante" }, active: true });
  // No token at all.
  const anonymous = await directory(request, null)("GET", "/Users");
  refusedWith(anonymous, 401);
  expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer/);
  // A token that isn't one.
  refusedWith(await directory(request, "ghscim_not-a-real-token")("POST", "/Users", oktaUser({ first: "Eve", last: "Intruder", email: "eve@example.test" })), 401);
  expect(await everyone()).toBe(before);
  expect((await scim<ScimList<ScimUser>>("GET", probe("eve@example.test"))).body.totalResults).toBe(0);

  // The owner reads each refusal in the request log, with its reason.
  await asSomeoneElse(browser, OWNER, async (owner) => {
    await owner.goto(PAGE);
    const rows = requestsTable(owner)
      .locator("tbody > tr")
      .filter({ has: owner.getByRole("cell", { name: "Okta (staging)", exact: true }) });
    const answerOf = async (request: string) => cellOf(rows.filter({ has: owner.getByRole("cell", { name: request, exact: true }) }).first(), 3);
    await expect(await answerOf(`PATCH /scim/v2/Users/${kofi.id}`)).toContainText(/^400 invalidPath/);
    await expect(await answerOf('GET /scim/v2/Users?filter=title eq "Boss"')).toContainText(/^400 invalidFilter.*isn't supported/);
    await expect(rows.filter({ hasText: "409 uniqueness" })).toContainText('userName "KOFI.ASANTE@okta-customer.test" is already another user\'s.');
    await expect(rows.filter({ hasText: "400 invalidSyntax" })).toContainText("The body is not valid JSON.");
    await screenshot(owner, "directory-sync-refusals");
  });
  void page;
});

// ---------------------------------------------------------------------------------------------------------------
// 6. On a phone, and at a laptop's width

test("[OWNER] on a phone the Directory sync page fits: tokens and requests are cards, the token dialog and a synced member's profile pass axe", async ({ page, request }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, OWNER, DEMO_PASSWORD);
  await page.goto(PAGE);

  // The token dialog, on a phone.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Entra (phone)");
  await page.getByRole("button", { name: "Make a token" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy the token for Entra (phone) now" });
  const token = await dialog.getByRole("textbox", { name: "Token" }).inputValue();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousA11yViolations(page, { what: "the token dialog on a phone" });
  await screenshot(page, "directory-sync-token-dialog-phone");
  await dialog.getByRole("button", { name: "Done" }).click();

  // Some requests to list, with a long path and a refusal among them.
  const scim = directory(request, token);
  const upn = "bartholomew.featherstonehaugh-wainwright@a-rather-long-subsidiary-name.contoso.test";
  expect((await scim("GET", probe(upn))).status).toBe(200);
  const bart = await provision(scim, entraUser({ first: "Bartholomew", last: "Featherstonehaugh-Wainwright", upn, department: "Hygiene", site: "Downtown", extension: "4701" }));
  expect((await scim("GET", `/Users?filter=${encodeURIComponent('title eq "Boss"')}`)).status).toBe(400);

  await page.reload();
  for (const [table, name] of [
    [tokensTable(page), "tokens"],
    [requestsTable(page), "requests"],
  ] as const) {
    // Cards: no header row to read across, each row a box within the screen, each value beside its label.
    await expect(table.getByRole("columnheader").first(), name).toBeHidden();
    const first = table.locator("tbody > tr").first();
    const card = (await first.boundingBox())!;
    expect(card.x, name).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width, name).toBeLessThanOrEqual(PHONE.width);
    expect(await first.evaluate((row) => getComputedStyle(row).display), name).toBe("grid");
  }
  await expect(tokenRow(page, "Entra (phone)").locator('[data-label="Last used"]')).toHaveText(DATE_TIME);
  await expect(tokenRow(page, "Entra (phone)").getByRole("button", { name: "Revoke Entra (phone)" })).toBeInViewport({ ratio: 0 }).catch(() => undefined);
  const newest = requestsTable(page).locator("tbody > tr").first();
  await expect(newest.locator('[data-label="Answer"]')).toContainText("400 invalidFilter");
  await expectNoSidewaysScroll(page, "Directory sync on a phone");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "directory-sync-phone");

  // The synced member's profile on a phone, then both pages at a laptop's width.
  await page.goto(`/users/${bart.id}`);
  await expect(page.getByText("Managed by directory sync (Entra (phone))")).toBeVisible();
  await expectNoSidewaysScroll(page, "a synced member's profile on a phone");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "directory-sync-member-phone");

  await page.setViewportSize(LAPTOP);
  await expectNoSidewaysScroll(page, "a synced member's profile at 1280");
  await screenshot(page, "directory-sync-member-1280");
  await page.goto(PAGE);
  await expect(requestsTable(page).getByRole("columnheader", { name: "Request" })).toBeVisible();
  await expectNoSidewaysScroll(page, "Directory sync at 1280");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "directory-sync-1280");
});
