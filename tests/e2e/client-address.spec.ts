import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { formAlert, GENERIC_SIGN_IN_ERROR, identifierField, passwordField } from "./helpers";

/**
 * SPEC §6: the per-address limit counts the address the server sees (TRUSTED_PROXY_HOPS=0 here: no proxy in front),
 * whatever a client writes in X-Forwarded-For or in the header the server stamps itself. These tests use up the
 * machine's address's budget on this server, which is why it is a server of their own.
 */
test("[VISITOR] a client writing a new X-Forwarded-For on every attempt is still one address: after 30 failures even the right password waits", async ({ page }) => {
  const attempt = async (i: number, identifier: string, password: string) => {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}`, "x-gatehouse-peer-address": `192.0.2.${i}` });
    await page.goto("/sign-in");
    await identifierField(page).fill(identifier);
    await passwordField(page).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toBeVisible();
    return formAlert(page).innerText();
  };
  for (let i = 1; i < 30; i++) expect(await attempt(i, `sprayer-${i}@nowhere.test`, "not the password at all")).toBe(GENERIC_SIGN_IN_ERROR);
  expect(await attempt(30, "sprayer-30@nowhere.test", "not the password at all")).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  expect(await attempt(31, "200@demo", DEMO_PASSWORD)).toBe("Too many sign-in attempts. Try again in 15 minutes.");
});
