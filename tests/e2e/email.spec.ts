import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { Webhook } from "svix";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import {
  bounceEvent,
  DEMO_OWNER,
  expectNoSeriousA11yViolations,
  expectNotFound,
  mailboxEmails,
  postWebhook,
  screenshot,
  signIn,
  signInApi,
  tabTo,
  timelineOf,
  timelineSteps,
  WEBHOOK_SECRET,
  type MailboxEmail,
  type ResendEvent,
} from "./helpers";

/**
 * The email engine as people meet it (SPEC §4.11, §5; README "Email delivery"): the development mailbox (page and
 * JSON), the organization's email log, a member's "Email log" tab, and Resend's signed webhooks moving a message's
 * status. The "email" server starts with the demo organization and five welcome emails queued
 * (tests/e2e/queue-demo-emails.ts), which its dispatcher delivers to the mailbox within a second or so. Only the
 * bounce test changes anything (Chloe's email); the other tests accept her email either before or after it.
 */

const OFFICE_MANAGER = "101@demo";
const SITE_MANAGER = "110@demo";
const SUPERVISOR = "120@demo";

const SUBJECT = "Your account has been created!";
const DOMAIN = "demo-dental.test";
/** The five pending demo members the server's start queued a welcome email to, by extension. */
const GRACE = { name: "Grace Liu", login: "102@demo", email: `grace.liu@${DOMAIN}` };
const DANA = { name: "Dana Reyes", login: "201@demo", email: `frontdesk@${DOMAIN}` };
const TOM = { name: "Tom Fischer", login: "202@demo", email: `frontdesk@${DOMAIN}` };
const BEN = { name: "Ben Dubois", login: "211@demo", email: `ben.dubois@${DOMAIN}` };
const CHLOE = { name: "Chloe Müller", login: "212@demo", email: `chloe.muller@${DOMAIN}` };
const WELCOMED = [GRACE, DANA, TOM, BEN, CHLOE];

const BOUNCE_REASON = "550 5.1.1 The email account that you tried to reach does not exist";

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** The fields of one email of GET /api/dev/mailbox (SPEC §5). */
const CONTRACT_KEYS = ["createdAt", "html", "id", "links", "subject", "text", "to"];

/** Waits until the dispatcher has delivered the five welcome emails to the mailbox, and returns it. */
async function welcomeEmailsDelivered(): Promise<MailboxEmail[]> {
  const expected = WELCOMED.map((m) => m.email).sort();
  await expect
    .poll(
      async () =>
        (await mailboxEmails())
          .filter((e) => e.subject === SUBJECT)
          .map((e) => e.to)
          .sort(),
      {
        message: "the five welcome emails reach the mailbox",
        timeout: 20_000,
      },
    )
    .toEqual(expected);
  return mailboxEmails();
}

/** The welcome email to one member: the one whose text names their login name (two members share frontdesk@). */
async function welcomeEmailOf(member: (typeof WELCOMED)[number]): Promise<MailboxEmail> {
  await welcomeEmailsDelivered();
  const found = (await mailboxEmails(member.email)).filter((e) => e.subject === SUBJECT && e.text.includes(member.login));
  expect(found, `welcome emails to ${member.name}`).toHaveLength(1);
  return found[0]!;
}

/**
 * The WCAG 2 A/AA scan for a page that shows an email in its sandboxed frame: axe cannot run inside a frame whose
 * scripts are off, so the page is scanned around the frame, and the email on its own page (expectEmailHtmlAccessible).
 */
const expectNoSeriousA11yViolationsAroundEmailFrame = (page: Page) => expectNoSeriousA11yViolations(page, { exclude: "iframe[sandbox]" });

/** The email's own HTML, scanned as a mail program would show it: a page of its own. */
async function expectEmailHtmlAccessible(page: Page, html: string): Promise<void> {
  const own = await page.context().newPage();
  try {
    await own.setContent(html);
    await expectNoSeriousA11yViolations(own, { what: "the email's HTML" });
  } finally {
    await own.close();
  }
}

/** The page's path and query, as an object, once it matches. */
async function expectQuery(page: Page, path: string, expected: Record<string, string>) {
  await expect
    .poll(() => {
      const url = new URL(page.url());
      return url.pathname === path ? Object.fromEntries(url.searchParams) : `not ${path}: ${url.pathname}`;
    })
    .toEqual(expected);
}

