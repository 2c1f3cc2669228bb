import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, identifierField, passwordField, screenshot, signIn, signOutWithKeyboard } from "./helpers";

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
