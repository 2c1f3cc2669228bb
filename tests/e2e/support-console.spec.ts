import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_SUPPORT_EMAIL } from "../../lib/demo/seed-demo";
import {
  asSomeoneElse,
  bounceEvent,
  postWebhook,
  timelineOf,
  timelineSteps,
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
  type MailboxEmail,
} from "./helpers";

/**
 * The support console (SPEC §4.14) as support staff and their customers meet it: one search across every
 * organization, an organization read as its owner sees it but changing nothing, a member's page with what to send
 * on the customer's behalf and why, seed 003's bounced welcome email resent once the customer corrected the address,
 * and the customer's audit log naming support with the reason. The "support" server's own demo organization; each
 * test that writes picks its own demo members (lib/demo/seed-demo.ts), so none depends on another having run.
 */

const SUPPORT = DEMO_SUPPORT_EMAIL;
const SUPPORT_NAME = "Sid Support"; // the demo support staff the seed creates
const OFFICE_MANAGER = "101@demo"; // Adam Ashby
const MEMBER = "200@demo"; // Priya Natarajan
const ORGANIZATION = "Demo Dental Group";
const DOMAIN = "demo-dental.test";
const LAPTOP = { width: 1280, height: 800 };
const WELCOME = "Your account has been created!";
const RESET = "Reset your password";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

// Demo members, each used by one test only.
const KEIKO = { name: "Keiko Tanaka", extension: "220", email: `keiko.tanaka@${DOMAIN}` }; // pending: found by her address
const DANA = { name: "Dana Reyes", extension: "201", login: "201@demo" }; // pending: found by extension and login name
const HIRO = { name: "Hiro Osei", email: `hiro.osei@${DOMAIN}`, corrected: "hiro@osei-family.test" }; // pending, Riverside: the bounce
const MAYA = { name: "Maya Cohen", email: `maya.cohen@${DOMAIN}` }; // active: the password reset
const BULK = ["Elif Park", "Tara Schmidt"]; // pending: the office manager's bulk send

const BOUNCE_REASON = "550 5.1.1 The email account that you tried to reach does not exist";

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search organizations and people" });
const peopleTable = (page: Page) => page.getByRole("table", { name: "People found" });
const personRow = (page: Page, name: string) =>
  peopleTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });

/** Types a search into the console's box and presses Enter, as support staff do with a customer on the phone. */
async function searchFor(page: Page, q: string) {
  await searchBox(page).fill(q);
  await searchBox(page).press("Enter");
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(q);
}

/** The console's path of the demo organization, from its card on the console's first screen. */
async function organizationPath(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.getByRole("region", { name: "Organizations" }).getByRole("link", { name: ORGANIZATION }).getAttribute("href");
  expect(href).toMatch(new RegExp(`^/support/organizations/${UUID}$`));
  return href!;
}

/** Finds a member with the console's search and opens their page; returns its path. */
async function openMember(page: Page, q: string, name: string): Promise<string> {
  await page.goto(`/?q=${encodeURIComponent(q)}`);
  await personRow(page, name).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/support/members/${UUID}$`));
  return new URL(page.url()).pathname;
}

/** A status count of an overview's "People" region: the number under the status's name. */
const countOf = (region: Locator, status: string) =>
  region
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${status}$`) })
    .locator("xpath=following-sibling::dd[1]");

// The emails table of a member's page: one row per message, each followed by its hidden timeline row.
const messageRows = (table: Locator) => table.locator("tbody > tr").filter({ has: table.page().getByRole("button", { name: "Timeline" }) });

/** Resend reports the message bounced: its `email.bounced` event, signed by Svix, as Resend posts it. */
async function postBounce(request: APIRequestContext, message: MailboxEmail) {
  const response = await postWebhook(request, bounceEvent(message, BOUNCE_REASON));
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ result: "applied" });
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The search

