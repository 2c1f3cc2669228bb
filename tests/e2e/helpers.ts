import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** The words of a failed sign-in, whatever went wrong (app/(auth)/sign-in/actions.ts, SPEC §6). */
export const GENERIC_SIGN_IN_ERROR = "That login name or email and password don't match an account. Check them and try again.";

/** The form's own alert: `getByRole("alert")` alone also finds Next's route announcer (RECIPES pitfall 13). */
export const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

export const identifierField = (page: Page) => page.getByLabel("Login name or email");
// exact: "Show password" is a label too.
export const passwordField = (page: Page) => page.getByLabel("Password", { exact: true });

/** Signs in through the form, as a person would, and waits for the page behind it. */
export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await identifierField(page).fill(identifier);
  await passwordField(page).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The user menu is a native <details>; its <summary> (no ARIA role of its own) carries the person's name. */
export const userMenu = (page: Page, name: string) => page.getByRole("banner").locator("summary").filter({ hasText: name });

/** Opens the user menu with the keyboard (focus the summary, Enter), tabs to "Sign out" and presses it. */
export async function signOutWithKeyboard(page: Page, name: string, { screenshotAs }: { screenshotAs?: string } = {}): Promise<void> {
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeHidden();
  await userMenu(page, name).focus();
  await page.keyboard.press("Enter");
  await expect(signOut).toBeVisible();
  if (screenshotAs) await screenshot(page, screenshotAs);
  await page.keyboard.press("Tab");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
}

/**
 * WCAG 2 A/AA scan; serious and critical findings fail the test, listed by rule and element. `exclude` leaves out
 * parts axe can't enter (a sandboxed frame whose scripts are off makes it wait forever).
 */
export async function expectNoSeriousA11yViolations(page: Page, { exclude, what }: { exclude?: string; what?: string } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const { violations } = await (exclude ? builder.exclude(exclude) : builder).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `axe found on ${what ?? page.url()}`).toEqual([]);
}

/** Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

/** A full-page picture for people to look at (test-results/screens/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** Opens a path and expects the app's 404: "Page not found", never a hint that the thing exists. */
export async function expectNotFound(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
}