// The email log's table: one row per message (with its "Timeline" button), each followed by its hidden timeline row.
const logTable = (page: Page) => page.getByRole("table", { name: /^Emails\b/ });
const messageRows = (page: Page) =>
  logTable(page)
    .locator("tbody > tr")
    .filter({ has: page.getByRole("button", { name: "Timeline" }) });
const messageRowOf = (page: Page, memberName: string) => messageRows(page).filter({ has: page.getByRole("link", { name: memberName, exact: true }) });

/** 0-based position of a column of the page's table, by its header ("Status", "Email"…). */
async function columnIndex(page: Page, header: string): Promise<number> {
  const head = page.getByRole("table").locator("thead");
  await expect(head).toBeVisible();
  const headers = (await head.locator("th").allTextContents()).map((h) => h.trim().toLowerCase());
  const index = headers.indexOf(header.toLowerCase());
  expect(index, `column "${header}" among ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** One cell of a row, by its column header. */
async function cellOf(row: Locator, header: string): Promise<Locator> {
  return row.locator("td").nth(await columnIndex(row.page(), header));
}

/** The text of one column in every message row shown. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const index = await columnIndex(page, header);
  return (
    await messageRows(page)
      .locator(`td:nth-child(${index + 1})`)
      .allTextContents()
  ).map((t) => t.trim());
}

/** The Email log tab of a member, reached from the Users tab as a manager would: search, open, tab. */
async function openMemberEmailLog(page: Page, member: (typeof WELCOMED)[number], search: string) {
  await page.goto(`/users?q=${encodeURIComponent(search)}`);
  await page.getByRole("table").getByRole("link", { name: member.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Email log" }).click();
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}\/email-log$/);
  await expect(page.getByRole("table", { name: `Emails to ${member.name}` })).toBeVisible();
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The development mailbox, as JSON (SPEC §5)

test("[DEVELOPER] the mailbox API returns Ben's welcome email with exactly the contract's fields and his set-password link", async ({ baseURL }) => {
  await welcomeEmailsDelivered();
  const emails = await mailboxEmails(BEN.email);
  expect(emails).toHaveLength(1);
  const [email] = emails as [MailboxEmail];

  expect(Object.keys(email).sort()).toEqual(CONTRACT_KEYS);
  expect(email.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(email.to).toBe(BEN.email);
  expect(email.subject).toBe(SUBJECT);
  expect(new Date(email.createdAt).toISOString()).toBe(email.createdAt);
  expect(Date.now() - Date.parse(email.createdAt)).toBeLessThan(60 * 60_000); // queued when this server started

  // One set-password link, on the address the browser uses (APP_URL), in the HTML's links and in the text part.
  const setPassword = email.links.filter((link) => link.includes("/set-password/"));
  expect(setPassword, `links: ${email.links.join(", ")}`).toHaveLength(1);
  expect(setPassword[0]).toMatch(new RegExp(`^${baseURL}/set-password/[A-Za-z0-9_-]{43}$`));
  expect(email.links.every((link) => /^https?:\/\//.test(link))).toBe(true);
  expect(email.text).toContain(setPassword[0]);
  expect(email.text).toContain(BEN.login);
  expect(email.text).toContain("Ben");
  expect(email.text).toContain("Demo Dental Group");
  expect(email.html).toContain("Set your password");
});

test("[DEVELOPER] the mailbox API matches the address in any case, lists newest first, and answers [] for an unknown address", async () => {
  const all = await welcomeEmailsDelivered();
  const ben = await mailboxEmails(BEN.email);

  expect((await mailboxEmails(BEN.email.toUpperCase())).map((e) => e.id)).toEqual(ben.map((e) => e.id));
  expect((await mailboxEmails("Ben.Dubois@Demo-Dental.TEST")).map((e) => e.id)).toEqual(ben.map((e) => e.id));

  expect(await mailboxEmails(`nobody@${DOMAIN}`)).toEqual([]);
  expect(await mailboxEmails("ben.dubois")).toEqual([]); // an address, not a search

  // Newest first: every email is no newer than the one above it.
  const times = all.map((e) => Date.parse(e.createdAt));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  for (const email of all) expect(Object.keys(email).sort()).toEqual(CONTRACT_KEYS);
});

test("[DEVELOPER] the two members who share frontdesk@ each get their own welcome email with a different set-password link", async () => {
  await welcomeEmailsDelivered();
  const shared = (await mailboxEmails(DANA.email)).filter((e) => e.subject === SUBJECT);
  expect(shared).toHaveLength(2);
  expect(new Set(shared.map((e) => e.id)).size).toBe(2);

  const dana = shared.find((e) => e.text.includes(DANA.login));
  const tom = shared.find((e) => e.text.includes(TOM.login));
  expect(dana, `an email naming ${DANA.login}`).toBeDefined();
  expect(tom, `an email naming ${TOM.login}`).toBeDefined();
  expect(dana!.id).not.toBe(tom!.id);
  expect(dana!.text).toContain("Dana");
  expect(dana!.text).not.toContain(TOM.login);
  expect(tom!.text).toContain("Tom");
  expect(tom!.text).not.toContain(DANA.login);

  const linkOf = (e: MailboxEmail) => e.links.filter((l) => l.includes("/set-password/"));
  expect(linkOf(dana!)).toHaveLength(1);
  expect(linkOf(tom!)).toHaveLength(1);
  expect(linkOf(dana!)[0]).not.toBe(linkOf(tom!)[0]);
});

test("[VISITOR] in production the mailbox holds real links, so it answers 401 to nobody and 403 to an office manager", async ({ playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  expect((await visitor.get(`/api/dev/mailbox?to=${encodeURIComponent(BEN.email)}`)).status()).toBe(401);
  const detail = await visitor.get("/dev/mailbox", { maxRedirects: 0 });
  expect(detail.status()).toBe(307);
  expect(detail.headers().location).toMatch(/\/sign-in\?callbackUrl=%2Fdev%2Fmailbox$/);

  await signInApi(visitor, OFFICE_MANAGER, DEMO_PASSWORD);
  const refused = await visitor.get(`/api/dev/mailbox?to=${encodeURIComponent(BEN.email)}`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("/set-password/");
  expect((await visitor.get("/dev/mailbox")).status()).toBe(404);
  await visitor.dispose();
});

// ---------------------------------------------------------------------------------------------------------------
// 2. The development mailbox page

test("[DEVELOPER] /dev/mailbox filters by recipient from the keyboard and shows the email as the recipient sees it", async ({ page }) => {
  const grace = await welcomeEmailOf(GRACE);
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) blocked.push(message.text());
  });

  // In production the mailbox is for owner and support accounts: sign-in first, then back to it.
  await page.goto("/dev/mailbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdev%2Fmailbox$/);
  await signIn(page, DEMO_OWNER, DEMO_PASSWORD);
  await expect(page).toHaveURL("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1, name: "Mailbox" })).toBeVisible();
  const list = page.getByRole("table");
  for (const { email } of WELCOMED) await expect(list.getByRole("cell", { name: email, exact: true }).first()).toBeVisible();
  await expect(list.getByRole("link", { name: SUBJECT })).toHaveCount(5);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "mailbox-list");

  // Type the address (in capitals, as people do) and press Enter.
  const recipient = page.getByLabel("Recipient");
  await tabTo(page, recipient);
  await page.keyboard.type(GRACE.email.toUpperCase());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dev\/mailbox\?to=GRACE\.LIU%40/);
  await expect(list.getByRole("link", { name: SUBJECT })).toHaveCount(1);
  await expect(list.getByRole("cell", { name: GRACE.email, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Show all" })).toBeVisible();

  // Open it with the keyboard.
  await tabTo(page, list.getByRole("link", { name: SUBJECT }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/dev/mailbox/${grace.id}`);
  await expect(page.getByRole("heading", { level: 1, name: SUBJECT })).toBeVisible();
  await expect(page.getByText(`To ${GRACE.email}`)).toBeVisible();

  const links = page.getByRole("region", { name: "Links" });
  await expect(links.getByRole("link", { name: /\/set-password\// })).toHaveCount(1);
  await expect(links.getByRole("link", { name: /\/set-password\// })).toHaveAttribute(
    "href",
    grace.links.find((l) => l.includes("/set-password/"))!,
  );

  // The email's own HTML, rendered in its sandboxed frame.
  await expect(page.getByRole("heading", { level: 2, name: "As the recipient sees it" })).toBeVisible();
  const frame = page.frameLocator(`iframe[title="Email: ${SUBJECT}"]`);
  await expect(frame.getByRole("link", { name: "Set your password" })).toBeVisible();
  await expect(frame.getByText("Welcome to Demo Dental Group")).toBeVisible();
  await expect(frame.getByText(GRACE.login)).toBeVisible();

  const text = page.getByRole("region", { name: "Plain-text part" });
  await expect(text).toContainText(GRACE.login);
  await expect(text).toContainText("/set-password/");

  await expectNoSeriousA11yViolationsAroundEmailFrame(page);
  await expectEmailHtmlAccessible(page, grace.html);
  await screenshot(page, "mailbox-email");
  expect(blocked, "the browser blocked nothing on the email's page").toEqual([]);

  // Back to Grace's mailbox; an address with no email says so.
  await page.getByRole("link", { name: `← Mailbox of ${GRACE.email}` }).click();
  await expect(list.getByRole("link", { name: SUBJECT })).toHaveCount(1);
  await page.getByLabel("Recipient").fill(`nobody@${DOMAIN}`);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(`No email to nobody@${DOMAIN} yet.`)).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. The organization's email log

test("[Office Manager] the Email log lists the five welcome emails as Sent, with each member's name", async ({ page }) => {
  await welcomeEmailsDelivered();
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Email log" }).click();
  await expectQuery(page, "/email-log", {});
  await expect(nav.getByRole("link", { name: "Email log" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Email log" })).toBeVisible();
  await expect(page.getByText("Times are in America/New_York.")).toBeVisible();

  await expect(messageRows(page)).toHaveCount(5);
  for (const member of WELCOMED) {
    const row = messageRowOf(page, member.name);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(member.email);
    await expect(await cellOf(row, "Email")).toHaveText("Welcome");
    await expect(await cellOf(row, "Subject")).toHaveText(SUBJECT);
    // Chloe's turns "Bounced" once the bounce test below has run.
    await expect(await cellOf(row, "Status")).toHaveText(member === CHLOE ? /^(Sent|Bounced)$/ : "Sent");
    await expect(await cellOf(row, "Attempts")).toHaveText("1");
  }
  await expect(page.getByRole("navigation", { name: "Pages" }).getByText(/^Showing /)).toHaveText("Showing 1–5 of 5");

  // A member's name leads to their page.
  await messageRowOf(page, BEN.name).getByRole("link", { name: BEN.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: BEN.name })).toBeVisible();
  await page.goBack();
  await expect(messageRows(page)).toHaveCount(5);
});

test("[Office Manager] the Email log's filters narrow the list, and a timeline opens with the keyboard", async ({ page }) => {
  await welcomeEmailsDelivered();
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/email-log");
  await expect(messageRows(page)).toHaveCount(5);

  // Status: Sent keeps the welcome emails (Chloe's unless it bounced); Failed has none and says so.
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Sent" });
  await expectQuery(page, "/email-log", { status: "sent" });
  await expect(async () => {
    const statuses = await columnTexts(page, "Status");
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(new Set(statuses)).toEqual(new Set(["Sent"]));
  }).toPass();
  for (const member of [GRACE, DANA, TOM, BEN]) await expect(messageRowOf(page, member.name)).toHaveCount(1);

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Failed" });
  await expectQuery(page, "/email-log", { status: "failed" });
  await expect(page.getByText("No emails match these filters.")).toBeVisible();
  await expect(logTable(page)).toHaveCount(0);
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expectQuery(page, "/email-log", {});
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expect(messageRows(page)).toHaveCount(5);

  // Recipient: part of an address, in any case.
  await page.getByLabel("Recipient").fill("FrontDesk");
  await page.getByLabel("Recipient").press("Enter");
  await expectQuery(page, "/email-log", { recipient: "frontdesk" });
  await expect(messageRows(page)).toHaveCount(2);
  await expect(messageRowOf(page, DANA.name)).toHaveCount(1);
  await expect(messageRowOf(page, TOM.name)).toHaveCount(1);

  // Email (template): no password reset was sent.
  await page.getByLabel("Email", { exact: true }).selectOption({ label: "Password reset" });
  await expectQuery(page, "/email-log", { recipient: "frontdesk", template: "password-reset" });
  await expect(page.getByText("No emails match these filters.")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).selectOption({ label: "Welcome" });
  await expectQuery(page, "/email-log", { recipient: "frontdesk", template: "welcome" });
  await expect(messageRows(page)).toHaveCount(2);

  // Dates: today (in the organization's time zone) has them; a day long ago has none.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).fill(today);
  await page.getByRole("button", { name: "Apply" }).click();
  await expectQuery(page, "/email-log", { recipient: "frontdesk", template: "welcome", from: today, to: today });
  await expect(messageRows(page)).toHaveCount(2);
  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2020-01-31");
  await page.getByRole("button", { name: "Apply" }).click();
  await expectQuery(page, "/email-log", { recipient: "frontdesk", template: "welcome", from: "2020-01-01", to: "2020-01-31" });
  await expect(page.getByText("No emails match these filters.")).toBeVisible();

  // The back button walks back through the filters.
  await page.goBack();
  await expectQuery(page, "/email-log", { recipient: "frontdesk", template: "welcome", from: today, to: today });
  await expect(messageRows(page)).toHaveCount(2);
  await expect(page.getByLabel("Recipient")).toHaveValue("frontdesk");

  // Dana's timeline, opened and closed with the keyboard.
  const { button, panel } = await timelineOf(messageRowOf(page, DANA.name));
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
  await tabTo(page, button);
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
  await expect(timelineSteps(panel)).toHaveText(["Queued", "Sent"]);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "email-log-timeline");
  await page.keyboard.press("Space");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
});

test("[Office Manager] the Email log's filters and pages are reachable and usable with Tab and Enter alone", async ({ page }) => {
  await welcomeEmailsDelivered();
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/");

  // From the main navigation to the log.
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Email log" }));
  await page.keyboard.press("Enter");
  await expectQuery(page, "/email-log", {});
  await expect(messageRows(page)).toHaveCount(5);

  // The Status select: arrow keys through the choices; each choice applies at once.
  const status = page.getByLabel("Status", { exact: true });
  await tabTo(page, status);
  await page.keyboard.type("Failed");
  await expectQuery(page, "/email-log", { status: "failed" });
  await expect(page.getByText("No emails match these filters.")).toBeVisible();
  await expect(status).toBeFocused();

  // "Clear filters" in the filter bar.
  await tabTo(page, page.getByRole("search", { name: "Filter the email log" }).getByRole("link", { name: "Clear filters" }));
  await page.keyboard.press("Enter");
  await expectQuery(page, "/email-log", {});
  await expect(messageRows(page)).toHaveCount(5);

  // The recipient applies with Enter.
  const recipient = page.getByLabel("Recipient");
  await tabTo(page, recipient);
  await page.keyboard.type("ben.dubois");
  await page.keyboard.press("Enter");
  await expectQuery(page, "/email-log", { recipient: "ben.dubois" });
  await expect(messageRows(page)).toHaveCount(1);
  await expect(messageRowOf(page, BEN.name)).toHaveCount(1);

  // "Apply" with Enter after clearing it.
  await recipient.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await tabTo(page, page.getByRole("button", { name: "Apply" }));
  await page.keyboard.press("Enter");
  await expectQuery(page, "/email-log", {});
  await expect(messageRows(page)).toHaveCount(5);

  // Paging: "Rows per page" from the keyboard; one page of five, so no page links to follow.
  const pages = page.getByRole("navigation", { name: "Pages" });
  const rowsPerPage = pages.getByLabel("Rows per page");
  await tabTo(page, rowsPerPage);
  await page.keyboard.type("25");
  await expectQuery(page, "/email-log", { size: "25" });
  await expect(pages.getByText(/^Showing /)).toHaveText("Showing 1–5 of 5");
  await expect(pages.getByText("Page 1 of 1")).toBeVisible();
  for (const label of ["First", "Previous", "Next", "Last"]) {
    await expect(pages.getByText(label, { exact: true })).toHaveAttribute("aria-disabled", "true");
    await expect(pages.getByRole("link", { name: label })).toHaveCount(0);
  }
  // A page past the end (an old link) shows the last page rather than nothing.
  await page.goto("/email-log?size=25&page=4");
  await expect(pages.getByText(/^Showing /)).toHaveText("Showing 1–5 of 5");
  await expect(messageRows(page)).toHaveCount(5);

  // The table scrolls sideways on a narrow screen, so its region is focusable too.
  await tabTo(page, page.getByRole("region", { name: "Emails, scrolls sideways" }));
});

// ---------------------------------------------------------------------------------------------------------------
// 4. A bounce, reported by Resend's webhook

test("[Office Manager] a signed bounce webhook marks Chloe's email Bounced, with the reason, in her Email log, the Users tab and the org log", async ({
  page,
  request,
}) => {
  const message = await welcomeEmailOf(CHLOE);
  const event = bounceEvent(message, BOUNCE_REASON);
  const eventId = `msg_${randomUUID()}`;

  const response = await postWebhook(request, event, { id: eventId });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ result: "applied" });

  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);

  // The Users tab flags her address.
  await page.goto("/users");
  await page.getByRole("searchbox", { name: "Search" }).fill("chloe");
  await expectQuery(page, "/users", { q: "chloe" });
  const row = page
    .getByRole("table")
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: CHLOE.name, exact: true }) });
  await expect(row).toHaveCount(1);
  const emailCell = await cellOf(row, "Email");
  await expect(emailCell).toContainText(CHLOE.email);
  await expect(emailCell.getByText("Bounced", { exact: true })).toHaveAttribute("title", "Fix this address before sending again");
  await expect(await cellOf(row, "Last email")).toHaveText("Bounced");

  // Her page: the Profile tab's Email field says so, and the Email log tab says why.
  await row.getByRole("link", { name: CHLOE.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: CHLOE.name })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription(/Emails to this address bounced\. Correct it before sending again\./);
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Email log" }).click();
  await expect(page.getByText(`Emails to ${CHLOE.email} bounced: ${BOUNCE_REASON}`)).toBeVisible();
  await expect(page.getByText("Fix the address on the Profile tab before sending again.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Profile tab" })).toHaveAttribute("href", new URL(page.url()).pathname.replace(/\/email-log$/, ""));

  const rows = messageRows(page);
  await expect(rows).toHaveCount(1);
  await expect(await cellOf(rows, "Status")).toHaveText("Bounced");
  await expect(await cellOf(rows, "Last error")).toHaveText(BOUNCE_REASON);
  // The newest message's timeline is open from the start here.
  const { button, panel } = await timelineOf(rows);
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(timelineSteps(panel)).toHaveText(["Queued", "Sent", "Bounced"]);
  await expect(panel).toContainText(`${BOUNCE_REASON} (Permanent, General)`);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "member-email-log-bounced");

  // Resend delivers at least once: the same event again changes nothing.
  const again = await postWebhook(request, event, { id: eventId });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ result: "duplicate" });
  await page.reload();
  await expect(timelineSteps((await timelineOf(messageRows(page))).panel)).toHaveText(["Queued", "Sent", "Bounced"]);

  // The organization's log finds her with the Bounced filter, and only her.
  await page.goto("/email-log");
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Bounced" });
  await expectQuery(page, "/email-log", { status: "bounced" });
  await expect(messageRows(page)).toHaveCount(1);
  await expect(messageRowOf(page, CHLOE.name)).toHaveCount(1);
  await expect(await cellOf(messageRowOf(page, CHLOE.name), "Status")).toHaveText("Bounced");
  await screenshot(page, "email-log-bounced");
});

