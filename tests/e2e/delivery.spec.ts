import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, screenshot, signIn, toast } from "./helpers";

/**
 * Seed 004's "Filter by Status: Pending > Send Activation Emails", on a server that delivers through the real resend
 * SDK to the local Resend-compatible server (playwright.config.ts: "delivery"), which takes a few seconds to answer
 * each request: the progress bar (SPEC §4.6: queued / sent / delivered / failed) can be watched, and survives a
 * reload, until every email is sent.
 */


test("[Office Manager] Send Activation Emails to every pending user, with a progress bar that survives a reload", async ({ page }) => {
  await signIn(page, "101@demo", DEMO_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Pending" });
  await expect(page).toHaveURL(/status=pending/);
  const button = page.getByRole("button", { name: /^Send Activation Emails \(\d+\)$/ });
  const pending = Number(/\((\d+)\)/.exec((await button.textContent()) ?? "")![1]);
  expect(pending).toBeGreaterThan(10);

  await button.click();
  const dialog = page.getByRole("dialog", { name: "Send Activation Emails" });
  await expect(dialog.getByText(`All ${pending} users matching your search and filters.`)).toBeVisible();
  await expect(dialog.getByText(`${pending} users will get a welcome email.`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "send-activation-emails");
  await dialog.getByRole("button", { name: "Complete Action" }).click();
  await expect(toast(page, `${pending} emails sent successfully`)).toBeVisible();

  const progress = page.getByRole("region", { name: "Sending welcome emails" });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await expect(progress).toContainText(`Queued${pending}`);
  await screenshot(page, "bulk-send-progress");

  // The provider is still answering: a reload brings the bar back, with the same figures.
  await page.reload();
  await expect(page.getByRole("region", { name: "Sending welcome emails" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Sending welcome emails" })).toContainText(`Sending ${pending} welcome emails`);
  await expectNoSeriousA11yViolations(page);

  await expect(page.getByRole("heading", { name: `Sent ${pending} welcome emails` })).toBeVisible({ timeout: 30_000 });
  const done = page.getByRole("region", { name: "Sending welcome emails" });
  await expect(done.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(done).toContainText(`Sent${pending}`);
  await expect(done).toContainText("Failed0");
  await screenshot(page, "bulk-send-done");
  await done.getByRole("button", { name: "Dismiss" }).click();
  await expect(done).toBeHidden();

  // Every one of them is in the Email log as Sent, and the Users tab stamped "Confirmation sent".
  await page.goto("/email-log?status=sent");
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(`of ${pending}`);
});
