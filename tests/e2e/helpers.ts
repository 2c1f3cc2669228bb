import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, request as apiClients, test, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { Webhook } from "svix";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";

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

/**
 * Opens the user menu with the keyboard (focus the summary, Enter), tabs past "My Account" (every organization
 * member has it; support staff don't) to "Sign out" and presses it.
 */
export async function signOutWithKeyboard(page: Page, name: string, { screenshotAs }: { screenshotAs?: string } = {}): Promise<void> {
  const signOut = page.getByRole("button", { name: "Sign out" });
  const myAccount = page.getByRole("banner").getByRole("link", { name: "My Account" });
  await expect(signOut).toBeHidden();
  await userMenu(page, name).focus();
  await page.keyboard.press("Enter");
  await expect(signOut).toBeVisible();
  if (screenshotAs) await screenshot(page, screenshotAs);
  await page.keyboard.press("Tab");
  if (await myAccount.isVisible()) {
    await expect(myAccount).toBeFocused();
    await page.keyboard.press("Tab");
  }
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
  // Next.js streams a dynamic page's <title> in after its body: scanning before it lands reports a missing title.
  await expect.poll(() => page.title(), { message: `the title of ${what ?? page.url()}` }).not.toBe("");
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

/** One email of GET /api/dev/mailbox (SPEC §5). */
export type MailboxEmail = { id: string; to: string; subject: string; text: string; html: string; links: string[]; createdAt: string };

/** The demo organization's owner (`npm run db:seed`): in production the mailbox answers owners and support only. */
export const DEMO_OWNER = "100@demo";

/**
 * Signs an API client in through Auth.js's credentials endpoint, which checks and throttles exactly as the sign-in
 * form does (app/_lib/auth.ts); the client's cookie jar then carries the session.
 */
export async function signInApi(client: APIRequestContext, identifier: string, password: string): Promise<void> {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.post("/api/auth/callback/credentials", { form: { csrfToken, identifier, password }, maxRedirects: 0 });
  expect(response.status(), `sign-in of ${identifier} through /api/auth`).toBe(302);
  expect(response.headers().location, `sign-in of ${identifier} through /api/auth`).not.toMatch(/[?&]error=/);
}

// One client per server, signed in once: a test's own `request` (or its page's) keeps whoever the test signs in.
const mailboxReaders = new Map<string, Promise<APIRequestContext>>();

async function mailboxReader(baseURL: string, { fresh = false } = {}): Promise<APIRequestContext> {
  let reader = mailboxReaders.get(baseURL);
  if (!reader || fresh) {
    reader = apiClients.newContext({ baseURL }).then(async (client) => {
      await signInApi(client, DEMO_OWNER, DEMO_PASSWORD);
      return client;
    });
    reader.catch(() => mailboxReaders.delete(baseURL)); // the failing test reports it; the next one tries again
    mailboxReaders.set(baseURL, reader);
  }
  return reader;
}

/** GET /api/dev/mailbox (`?to=` when given) of the test's server, read as the demo owner. */
export async function mailboxEmails(to?: string): Promise<MailboxEmail[]> {
  const baseURL = test.info().project.use.baseURL!;
  const path = to === undefined ? "/api/dev/mailbox" : `/api/dev/mailbox?to=${encodeURIComponent(to)}`;
  let response = await (await mailboxReader(baseURL)).get(path);
  // A test may end the owner's sessions (a password change, "Reset user completely"): sign in again once.
  if (response.status() === 401) response = await (await mailboxReader(baseURL, { fresh: true })).get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as MailboxEmail[];
}

/** A phone as office managers and new employees hold one (SPEC §4.17). */
export const PHONE = { width: 390, height: 844 };

/** The popup (SPEC §4) that says this. */
export const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });

/** The page does not scroll sideways: nothing is wider than the window. */
export async function expectNoSidewaysScroll(page: Page, what = "the page"): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} fits the window`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The newest email to an address with this subject (and, when given, text), waited for in the mailbox. */
export async function newestEmail(to: string, subject: string, containing?: string): Promise<MailboxEmail> {
  let found: MailboxEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailboxEmails(to)).find((e) => e.subject === subject && (!containing || e.text.includes(containing)));
        return found?.subject;
      },
      { message: `"${subject}" reaches ${to}`, timeout: 15_000 },
    )
    .toBe(subject);
  return found!;
}

/** The one link of an email that leads to this path ("/set-password/", "/verify-email/"…). */
export function linkIn(email: MailboxEmail, path: string): string {
  const links = [...new Set(email.links.filter((link) => link.includes(path)))];
  expect(links, `${path} links in "${email.subject}"`).toHaveLength(1);
  return links[0]!;
}

/** The webhook's signing secret: the server's RESEND_WEBHOOK_SECRET (playwright.config.ts). */
export const WEBHOOK_SECRET = process.env.E2E_WEBHOOK_SECRET!;

export type ResendEvent = { type: string; created_at: string; data: Record<string, unknown> };

/** Resend's `email.bounced` event for a message of the development mailbox, with the receiving server's reason. */
export function bounceEvent(message: MailboxEmail, reason: string): ResendEvent {
  const at = new Date().toISOString();
  return {
    type: "email.bounced",
    created_at: at,
    data: {
      email_id: `re_${randomUUID()}`,
      created_at: at,
      to: [message.to],
      subject: message.subject,
      tags: { message_id: message.id },
      bounce: { message: reason, type: "Permanent", subType: "General" },
    },
  };
}

/** Posts an event to /api/webhooks/resend as Resend does, signed by Svix (or not, or with the wrong key). */
export async function postWebhook(
  request: APIRequestContext,
  event: ResendEvent,
  { id = `msg_${randomUUID()}`, secret = WEBHOOK_SECRET, at = new Date(), signed = true }: { id?: string; secret?: string; at?: Date; signed?: boolean } = {},
) {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signed) {
    headers["svix-id"] = id;
    headers["svix-timestamp"] = String(Math.floor(at.getTime() / 1000));
    headers["svix-signature"] = new Webhook(secret).sign(id, at, body);
  }
  return request.post("/api/webhooks/resend", { data: body, headers });
}

/** The timeline a row's "Timeline" button shows and hides, found the way assistive technology does: aria-controls. */
export async function timelineOf(row: Locator): Promise<{ button: Locator; panel: Locator }> {
  const button = row.getByRole("button", { name: "Timeline" });
  const controls = await button.getAttribute("aria-controls");
  expect(controls, "the Timeline button names the row it opens").toBeTruthy();
  return { button, panel: row.page().locator(`[id="${controls}"]`) };
}

/** The labels of a timeline's steps, oldest first ("Queued", "Sent", "Bounced"…). */
export const timelineSteps = (panel: Locator) => panel.getByRole("listitem").locator("span.font-medium");

/** Runs work as someone else (the customer's office, the owner), in a browser of their own, signed in with the demo password. */
export async function asSomeoneElse<T>(browser: Browser, login: string, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, login, DEMO_PASSWORD);
    return await work(page);
  } finally {
    await context.close();
  }
}