test("[VISITOR] an unsigned, a wrongly signed or a stale webhook gets 400 and changes nothing", async ({ page, request }) => {
  const message = await welcomeEmailOf(BEN);
  const complaint: ResendEvent = {
    type: "email.complained",
    created_at: new Date().toISOString(),
    data: { email_id: `re_${randomUUID()}`, to: [message.to], tags: { message_id: message.id } },
  };
  const bounce = bounceEvent(message, BOUNCE_REASON);

  const unsigned = await postWebhook(request, complaint, { signed: false });
  expect(unsigned.status()).toBe(400);
  const otherKey = `whsec_${Buffer.from("not-the-gatehouse-webhook-signing-key").toString("base64")}`;
  const forged = await postWebhook(request, bounce, { secret: otherKey });
  expect(forged.status()).toBe(400);
  // Correctly signed, but replayed ten minutes later: Svix allows five.
  const stale = await postWebhook(request, bounce, { at: new Date(Date.now() - 10 * 60_000) });
  expect(stale.status()).toBe(400);
  // A signature over another body does not carry over to this one.
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  const tampered = await request.post("/api/webhooks/resend", {
    data: JSON.stringify(bounce),
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
      "svix-signature": new Webhook(WEBHOOK_SECRET).sign(id, at, JSON.stringify(complaint)),
    },
  });
  expect(tampered.status()).toBe(400);

  // Ben's email is still just Sent, and nothing flags his address.
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await openMemberEmailLog(page, BEN, "Dubois");
  await expect(page.getByText(`Emails to ${BEN.email} bounced`)).toHaveCount(0);
  await expect(page.getByText(`An email to ${BEN.email} was marked as spam`)).toHaveCount(0);
  const rows = messageRows(page);
  await expect(rows).toHaveCount(1);
  await expect(await cellOf(rows, "Status")).toHaveText("Sent");
  await expect(timelineSteps((await timelineOf(rows)).panel)).toHaveText(["Queued", "Sent"]);
  await page.goto("/users?q=Dubois");
  const row = page
    .getByRole("table")
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: BEN.name, exact: true }) });
  await expect(await cellOf(row, "Email")).toHaveText(BEN.email);
  await expect(await cellOf(row, "Last email")).toHaveText("Sent");
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Who sees which log (SPEC §1, §3)