test("[SUPPORT] finds the organization by part of its name and people by address, extension, login name or number; refuses what can't work, in words", async ({
  page,
}) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, SUPPORT, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Support console" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Organizations" }).getByRole("link", { name: ORGANIZATION })).toBeVisible();
  const box = searchBox(page);

  // The keyboard alone: Tab to the box, type part of the organization's name, Enter.
  await tabTo(page, box);
  await page.keyboard.type("dental group");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/\?q=dental\+group$/);
  const organizations = page.getByRole("region", { name: "Organizations (1)" });
  await expect(organizations.getByRole("link")).toHaveText([ORGANIZATION]);
  await expect(organizations).toContainText("demo · 50 members");
  await expect(page.getByRole("region", { name: /^People \(/ })).toHaveCount(0);
  await expect(box).toHaveValue("dental group");

  // A person by their whole address: one row, each column filled in.
  await searchFor(page, KEIKO.email);
  await expect(page.getByRole("region", { name: "People (1)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Organizations/ })).toHaveCount(0);
  await expect(peopleTable(page).getByRole("columnheader")).toHaveText(["Name", "Organization", "Extension", "Email", "Direct number", "Status"]);
  const keiko = personRow(page, KEIKO.name);
  await expect(keiko).toHaveCount(1);
  await expect(keiko.getByRole("link", { name: KEIKO.name })).toHaveAttribute("href", new RegExp(`^/support/members/${UUID}$`));
  await expect(keiko.getByRole("link", { name: ORGANIZATION })).toHaveAttribute("href", new RegExp(`^/support/organizations/${UUID}$`));
  await expect(keiko.getByRole("cell")).toHaveText(["Keiko Tanaka220@demo", ORGANIZATION, KEIKO.extension, KEIKO.email, "—", "Pending"]);

  // By part of the address, the extension, the login name, and a direct number whole as written or in part.
  for (const [q, name] of [
    ["keiko.tan", KEIKO.name],
    [DANA.extension, DANA.name],
    [DANA.login, DANA.name],
    ["(415) 555-0101", "Adam Ashby"],
    ["555-0200", "Priya Natarajan"],
  ] as const) {
    await searchFor(page, q);
    await expect(page.getByRole("region", { name: "People (1)" }), `a search for "${q}"`).toBeVisible();
    await expect(personRow(page, name), `a search for "${q}"`).toHaveCount(1);
  }

  // Several people, at a laptop's width: the table fits.
  await searchFor(page, "ana");
  await expect(personRow(page, DANA.name)).toHaveCount(1);
  await expect(personRow(page, KEIKO.name)).toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-search");

  // What can't work is refused under the box, in words that say what to type instead; nothing is searched.
  for (const [typed, problem] of [
    ["a", "Type at least 2 letters or digits: part of a name, an email address, a login name, an extension or a phone number."],
    ["da*", "Leave out * % and ?: every word you type is already matched anywhere in a name, an address or a login name."],
  ] as const) {
    await searchFor(page, typed);
    await expect(page.getByText(problem)).toBeVisible();
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toHaveAccessibleDescription(problem);
    await expect(box).toHaveValue(typed);
    await expect(peopleTable(page)).toHaveCount(0);
    await expect(page.getByRole("region", { name: /^Organizations/ })).toHaveCount(0);
  }
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-search-refused");
  // The box takes 100 characters; a longer search can only come from a link.
  await expect(box).toHaveAttribute("maxlength", "100");
  await page.goto(`/?q=${"d".repeat(101)}`);
  const tooLong = "Search for at most 100 characters: part of a name, an address or a number is enough.";
  await expect(page.getByText(tooLong)).toBeVisible();
  await expect(box).toHaveAccessibleDescription(tooLong);
  await expect(box).toHaveValue("d".repeat(100));
  await expect(peopleTable(page)).toHaveCount(0);

  // Nothing found says so, and the box is no longer in trouble.
  await searchFor(page, "zzqx kwv");
  await expect(page.getByText("No organization or person matches “zzqx kwv”.")).toBeVisible();
  await expect(box).not.toHaveAttribute("aria-invalid", "true");
  await expect(peopleTable(page)).toHaveCount(0);

  // The keyboard again: search by address, Tab to the person, Enter opens their page.
  await tabTo(page, box);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(KEIKO.email);
  await page.keyboard.press("Enter");
  await expect(personRow(page, KEIKO.name)).toHaveCount(1);
  await tabTo(page, personRow(page, KEIKO.name).getByRole("link", { name: KEIKO.name }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/support/members/${UUID}$`));
  await expect(page.getByRole("heading", { level: 1, name: KEIKO.name })).toBeVisible();

  // On a phone: the results are cards, nothing scrolls sideways.
  await page.setViewportSize(PHONE);
  await page.goto("/?q=ana");
  await expect(personRow(page, DANA.name)).toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-search-phone");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Organizations" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the console's first screen");
  await screenshot(page, "support-home-phone");
});

// ---------------------------------------------------------------------------------------------------------------
// 2. An organization, read-only

test("[SUPPORT] reads an organization in four read-only tabs: overview with counts, owners, bulk sends and settings; a searchable Users tab with nothing to select", async ({
  page,
  browser,
}) => {
  // The office manager sends welcome emails to two people at once: a bulk send for the overview to show.
  await asSomeoneElse(browser, OFFICE_MANAGER, async (manager) => {
    await manager.goto("/users?status=pending");
    for (const name of BULK) await manager.getByRole("checkbox", { name: `Select ${name}` }).check();
    await manager.getByRole("button", { name: "Bulk Action (2)" }).click();
    const dialog = manager.getByRole("dialog", { name: "Bulk User Actions" });
    await dialog.getByLabel(/Send Welcome Email/).check();
    await expect(dialog.getByText("2 users will get a welcome email.")).toBeVisible();
    await dialog.getByRole("button", { name: "Complete Action" }).click();
    await expect(toast(manager, "2 emails sent successfully")).toBeVisible();
  });

  await page.setViewportSize(LAPTOP);
  await signIn(page, SUPPORT, DEMO_PASSWORD);
  await page.getByRole("region", { name: "Organizations" }).getByRole("link", { name: ORGANIZATION }).click();
  await expect(page).toHaveURL(new RegExp(`/support/organizations/${UUID}$`));
  const overview = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: ORGANIZATION })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Support console" })).toHaveAttribute("href", "/");
  const tabs = page.getByRole("navigation", { name: "Organization" });
  await expect(tabs.getByRole("link")).toHaveText(["Overview", "Users", "Email log", "Audit log"]);
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  // People by status (the seed's; no test here changes a status), each count opening the Users tab filtered.
  const people = page.getByRole("region", { name: "People" });
  for (const [status, count] of [
    ["Pending", "25"],
    ["Active", "18"],
    ["Disabled", "2"],
    ["No portal access", "5"],
  ] as const) {
    await expect(countOf(people, status), status).toHaveText(count);
  }
  await expect(people.getByText("3 sites and 5 teams.")).toBeVisible();
  await expect(people.getByRole("link", { name: "Pending" })).toHaveAttribute("href", `${overview}/users?status=pending`);

  // Whom to ask for a change: the owner and the office manager, with their addresses.
  const runs = page.getByRole("region", { name: "Who runs it" });
  await expect(runs.getByRole("listitem").filter({ hasText: "Olivia Ortega" })).toContainText(`Owner`);
  await expect(runs.getByRole("listitem").filter({ hasText: "Olivia Ortega" })).toContainText(`olivia.ortega@${DOMAIN}`);
  await expect(runs.getByRole("listitem").filter({ hasText: "Adam Ashby" })).toContainText("Office Manager");
  await expect(runs.getByRole("listitem").filter({ hasText: "Adam Ashby" })).toContainText(`adam.ashby@${DOMAIN}`);

  // The bulk send, where it stands (the development mailbox takes each email at once: "sent").
  const send = page.getByRole("region", { name: "Recent bulk sends" }).getByRole("listitem").filter({ hasText: "Welcome emails to 2 people" });
  await expect(async () => {
    await page.reload();
    await expect(send).toContainText("0 delivered · 2 sent · 0 queued · 0 failed", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(send).toContainText("by Adam Ashby");
  const bar = send.getByRole("progressbar", { name: "Welcome emails to 2 people" });
  await expect(bar).toHaveAttribute("aria-valuemax", "2");
  await expect(bar).toHaveAttribute("aria-valuenow", "2");

  // Settings: read, not changed.
  const settings = page.getByRole("region", { name: "Settings" });
  for (const [term, value] of [
    ["Name", ORGANIZATION],
    ["Short name", "demo"],
    ["Replies go to", `office@${DOMAIN}`],
    ["Time zone", "America/New_York"],
  ] as const) {
    await expect(
      settings
        .getByRole("term")
        .filter({ hasText: new RegExp(`^${term}$`) })
        .locator("xpath=following-sibling::dd[1]"),
    ).toHaveText(value);
  }
  await expect(page.getByRole("main").getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-organization");

  // The bulk send opens the email log on its two emails.
  await send.getByRole("link", { name: "Welcome emails to 2 people" }).click();
  await expect(page).toHaveURL(new RegExp(`${overview}/email-log\\?job=${UUID}$`));
  const sent = page.getByRole("table", { name: /^Emails\b/ });
  await expect(messageRows(sent)).toHaveCount(2);
  for (const name of BULK) await expect(sent.getByRole("link", { name })).toHaveAttribute("href", new RegExp(`^/support/members/${UUID}$`));

  // Users: the portal's table, with nothing to select, create, import or act on.
  await tabs.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(`${overview}/users`);
  await expect(tabs.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  const users = page.getByRole("table");
  await expect(users.locator("tbody tr")).toHaveCount(50);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("link", { name: /Create|Import/ })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button", { name: /Create|Import|Bulk/ })).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-organization-users");

  // Its search stays in the console.
  await page.getByRole("searchbox", { name: "Search" }).fill("Tanaka");
  await expect(page).toHaveURL(`${overview}/users?q=Tanaka`);
  await expect(users.locator("tbody tr")).toHaveCount(1);
  const keiko = users.getByRole("link", { name: KEIKO.name, exact: true });
  await expect(keiko).toHaveAttribute("href", new RegExp(`^/support/members/${UUID}$`));
  await keiko.click();
  await expect(page.getByRole("heading", { level: 1, name: KEIKO.name })).toBeVisible();
  await expect(page.getByRole("link", { name: `← ${ORGANIZATION} · Users` })).toHaveAttribute("href", `${overview}/users`);
  await page.goBack();
  await expect(page).toHaveURL(`${overview}/users?q=Tanaka`);

  // Email log and Audit log: the portal's, read-only.
  await tabs.getByRole("link", { name: "Email log" }).click();
  await expect(page).toHaveURL(`${overview}/email-log`);
  await expect(page.getByText(`Every email sent to ${ORGANIZATION}'s users`)).toBeVisible();
  await expect(messageRows(page.getByRole("table", { name: /^Emails\b/ })).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await tabs.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(`${overview}/audit-log`);
  await expect(page.getByText(`Who did what in ${ORGANIZATION}`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Adam Ashby" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-organization-audit-log");

  // A phone: the overview and the Users tab fit.
  await page.setViewportSize(PHONE);
  for (const [path, name] of [
    [overview, "support-organization-phone"],
    [`${overview}/users`, "support-organization-users-phone"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: ORGANIZATION })).toBeVisible();
    await expectNoSidewaysScroll(page, path);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, name);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Seed 003: the welcome email bounced

test("[SUPPORT] seed 003: a bounced welcome email, the customer corrects the address, support resends with a reason that the customer's audit log shows", async ({
  page,
  browser,
  request,
}) => {
  test.slow(); // two people, a webhook, three emails
  // The office manager sends Hiro his welcome email from the portal; it reaches the mailbox, and his server bounces it.
  const hiroProfile = await asSomeoneElse(browser, OFFICE_MANAGER, async (manager) => {
    await manager.goto("/users?q=Osei");
    await manager.getByRole("table").getByRole("link", { name: HIRO.name, exact: true }).click();
    await expect(manager.getByRole("heading", { level: 1, name: HIRO.name })).toBeVisible();
    const profile = new URL(manager.url()).pathname;
    await manager.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Advanced" }).click();
    await manager.getByRole("button", { name: "Send Welcome Email" }).click();
    await expect(toast(manager, `Email successfully sent to ${HIRO.name}`)).toBeVisible();
    return profile;
  });
  await postBounce(request, await newestEmail(HIRO.email, WELCOME));

  // Support finds him by the address the customer reads out, and sees what happened and whom to ask.
  await page.setViewportSize(LAPTOP);
  await signIn(page, SUPPORT, DEMO_PASSWORD);
  await searchFor(page, HIRO.email);
  const row = personRow(page, HIRO.name);
  await expect(row).toContainText("Bounced");
  await row.getByRole("link", { name: HIRO.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: HIRO.name })).toBeVisible();
  const help = page.getByRole("region", { name: "Help Hiro" });
  await expect(help.getByRole("status")).toHaveText(new RegExp(`^The welcome email of .+ to ${HIRO.email.replace(/\./g, "\\.")} bounced: ${BOUNCE_REASON}$`));
  await expect(help.getByText(`Ask the customer to correct the address on ${HIRO.name}'s Profile`)).toBeVisible();
  await expect(help.getByRole("listitem").filter({ hasText: "Olivia Ortega" })).toContainText("Owner");
  await expect(help.getByRole("listitem").filter({ hasText: "Adam Ashby" })).toContainText(`Office Manager · adam.ashby@${DOMAIN}`);
  // Nothing to send yet: the address is the one that bounced.
  await expect(help.getByRole("button")).toHaveCount(0);
  const emails = page.getByRole("region", { name: "Emails" }).getByRole("table", { name: `Emails to ${HIRO.name}` });
  await expect(messageRows(emails)).toHaveCount(1);
  const { button, panel } = await timelineOf(messageRows(emails).first());
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(timelineSteps(panel)).toHaveText(["Queued", "Sent", "Bounced"]);
  await expect(panel).toContainText(BOUNCE_REASON);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-member-bounced");

  // The office manager corrects the address on Hiro's Profile, in their own browser.
  await asSomeoneElse(browser, OFFICE_MANAGER, async (manager) => {
    await manager.goto(hiroProfile);
    await manager.getByLabel("Email", { exact: true }).fill(HIRO.corrected);
    await manager.getByRole("button", { name: "Save" }).click();
    await expect(toast(manager, `Changes to ${HIRO.name} saved`)).toBeVisible();
  });

  await page.reload();
  await expect(help.getByText(`The customer has corrected the address: it is now ${HIRO.corrected}.`)).toBeVisible();
  const resend = help.getByRole("button", { name: "Resend to a corrected address" });
  const dialog = page.getByRole("dialog", { name: `Resend to ${HIRO.name}` });
  const reason = dialog.getByRole("textbox", { name: "Reason" });

  // With the keyboard: Enter opens the dialog on the Reason field, Escape closes it.
  await tabTo(page, resend);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`A new welcome email goes to ${HIRO.corrected} instead of ${HIRO.email}`);
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAccessibleDescription(/^What the customer asked for, or the ticket number\./);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Closed without sending: focus is back on the button that opened it.
  await expect(resend).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(reason).toBeFocused();
  await expectNoSeriousA11yViolations(page, { what: "the resend dialog" });
  await screenshot(page, "support-member-resend-dialog");

  // No reason, nothing sent: the refusal is beside the field.
  await page.keyboard.press("Enter");
  const why = "Say why: what the customer asked for, or the ticket number";
  await expect(dialog.getByText(why)).toBeVisible();
  await expect(reason).toHaveAccessibleDescription(new RegExp(`^${why}`));
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("button", { name: "Resend to a corrected address" })).toBeEnabled();
  expect(await mailboxEmails(HIRO.corrected)).toEqual([]);

  await tabTo(page, reason);
  await page.keyboard.type("Ticket 4412: welcome email bounced");
  await page.keyboard.press("Enter");
  await expect(toast(page, `Email successfully sent to ${HIRO.name} at ${HIRO.corrected}`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // The button is gone with the bounce it answered: focus waits on the panel's heading, not on the page's start.
  await expect(help.getByRole("heading", { level: 2 })).toBeFocused();
  // The page shows the new email (one: the empty try sent nothing), to the corrected address; the bounce is behind us.
  await expect(messageRows(emails)).toHaveCount(2);
  await expect(messageRows(emails).first()).toContainText(HIRO.corrected);
  await expect(help.getByRole("status")).toHaveCount(0);
  await expect(help.getByRole("button", { name: "Send Welcome Email" })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: `What was done to ${HIRO.name}` })
      .getByRole("row")
      .nth(1),
  ).toContainText(/Support\s*·?\s*Sid Support — Ticket 4412: welcome email bounced/);

  // Hiro gets it at the corrected address.
  const email = await newestEmail(HIRO.corrected, WELCOME);
  expect(email.links.some((link) => link.includes("/set-password/"))).toBe(true);
  await page.reload();
  await expect(help.getByRole("button", { name: "Send Welcome Email" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "support-member-resent");

  // The customer's audit log names support, with the reason, on its newest event.
  await asSomeoneElse(browser, OFFICE_MANAGER, async (manager) => {
    await manager.goto("/audit-log");
    await expect(manager.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const newest = manager.getByRole("table").getByRole("row").nth(1);
    await expect(newest).toContainText(new RegExp(`Support\\s*·?\\s*${SUPPORT_NAME} — Ticket 4412: welcome email bounced`));
    await expect(newest).toContainText(HIRO.name);
    await screenshot(manager, "support-act-in-customer-audit-log");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. A password reset on the customer's behalf

test("[SUPPORT] sends an active member a password reset with a reason; the email arrives and the member's Activity shows it", async ({ page }) => {
  await signIn(page, SUPPORT, DEMO_PASSWORD);
  await openMember(page, MAYA.name, MAYA.name);
  const help = page.getByRole("region", { name: "Help Maya" });
  await expect(help.getByRole("button", { name: "Send Welcome Email" })).toHaveCount(0);
  await help.getByRole("button", { name: "Send Password Reset" }).click();
  const dialog = page.getByRole("dialog", { name: `Send Password Reset to ${MAYA.name}` });
  await expect(dialog).toContainText(`It goes to ${MAYA.email}, sent on ${ORGANIZATION}'s behalf.`);
  await dialog.getByRole("textbox", { name: "Reason" }).fill("Ticket 5120: locked out after holiday");
  await dialog.getByRole("button", { name: "Send Password Reset" }).click();
  await expect(toast(page, `Email successfully sent to ${MAYA.name}`)).toBeVisible();
  await expect(dialog).toBeHidden();

  const emails = page.getByRole("table", { name: `Emails to ${MAYA.name}` });
  await expect(messageRows(emails).first()).toContainText(RESET);
  await newestEmail(MAYA.email, RESET);
  const activity = page.getByRole("region", { name: "Activity" }).getByRole("table", { name: `What was done to ${MAYA.name}` });
  await expect(activity.getByRole("row").nth(1)).toContainText(new RegExp(`Support\\s*·?\\s*${SUPPORT_NAME} — Ticket 5120: locked out after holiday`));
  await page.reload();
  await expect(activity.getByRole("row").nth(1)).toContainText("Ticket 5120: locked out after holiday");
  await screenshot(page, "support-member-reset-sent");
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Only support staff

test("[MEMBER, OFFICE MANAGER] the support console's organization and member pages are not found for the customer's own people", async ({ page, browser }) => {
  await signIn(page, SUPPORT, DEMO_PASSWORD);
  const organization = await organizationPath(page);
  const member = await openMember(page, "Priya", "Priya Natarajan");

  for (const login of [MEMBER, OFFICE_MANAGER]) {
    await asSomeoneElse(browser, login, async (customer) => {
      for (const path of [organization, `${organization}/users`, `${organization}/audit-log`, member]) {
        await expectNotFound(customer, path);
        await expect(customer.getByText("Who runs it")).toHaveCount(0);
        await expect(customer.getByRole("heading", { level: 1, name: "Priya Natarajan" })).toHaveCount(0);
      }
    });
  }
});
