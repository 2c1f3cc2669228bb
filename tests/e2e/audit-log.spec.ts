import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, expectNoSidewaysScroll, expectNotFound, PHONE, screenshot, signIn, tabTo, toast } from "./helpers";

/**
 * The audit log (SPEC §4.13) as office managers use it: who changed what, to whom and when, found with the filters,
 * exported as CSV, and a member's Activity tab; site managers see their own sites' people only. The demo organization
 * of the "organization" server.
 */

const OWNER = "100@demo";
const OFFICE_MANAGER = "101@demo";
const SITE_MANAGER = "110@demo"; // Sara Lindqvist: Downtown
const SUPERVISOR = "120@demo";
const KEIKO = { extension: "220", name: "Keiko Tanaka" }; // a pending member on Riverside

test("[Office Manager] finds who changed a member's role, reads it on the member's Activity tab and exports it", async ({ page, browser }) => {
  // The owner makes Keiko a Call Center Supervisor on her Profile tab.
  const owner = await browser.newContext();
  try {
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, OWNER, DEMO_PASSWORD);
    await ownerPage.goto(`/users?q=${KEIKO.extension}`);
    await ownerPage.getByRole("table").getByRole("link", { name: KEIKO.name, exact: true }).click();
    await expect(ownerPage.getByRole("heading", { level: 1, name: KEIKO.name })).toBeVisible();
    await ownerPage.getByLabel("Role", { exact: true }).selectOption({ label: "Call Center Supervisor" });
    await ownerPage.getByRole("button", { name: "Save" }).click();
    await expect(toast(ownerPage, `Changes to ${KEIKO.name} saved`)).toBeVisible();
  } finally {
    await owner.close();
  }

  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.getByRole("banner").getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  // With the keyboard: the person it was done to, then Enter.
  const target = page.getByLabel("User it was done to");
  await tabTo(page, target);
  await page.keyboard.type("Keiko");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/audit-log\?target=Keiko$/);
  await page.getByLabel("Action").selectOption({ label: "Edited a user" });
  await expect(page).toHaveURL(/action=member\.update/);
  const row = page.getByRole("row").filter({ hasText: "Changed role from Member to Call Center Supervisor" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Olivia Ortega (100@demo)");
  await expect(row.getByRole("link", { name: `${KEIKO.name} (${KEIKO.extension})` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "audit-log");

  // "Export CSV" holds the same events, the filter's only.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("Time,Time zone,Done by,Action,User or item,Changes,Notes,IP address,User agent");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("Changed role from Member to Call Center Supervisor");
  expect(lines[1]).toContain(`${KEIKO.name} (${KEIKO.extension})`);
  expect(lines[1]).toContain("America/New_York");

  // Her page's Activity tab tells the same.
  await row.getByRole("link", { name: `${KEIKO.name} (${KEIKO.extension})` }).click();
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Changed role from Member to Call Center Supervisor" })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "member-activity");
});

test("[Office Manager] reads the audit log on a phone (390 × 844) without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  try {
    const phone = await context.newPage();
    await signIn(phone, OFFICE_MANAGER, DEMO_PASSWORD);
    await phone.goto("/audit-log");
    await expect(phone.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    // On a phone each event is a card (the table's header row is hidden).
    await expect(phone.getByRole("row").first()).toBeVisible();
    await expectNoSidewaysScroll(phone);
    await expectNoSeriousA11yViolations(phone);
    await screenshot(phone, "audit-log-phone");
  } finally {
    await context.close();
  }
});

test("[Site Manager] reads only the events about their sites' people; a supervisor has no audit log", async ({ page }) => {
  await signIn(page, SITE_MANAGER, DEMO_PASSWORD);
  await page.goto(`/audit-log?target=${KEIKO.extension}`);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  const response = await page.request.get(`/api/audit-log/export?target=${KEIKO.extension}`);
  expect(response.status()).toBe(200);
  expect((await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n")).toHaveLength(1); // the header alone

  await page.context().clearCookies();
  await signIn(page, SUPERVISOR, DEMO_PASSWORD);
  await expect(page.getByRole("banner").getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expectNotFound(page, "/audit-log");
  expect((await page.request.get("/api/audit-log/export")).status()).toBe(404);
});
