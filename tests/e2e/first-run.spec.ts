import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, expectNoSidewaysScroll, expectNotFound, identifierField, passwordField, PHONE, screenshot, signIn, signOutWithKeyboard, toast, type MailboxEmail } from "./helpers";

/**
 * First run (SPEC §4.1) against a server that started on an empty database. The steps build on each other (the
 * organization exists only after setup), so they run in order and stop at the first failure.
 */
test.describe.configure({ mode: "serial" });

const ORGANIZATION = "Harbor Clinic";
const OWNER = { first: "Mara", last: "Lindgren", email: "mara.owner@harbor-clinic.test" };
const PASSWORD = "copper kettle whistles at dawn";
let loginName = ""; // read from the toast after setup, as the owner would

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const createButton = (page: Page) => page.getByRole("button", { name: "Create organization" });

/** Fills the whole setup form for the owner, with this password typed twice, and submits it. */
async function submitSetup(page: Page, password: string) {
  await page.goto("/setup");
  await field(page, "Organization name").fill(ORGANIZATION);
  await field(page, "First name").fill(OWNER.first);
  await field(page, "Last name").fill(OWNER.last);
  await field(page, "Email").fill(OWNER.email);
  await field(page, "Password").fill(password);
  await field(page, "Confirm password").fill(password);
  await createButton(page).click();
}

test("[VISITOR] an empty database sends the first visit of / to the setup page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1, name: "Set up Gatehouse" })).toBeVisible();
  await expect(field(page, "Organization name")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "setup");
});

test("[OWNER] submitting an incomplete form shows a message beside each missing field and keeps what was typed", async ({ page }) => {
  await page.goto("/setup");
  await createButton(page).click(); // nothing at all
  await expect(field(page, "Organization name")).toHaveAccessibleDescription("Enter your organization's name");
  await expect(field(page, "Organization name")).toBeFocused(); // the cursor waits at the first problem

  await field(page, "Organization name").fill(ORGANIZATION);
  await field(page, "First name").fill(OWNER.first);
  await createButton(page).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(field(page, "Last name")).toHaveAccessibleDescription("Enter a last name");
  await expect(field(page, "Email")).toHaveAccessibleDescription("Enter your email address");
  await expect(field(page, "Password")).toHaveAccessibleDescription(/^Enter a password/);
  await expect(field(page, "Organization name")).not.toHaveAttribute("aria-invalid");
  await expect(field(page, "Organization name")).toHaveValue(ORGANIZATION);
  await expect(field(page, "First name")).toHaveValue(OWNER.first);
  await expect(field(page, "Last name")).toBeFocused();
  // Side by side, the two name fields stay inside the form and keep one height when only one has a message.
  const form = (await page.locator("form").boundingBox())!;
  const first = (await field(page, "First name").boundingBox())!;
  const last = (await field(page, "Last name").boundingBox())!;
  expect(first.x + first.width).toBeLessThanOrEqual(last.x);
  expect(last.x + last.width).toBeLessThanOrEqual(form.x + form.width + 0.5);
  expect(first.height).toBeCloseTo(last.height, 0);
  await screenshot(page, "setup-errors");
});

test("[OWNER] a password shorter than 15 characters is refused with a message saying so", async ({ page }) => {
  await submitSetup(page, "short phrase");
  await expect(field(page, "Password")).toHaveAccessibleDescription(/^Use at least 15 characters \(you have 12\)\./);
  await expect(field(page, "Password")).toBeFocused();
  await expect(field(page, "Password")).toHaveValue(""); // never echoed back
  await expect(field(page, "Email")).toHaveValue(OWNER.email);
  await expect(page).toHaveURL(/\/setup$/);
});

