import { expect, test } from "@playwright/test";
import pg from "pg";
import { formAlert, identifierField, passwordField, signIn, signOutWithKeyboard } from "./helpers";

/**
 * SPEC §9: two app instances on one PostgreSQL database behave as one. Every piece of shared state lives in the
 * database: whether setup is done, sessions (their version), and throttling counters. Runs only where
 * E2E_DATABASE_URL names an empty PostgreSQL database (playwright.config.ts); both instances start on it at once,
 * so their migrations meet on the advisory lock too.
 */
test.describe.configure({ mode: "serial" });

const [instanceA = "", instanceB = ""] = (process.env.E2E_INSTANCE_URLS ?? "").split(" ");
const PASSWORD = "seven quiet harbors under snow";
const OWNER_EMAIL = "ines.owner@twin-instances.test";

test("[OWNER] sets up on one instance, and the other knows at once that setup is done", async ({ page }) => {
  await page.goto(`${instanceA}/setup`);
  await page.getByLabel("Organization name").fill("Twin Instances Ltd");
  await page.getByLabel("First name").fill("Ines");
  await page.getByLabel("Last name").fill("Ortiz");
  await page.getByLabel("Email").fill(OWNER_EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Ines" })).toBeVisible();

  const onB = await page.request.get(`${instanceB}/setup`, { maxRedirects: 0 });
  expect(onB.status()).toBe(404);
});

test("[OWNER] signed in on one instance is signed in on the other, and a session ended in the database ends on both", async ({ page }) => {
  await page.goto(`${instanceA}/sign-in`);
  await signIn(page, OWNER_EMAIL, PASSWORD);
  await page.goto(`${instanceB}/`);
  await expect(page.getByRole("heading", { name: "Welcome, Ines" })).toBeVisible();

  // What a password change will do (a later issue): bump the member's session version, on the shared database.
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query("update member set session_version = session_version + 1 where primary_email = $1", [OWNER_EMAIL]);
  } finally {
    await client.end();
  }
  for (const instance of [instanceA, instanceB]) {
    await page.goto(`${instance}/`);
    await expect(page).toHaveURL(/\/sign-in\?reason=session-ended$/);
    await expect(page.getByText("Your session has ended")).toBeVisible();
  }
});

test("[OWNER] after \"Sign out\" on one instance, a saved copy of the session cookie opens neither instance", async ({ page, browser }) => {
  await page.goto(`${instanceA}/sign-in`);
  await signIn(page, OWNER_EMAIL, PASSWORD);
  await expect(page.getByRole("heading", { name: "Welcome, Ines" })).toBeVisible();
  const saved = await page.context().cookies();
  // A second device of the same person: signing out on the first must not end it.
  const laptop = await browser.newContext();
  const laptopPage = await laptop.newPage();
  await laptopPage.goto(`${instanceB}/sign-in`);
  await signIn(laptopPage, OWNER_EMAIL, PASSWORD);

  await signOutWithKeyboard(page, "Ines Ortiz");

  const thief = await browser.newContext();
  await thief.addCookies(saved);
  const thiefPage = await thief.newPage();
  for (const instance of [instanceA, instanceB]) {
    await thiefPage.goto(`${instance}/`);
    await expect(thiefPage).toHaveURL(/\/sign-in\?reason=session-ended$/);
  }
  await laptopPage.goto(`${instanceA}/`);
  await expect(laptopPage.getByRole("heading", { name: "Welcome, Ines" })).toBeVisible();
  await thief.close();
  await laptop.close();
});

test("[VISITOR] failed sign-ins are counted across instances, so switching instance does not reset the count", async ({ page }) => {
  const guess = `twin-guesser-${Date.now()}@nowhere.test`;
  const attempt = async (instance: string) => {
    await page.goto(`${instance}/sign-in`);
    await identifierField(page).fill(guess);
    await passwordField(page).fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toBeVisible();
    return formAlert(page).innerText();
  };
  for (const instance of [instanceA, instanceB, instanceA, instanceB]) {
    expect(await attempt(instance)).toMatch(/don't match an account/);
  }
  expect(await attempt(instanceA)).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  expect(await attempt(instanceB)).toBe("Too many sign-in attempts. Try again in 15 minutes.");
});
