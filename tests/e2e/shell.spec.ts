import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_SIGN_INS } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, screenshot, signIn, signOutWithKeyboard, tabTo } from "./helpers";

/** The signed-in shell and home page of every demo role (lib/demo/seed-demo.ts), plus the pages around them. */

const ORGANIZATION = "Demo Dental Group";
const STATUSES = ["Pending", "Active", "Disabled", "No portal access"];

type Expected = { name: string; header: string; welcome?: string; peopleHeading?: string };
// What each demo sign-in should see; a login missing here fails the test, so a new demo role can't slip by untested.
const EXPECTED: Record<string, Expected> = {
  "100@demo": { name: "Olivia Ortega", header: ORGANIZATION, welcome: "Olivia", peopleHeading: `People at ${ORGANIZATION}` },
  "101@demo": { name: "Adam Ashby", header: ORGANIZATION, welcome: "Adam", peopleHeading: `People at ${ORGANIZATION}` },
  "110@demo": { name: "Sara Lindqvist", header: ORGANIZATION, welcome: "Sara", peopleHeading: "People on your sites" },
  "120@demo": { name: "Carlos Mendez", header: ORGANIZATION, welcome: "Carlos", peopleHeading: "Your agents" },
  "200@demo": { name: "Priya Natarajan", header: ORGANIZATION, welcome: "Priya" },
  "support@gatehouse.test": { name: "Sid Support", header: "Gatehouse Support" },
};

const screenName = (role: string) => `home-${role.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

async function expectStatusCounts(page: Page, heading: string) {
  const section = page.getByRole("region", { name: heading });
  await expect(section).toBeVisible();
  for (const status of STATUSES) await expect(section.getByRole("term").filter({ hasText: new RegExp(`^${status}$`) })).toBeVisible();
}

for (const { role, login } of DEMO_SIGN_INS) {
  test(`[${role.toUpperCase()}] sees their own home page, opens the user menu with the keyboard and signs out`, async ({ page }) => {
    const expected = EXPECTED[login];
    expect(expected, `expectations for ${login}`).toBeDefined();
    if (!expected) return;
    await page.goto("/sign-in");
    await signIn(page, login, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/$/);

    const header = page.getByRole("banner");
    await expect(header.getByText("Gatehouse", { exact: true })).toBeVisible();
    await expect(header.getByText(expected.header, { exact: true })).toBeVisible();

    if (expected.welcome && expected.peopleHeading) {
      await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${expected.welcome}` })).toBeVisible();
      const account = page.getByRole("region", { name: "Your account" });
      await expect(account).toBeVisible();
      await expect(account.getByRole("definition").filter({ hasText: new RegExp(`^${login}$`) })).toBeVisible();
      await expectStatusCounts(page, expected.peopleHeading);
    } else if (expected.welcome) {
      // A member manages nobody: their home is where they start from, their login name and where it works (SPEC §4.9).
      await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${expected.welcome}` })).toBeVisible();
      await expect(page.getByRole("term").filter({ hasText: /^Pending$/ })).toHaveCount(0);
      await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Your login name", "Where your login works", "Your voicemail PIN"]);
      await expect(page.getByRole("region", { name: "Your login name" })).toContainText(login);
      await expect(page.getByRole("link", { name: "Go to My Account" })).toBeVisible();
    } else {
      await expect(page.getByRole("heading", { level: 1, name: "Support console" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Organizations" }).getByRole("link", { name: ORGANIZATION })).toBeVisible();
    }

    await expectNoSeriousA11yViolations(page);
    await screenshot(page, screenName(role));
    await signOutWithKeyboard(page, expected.name, { screenshotAs: `${screenName(role)}-user-menu` });

    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/); // the session really ended
  });
}

test("[OWNER] sees the organization's members counted by status", async ({ page }) => {
  await signIn(page, "100@demo", DEMO_PASSWORD);
  const people = page.getByRole("region", { name: `People at ${ORGANIZATION}` });
  // 50 demo members: 18 active, 25 pending, 2 disabled, 5 lobby and room phones without portal access.
  for (const [status, count] of [["Pending", "25"], ["Active", "18"], ["Disabled", "2"], ["No portal access", "5"]] as const) {
    await expect(people.getByRole("term").filter({ hasText: new RegExp(`^${status}$`) }).locator("xpath=following-sibling::dd[1]")).toHaveText(count);
  }
  await expect(people.getByText("3 sites and 5 teams in the organization.")).toBeVisible();
  // Each count opens the Users tab on that status; the keyboard reaches them in order.
  await tabTo(page, people.getByRole("link", { name: "Pending" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/users\?status=pending$/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("pending");
  await page.goBack();
  await people.getByRole("link", { name: "No portal access" }).click();
  await expect(page).toHaveURL(/\/users\?status=no-portal$/);
});

test("[VISITOR] the sign-in page has no serious accessibility problems", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "sign-in");
});

test("[OFFICE MANAGER] a mistyped address shows the Page not found page, which has no serious accessibility problems", async ({ page }) => {
  await signIn(page, "101@demo", DEMO_PASSWORD);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "not-found");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Adam" })).toBeVisible();
});

test("[OFFICE MANAGER] on a phone the header fits: every page and \"Sign out\" are behind \"Menu\", which the keyboard opens and Escape closes", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "101@demo", DEMO_PASSWORD);
  const header = page.getByRole("banner");
  expect(await header.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // the home page too
  // The organization's whole name, not cut short: it may take a second line under "Gatehouse".
  const organizationName = header.getByText(ORGANIZATION, { exact: true });
  expect(await organizationName.evaluate((el) => [el, el.parentElement!].some((box) => box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight))).toBe(false);
  const [product, organization] = [await header.getByText("Gatehouse", { exact: true }).boundingBox(), await organizationName.boundingBox()];
  expect(product!.y + product!.height).toBeLessThanOrEqual(organization!.y + 1);
  const menu = header.locator("summary").filter({ hasText: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();

  await tabTo(page, menu);
  await page.keyboard.press("Enter");
  await expect(nav.getByRole("link")).toHaveText(["Home", "Users", "Email log", "Audit log", "Organization"]);
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(header.getByText("Adam Ashby").filter({ visible: true })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "phone-menu-open");
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  // A page opened from the menu closes it.
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "Email log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email log" })).toBeVisible();
  await expect(nav).toBeHidden();
  expect(await header.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);

  await menu.click();
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
});

// ---------------------------------------------------------------------------------------------------------------
// Every page fits a phone and a laptop (SPEC §4.17)

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("[OWNER] on a phone no portal page scrolls sideways", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "100@demo", DEMO_PASSWORD);
  await page.goto("/users?q=Priya");
  const priya = page.getByRole("table").getByRole("link", { name: "Priya Natarajan", exact: true });
  await priya.click();
  const profile = new URL(page.url()).pathname;
  for (const path of ["/", "/users", "/users/new", "/users/import", profile, `${profile}/advanced`, `${profile}/email-log`, "/email-log", "/organization/settings", "/organization/sites", "/organization/teams"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await pageWidth(page), `${path} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  }
});

