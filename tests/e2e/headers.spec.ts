import { expect, test, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { signIn } from "./helpers";

/** SPEC §6: CSP with frame-ancestors 'none', nosniff and HSTS on the production build; no stack on error pages. */

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
}

// Signs of a leaked stack or source: "at fn (file.js:1:2)", a source path, or an error's class name.
const STACK = /\bat .+:\d+:\d+|node_modules\/|webpack-internal:|\.tsx?:\d+|\b(Type|Reference|Syntax)Error\b/;

test("[VISITOR] the sign-in page is sent with the security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  expect(response.status()).toBe(200);
  expectSecurityHeaders(response);
});

test("[MEMBER] signed-in pages are sent with the security headers", async ({ page }) => {
  await signIn(page, "200@demo", DEMO_PASSWORD);
  const response = await page.request.get("/"); // shares the page's session cookie
  expect(response.url()).toMatch(/\/$/); // the home page itself, not a redirect to sign-in
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Priya" })).toBeVisible();
  expect(await response.text()).toContain("Priya Natarajan"); // the signed-in shell, not the sign-in form
  expectSecurityHeaders(response);
});

test("[VISITOR] the Page not found page carries the security headers and shows no stack", async ({ request }) => {
  const response = await request.get("/setup"); // gone once an organization exists
  expect(response.status()).toBe(404);
  expectSecurityHeaders(response);
  const html = await response.text();
  expect(html).toContain("Page not found");
  expect(html).not.toMatch(STACK);
});