test("[OWNER] completing setup signs the owner in and names the new login in a toast", async ({ page }) => {
  await submitSetup(page, PASSWORD);

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${OWNER.first}` })).toBeVisible();
  const header = page.getByRole("banner");
  await expect(header.getByText("Gatehouse", { exact: true })).toBeVisible();
  await expect(header.getByText(ORGANIZATION, { exact: true })).toBeVisible();
  const toast = page.getByText(/^Your organization is ready\. Your login name is .+\.$/);
  await expect(toast).toBeVisible();
  loginName = /Your login name is (.+)\.$/.exec((await toast.textContent()) ?? "")?.[1] ?? "";
  expect(loginName).toBe("mara.lindgren@harbor-clinic");
  await screenshot(page, "owner-home-after-setup");
});

test("[VISITOR] after setup /setup answers 404 with the Page not found page", async ({ page }) => {
  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
  await expect(field(page, "Organization name")).toHaveCount(0);
});

test("[OWNER] signs out from the user menu and back in with the login name, then with the email", async ({ page }) => {
  expect(loginName, "set by the setup test").not.toBe("");
  await signIn(page, loginName, PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${OWNER.first}` })).toBeVisible();
  await signOutWithKeyboard(page, `${OWNER.first} ${OWNER.last}`);

  await signIn(page, OWNER.email, PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${OWNER.first}` })).toBeVisible();
  await expect(page.getByRole("banner").getByText(ORGANIZATION, { exact: true })).toBeVisible();
});

test("[VISITOR] an anonymous visit to / after setup goes to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(identifierField(page)).toBeVisible();
  await expect(passwordField(page)).toBeVisible();
});

// ---------------------------------------------------------------------------------------------------------------
// Running the new organization (SPEC §4.15): no seed script, only what the owner does on screen.

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const place = (page: Page, name: string) => page.getByRole("list", { name: /^(Sites|Teams)$/ }).getByRole("listitem", { name, exact: true });
const DANA = { first: "Dana", last: "Reyes", email: "dana.reyes@harbor-clinic.test", password: "dana keeps the harbor desk humming" };

/** Creates a site or team from the "New site" / "New team" field, pressing Enter as a keyboard user would. */
async function createPlace(page: Page, word: "site" | "team", name: string) {
  const field = page.getByLabel(`New ${word}`, { exact: true });
  await field.fill(name);
  await field.press("Enter");
  await expect(toast(page, `${word === "site" ? "Site" : "Team"} "${name}" created`)).toBeVisible();
  await expect(place(page, name)).toBeVisible();
  await expect(field).toHaveValue("");
}

test("[OWNER] of the new organization creates two sites and a team under Organization; a name taken, in any case, is refused beside the field", async ({ page }) => {
  await signIn(page, loginName, PASSWORD);
  await mainNav(page).getByRole("link", { name: "Organization" }).click();
  const tabs = page.getByRole("navigation", { name: "Organization" });
  await tabs.getByRole("link", { name: "Sites" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
  await expect(page.getByText(/^No sites yet\./)).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Sites" })).toHaveAttribute("aria-current", "page");

  await createPlace(page, "site", "Harbor North");
  await createPlace(page, "site", "Harbor South");
  const field = page.getByLabel("New site", { exact: true });
  await field.fill("harbor NORTH");
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(field).toHaveAccessibleDescription("A site with this name already exists");
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("harbor NORTH");
  await expect(page.getByRole("list", { name: "Sites" }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) })).toHaveCount(2);
  await expect(place(page, "Harbor North").getByText("No members yet")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-sites");

  await tabs.getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await createPlace(page, "team", "Front desk");
  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-teams-phone");
});

test("[OWNER] places a new member on a site and a team, makes her the site's site manager; signed in, she sees only that site and renames nothing", async ({ page, browser }) => {
  await signIn(page, loginName, PASSWORD);
  await page.goto("/users/new");
  await page.getByLabel("First name").fill(DANA.first);
  await page.getByLabel("Last name").fill(DANA.last);
  await page.getByLabel("Email", { exact: true }).fill(DANA.email);
  await page.getByLabel("Site").selectOption({ label: "Harbor North" });
  await page.getByLabel("Team").selectOption({ label: "Front desk" });
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(toast(page, "Dana Reyes")).toBeVisible();

  // The site now holds her; the owner makes her its site manager with the keyboard.
  await page.goto("/organization/sites");
  const north = place(page, "Harbor North");
  await expect(north.getByRole("link", { name: "1 member on Harbor North" })).toBeVisible();
  await north.getByRole("button", { name: "Add site manager to Harbor North" }).click();
  const dialog = page.getByRole("dialog", { name: "Add site manager to Harbor North" });
  await dialog.getByLabel("Find a person").fill("dan");
  await expect(dialog.getByRole("radio", { name: "Dana Reyes" })).toHaveAccessibleDescription(/^Member · dana\.reyes@harbor-clinic · on Harbor North$/);
  await expect(dialog.getByRole("radio")).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-add-site-manager");
  await dialog.getByRole("radio", { name: "Dana Reyes" }).check();
  await dialog.getByRole("button", { name: "Add site manager" }).press("Enter");
  await expect(toast(page, "Dana Reyes now manages Harbor North")).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(north.getByRole("link", { name: "Dana Reyes" })).toBeVisible();
  await expect(place(page, "Harbor South").getByText("None yet")).toBeVisible();

  // Her welcome email, from her profile, as seed 002 says; she sets her password in a browser of her own.
  await page.goto("/users?q=Dana");
  await page.getByRole("table").getByRole("link", { name: "Dana Reyes", exact: true }).click();
  await expect(page.getByLabel("Role")).toHaveValue("site_manager");
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Advanced" }).click();
  await page.getByRole("button", { name: "Send Welcome Email" }).click();
  await expect(toast(page, "Email successfully sent")).toBeVisible();
  let link: string | undefined;
  await expect
    .poll(async () => {
      const emails = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(DANA.email)}`)).json()) as MailboxEmail[];
      link = emails[0]?.links.find((l) => l.includes("/set-password/"));
      return link;
    }, { message: "Dana's welcome email", timeout: 15_000 })
    .toBeTruthy();

  const context = await browser.newContext({ viewport: PHONE });
  try {
    const dana = await context.newPage();
    await dana.goto(link!);
    await dana.getByLabel("New password").fill(DANA.password);
    await dana.getByLabel("Confirm password").fill(DANA.password);
    await dana.getByLabel("Voicemail PIN").fill("4827");
    await dana.getByRole("button", { name: "Set password" }).click();
    await expect(dana.getByRole("banner").getByText("Harbor Clinic", { exact: true })).toBeVisible();
    await dana.goto("/organization");
    await expect(dana).toHaveURL(/\/organization\/sites$/);
    await expect(dana.getByRole("heading", { level: 1, name: "Sites" })).toBeVisible();
    await expect(dana.getByRole("list", { name: "Sites" }).getByRole("heading", { level: 2 })).toHaveText(["Harbor North"]);
    await expect(dana.getByText(/Only an owner or office manager can create, rename or delete sites/)).toBeVisible();
    await expect(dana.getByRole("button", { name: /Rename|Delete|Add site manager|Remove/ })).toHaveCount(0);
    await expect(dana.getByLabel("New site")).toHaveCount(0);
    await expectNoSidewaysScroll(dana);
    await expectNoSeriousA11yViolations(dana);
    await screenshot(dana, "organization-sites-site-manager-phone");
    await expectNotFound(dana, "/organization/teams");
    await expectNotFound(dana, "/organization/settings");
  } finally {
    await context.close();
  }
});