test("[OFFICE MANAGER] on a phone the Users tab is a list of cards: name, extension, status, email and stamps; selection and Bulk Action within reach", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "101@demo", DEMO_PASSWORD);
  await page.goto("/users?q=Priya");
  const card = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: "Priya Natarajan", exact: true }) });
  await expect(card).toBeVisible();
  const box = (await card.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  for (const text of ["200", "Active", "priya.natarajan@demo-dental.test"]) await expect(card).toContainText(text);
  // Each stamp on its own labelled line (the label is the cell's data-label, drawn beside the value).
  for (const label of ["Extension", "Email", "Confirmation sent", "Confirmed at", "Last email"]) await expect(card.locator(`[data-label="${label}"]`)).toBeVisible();
  await expect(card.locator('[data-label="Confirmation sent"]')).toHaveText(/\w{3} \d{1,2}, \d{4}/);
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, "users-phone-card");

  await page.goto("/users");
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  const bulk = page.getByRole("button", { name: /^Bulk Action/ });
  await expect(bulk).toBeInViewport();
  await bulk.click();
  await expect(page.getByRole("dialog", { name: "Bulk User Actions" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Clear selection" }).first().click();
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "users-phone");

  await page.goto("/email-log");
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "email-log-phone");
});

test('[OFFICE MANAGER] on a laptop the Users tab shows "Confirmation sent", "Confirmed at" and "Last email" without scrolling; empty cells say "—"', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, "101@demo", DEMO_PASSWORD);
  await page.goto("/users");
  const region = page.getByRole("region", { name: "users table" });
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  for (const header of ["Confirmation sent", "Confirmed at", "Last email"]) {
    await expect(page.getByRole("columnheader", { name: header, exact: true })).toBeInViewport();
  }
  // Lobby Phone has no portal access: no email, never sent one.
  await page.goto("/users?q=900");
  const lobby = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: "Lobby Phone", exact: true }) });
  await expect(lobby.getByRole("cell", { name: "—" })).toHaveCount(4); // email, confirmation sent, confirmed at, last email
  await screenshot(page, "users-laptop");
});