/** The id of a member's page, read from the organization's log as the office manager. */
async function memberPathsFromLog(page: Page): Promise<Record<string, string>> {
  await signIn(page, OFFICE_MANAGER, DEMO_PASSWORD);
  await page.goto("/email-log");
  await expect(messageRows(page)).toHaveCount(5);
  const paths: Record<string, string> = {};
  for (const member of WELCOMED) paths[member.name] = (await messageRowOf(page, member.name).getByRole("link", { name: member.name }).getAttribute("href"))!;
  await page.context().clearCookies();
  return paths;
}

test("[SUPERVISOR] has no Email log in the navigation, /email-log is not found, and only their agents' Email log tabs open", async ({ page }) => {
  await welcomeEmailsDelivered();
  const paths = await memberPathsFromLog(page);

  await signIn(page, SUPERVISOR, DEMO_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Agents" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Email log" })).toHaveCount(0);

  await expectNotFound(page, "/email-log");

  // Dana is on the Front Desk team, not theirs.
  await expectNotFound(page, `${paths[DANA.name]}/email-log`);

  // An agent of Call Center East: the tab is there, with nothing sent yet.
  await page.goto("/users?q=213");
  await page.getByRole("table").getByRole("link", { name: "Diego Fernández" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Diego Fernández" })).toBeVisible();
  await page.getByRole("navigation", { name: "User" }).getByRole("link", { name: "Email log" }).click();
  await expect(page.getByText("No emails to Diego Fernández yet.")).toBeVisible();
});

test("[SITE MANAGER] has no organization Email log, but opens the Email log tab of members on their site", async ({ page }) => {
  await welcomeEmailsDelivered();
  const paths = await memberPathsFromLog(page);

  await signIn(page, SITE_MANAGER, DEMO_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Email log" })).toHaveCount(0);
  await expectNotFound(page, "/email-log");

  // Dana works at Downtown, their site: her welcome email and its timeline.
  await openMemberEmailLog(page, DANA, "Reyes");
  const rows = messageRows(page);
  await expect(rows).toHaveCount(1);
  await expect(await cellOf(rows, "Subject")).toHaveText(SUBJECT);
  await expect(await cellOf(rows, "Status")).toHaveText("Sent");
  await expect(rows).toContainText(DANA.email);
  await expect(timelineSteps((await timelineOf(rows)).panel)).toHaveText(["Queued", "Sent"]);
  await expectNoSeriousA11yViolations(page);

  // Chloe works at Hillcrest: not theirs, so not found.
  await expectNotFound(page, `${paths[CHLOE.name]}/email-log`);
});