test("[OWNER] deletes a site with a member only by moving her to another site in the same step, then renames that site", async ({ page }) => {
  await signIn(page, loginName, PASSWORD);
  await page.goto("/organization/sites");
  await place(page, "Harbor North").getByRole("button", { name: "Delete Harbor North" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Harbor North?" });
  await expect(dialog).toContainText("1 member is on Harbor North. Choose where they go");
  await expect(dialog).toContainText("Dana Reyes will no longer manage it.");
  await dialog.getByRole("button", { name: "Move 1 member and delete" }).click();
  const moveTo = dialog.getByLabel("Move 1 member to");
  await expect(moveTo).toHaveAccessibleDescription("Choose where its member goes");
  await expect(dialog).toBeVisible();
  await moveTo.selectOption({ label: "Harbor South" });
  await expect(moveTo.locator("option")).toHaveText(["Choose…", "Harbor South", "No site"]);
  await dialog.getByRole("button", { name: "Move 1 member and delete" }).click();
  await expect(toast(page, 'Site "Harbor North" deleted; 1 member moved to "Harbor South"')).toBeVisible();
  await expect(place(page, "Harbor North")).toHaveCount(0);
  const south = place(page, "Harbor South");
  await expect(south.getByRole("link", { name: "1 member on Harbor South" })).toBeVisible();

  // Rename with the keyboard only: the dialog opens on its field, Escape would have closed it unchanged.
  await south.getByRole("button", { name: "Rename Harbor South" }).focus();
  await page.keyboard.press("Enter");
  const rename = page.getByRole("dialog", { name: "Rename Harbor South" });
  await expect(rename.getByLabel("Name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(rename).toHaveCount(0);
  await expect(south.getByRole("button", { name: "Rename Harbor South" })).toBeFocused();
  await page.keyboard.press("Enter");
  await rename.getByLabel("Name").fill("Harbor");
  await rename.getByLabel("Name").press("Enter");
  await expect(toast(page, 'Site renamed to "Harbor"')).toBeVisible();
  await place(page, "Harbor").getByRole("link", { name: "1 member on Harbor" }).click();
  await expect(page).toHaveURL(/\/users\?site=/);
  await expect(page.getByRole("table").getByRole("link", { name: "Dana Reyes", exact: true })).toBeVisible();
});
