import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, expectNotFound, mailboxEmails, PHONE, screenshot, signIn, tabTo, toast } from "./helpers";

/** Organization → Settings (SPEC §2), on a demo organization of its own: its changes must not reach other tests. */

const OWNER = "100@demo";
const ADMIN = "101@demo";
const SITE_MANAGER = "110@demo";
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** The day a link sent now stops working, as a welcome email to a demo member writes it (America/New_York, English). */
const dayOf = (date: Date) => new Intl.DateTimeFormat("en", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "America/New_York" }).format(date);

test("[OWNER] opens Organization from the header with the keyboard, a bound is refused beside its field, then new lifetimes reach the next welcome email and the help page", async ({ page }) => {
  await signIn(page, OWNER, DEMO_PASSWORD);
  await tabTo(page, mainNav(page).getByRole("link", { name: "Organization" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/organization\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Organization" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Organization name")).toHaveValue("Demo Dental Group");
  await expect(page.getByLabel("Welcome links work for (days)")).toHaveValue("30");
  await expect(page.getByLabel("Password reset links work for (minutes)")).toHaveValue("360");
  await expect(page.getByText("That is 6 hours.")).toBeVisible();
  await expect(page.getByText(/Emails arrive from Demo Dental Group <.+@.+>/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-settings");

  // Out of bounds: refused beside the field, focus on it, and nothing typed is lost.
  await page.getByLabel("Welcome links work for (days)").fill("31");
  await page.getByLabel("Password reset links work for (minutes)").fill("60");
  await page.getByLabel("Default language").selectOption({ label: "Español" });
  await page.getByLabel("Default time zone").fill("Europe/Berlin");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check the highlighted fields.");
  const days = page.getByLabel("Welcome links work for (days)");
  await expect(days).toBeFocused();
  await expect(days).toHaveAccessibleDescription(/Use at most 30 days/);
  await expect(page.getByLabel("Password reset links work for (minutes)")).toHaveValue("60");
  await expect(page.getByLabel("Default language")).toHaveValue("es");
  await expect(page.getByLabel("Default time zone")).toHaveValue("Europe/Berlin");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-settings-refused");

  // Back to English (the welcome email below is read in English), seven days, and save with the keyboard.
  await page.getByLabel("Default language").selectOption({ label: "English" });
  await page.getByLabel("Default time zone").fill("America/New_York");
  await days.fill("7");
  await tabTo(page, page.getByRole("button", { name: "Save settings" }));
  await page.keyboard.press("Enter");
  await expect(toast(page, "Organization settings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Welcome links work for (days)")).toHaveValue("7");
  await expect(page.getByText("That is 1 hour.")).toBeVisible();

  // The next welcome email: its link works for seven days, and its help link gives this organization's lifetimes.
  await page.goto("/users?q=102");
  await page.getByRole("table").getByRole("link", { name: "Grace Liu", exact: true }).click();
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Advanced" }).click();
  const sentAt = Date.now();
  await page.getByRole("button", { name: "Send Welcome Email" }).click();
  await expect(toast(page, "Email successfully sent")).toBeVisible();
  const [email] = (await mailboxEmails()).filter((e) => e.subject === "Your account has been created!" && e.text.includes("102@demo"));
  expect(email, "Grace's welcome email").toBeDefined();
  expect(email!.text).toContain(`until ${dayOf(new Date(sentAt + 7 * 86_400_000))}`);
  const help = email!.links.find((link) => link.includes("/help"))!;
  expect(help).toMatch(/\/help\?org=demo$/);
  await page.goto(help);
  await expect(page.getByText("a welcome link after 7 days;")).toBeVisible();
  await expect(page.getByText("a password reset link after 1 hour.")).toBeVisible();
});

test("[OWNER] on a phone the settings fit the screen and save", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, OWNER, DEMO_PASSWORD);
  await page.goto("/organization/settings");
  const form = page.getByRole("main").locator("form");
  await expect(form).toBeVisible();
  const box = (await form.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await page.getByLabel("Minimum password length (characters)").fill("16");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(toast(page, "Organization settings saved")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-settings-phone");
});

test("[ADMIN] reads the settings, and is told only an owner can change them", async ({ page }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await mainNav(page).getByRole("link", { name: "Organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();
  await expect(page.getByText("Only an owner of your organization can change these settings.")).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Welcome links work for" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-settings-admin");
});

test("[SITE MANAGER] Organization shows only the sites they manage, read-only; Settings and Teams are a 404", async ({ page }) => {
  await signIn(page, SITE_MANAGER, DEMO_PASSWORD);
  await mainNav(page).getByRole("link", { name: "Organization" }).click();
  await expect(page).toHaveURL(/\/organization\/sites$/);
  await expect(page.getByRole("list", { name: "Sites" }).getByRole("heading", { level: 2 })).toHaveText(["Downtown"]);
  await expect(page.getByRole("navigation", { name: "Organization" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Rename|Delete|Add site manager|Remove/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await expectNotFound(page, "/organization/settings");
  await expectNotFound(page, "/organization/teams");
});

test("[ADMIN] on a phone renames a team, makes a member its supervisor and removes him again, each with a toast", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/organization/teams");
  const teams = page.getByRole("list", { name: "Teams" });
  await expect(teams.getByRole("heading", { level: 2 })).toHaveText(["Billing", "Call Center East", "Call Center West", "Front Desk", "Hygiene"]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-teams-admin-phone");

  // A name another team has, in another case, is refused beside the field and the dialog stays open.
  const hygiene = teams.getByRole("listitem", { name: "Hygiene", exact: true });
  await hygiene.getByRole("button", { name: "Rename Hygiene" }).click();
  const rename = page.getByRole("dialog", { name: "Rename Hygiene" });
  await rename.getByLabel("Name").fill("billing");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(rename.getByLabel("Name")).toHaveAccessibleDescription("A team with this name already exists");
  await rename.getByLabel("Name").fill("Hygiene & Care");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(toast(page, 'Team renamed to "Hygiene & Care"')).toBeVisible();

  const care = teams.getByRole("listitem", { name: "Hygiene & Care", exact: true });
  await care.getByRole("button", { name: "Add supervisor to Hygiene & Care" }).click();
  const add = page.getByRole("dialog", { name: "Add supervisor to Hygiene & Care" });
  await add.getByRole("button", { name: "Add supervisor" }).click();
  await expect(add.getByText("Choose a person from the list")).toBeVisible();
  await add.getByLabel("Find a person").fill("Tom Fisch");
  await add.getByRole("radio", { name: "Tom Fischer" }).check();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "organization-add-supervisor-phone");
  await add.getByRole("button", { name: "Add supervisor" }).click();
  await expect(toast(page, "Tom Fischer now supervises Hygiene & Care")).toBeVisible();
  await care.getByRole("button", { name: "Remove Tom Fischer as supervisor of Hygiene & Care" }).click();
  await expect(toast(page, "Tom Fischer no longer supervises Hygiene & Care")).toBeVisible();
  await expect(care.getByText("None yet")).toBeVisible();
  await expect(care.getByRole("button", { name: "Add supervisor to Hygiene & Care" })).toBeFocused();
});
