import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, screenshot, tabTo } from "./helpers";

/**
 * The public "Didn't get the email?" page every email links to (SPEC §4.12). The seeded server runs with the default
 * EMAIL_FROM, "Gatehouse <onboarding@localhost>": the page names the address alone.
 */

const SENDER = "onboarding@localhost";
const PROGRAMS = ["Outlook", "Gmail", "Apple Mail", "Yahoo Mail", "AOL Mail"];

// A <summary> has no ARIA role of its own (see userMenu in helpers.ts).
const program = (page: Page, name: string) => page.getByRole("main").locator("summary").filter({ hasText: name });

test("[VISITOR] opens the help page from an email without signing in and finds what to do", async ({ page }) => {
  const response = await page.goto("/help");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/help$/); // no detour through sign-in
  await expect(page).toHaveTitle("Didn't get the email? · Gatehouse");
  await expect(page.getByRole("heading", { level: 1, name: "Didn't get the email?" })).toBeVisible();
  for (const step of ["Wait about 10 minutes", "Look in your spam or junk folder", "Add our address to your safe senders", "Ask your manager to send a new email"]) {
    await expect(page.getByRole("heading", { level: 2, name: step })).toBeVisible();
  }
  await expect(page.getByText(SENDER, { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Gatehouse <")).toHaveCount(0); // the address, not the raw setting
  for (const name of PROGRAMS) await expect(program(page, name)).toBeVisible();
  await expect(page.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
  await expect(page.getByRole("link", { name: "sign in" })).toHaveAttribute("href", "/sign-in");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "help");
  await page.setViewportSize({ width: 390, height: 844 }); // the welcome email is often read on a phone
  await screenshot(page, "help-phone");
});

test("[VISITOR] every link on the help page leads somewhere", async ({ page }) => {
  await page.goto("/help");
  const hrefs = await page.getByRole("main").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs.sort()).toEqual(["/forgot-password", "/sign-in"]);
  // /forgot-password is another page being built at the same time; sign-in exists today.
  expect((await page.request.get("/sign-in")).status()).toBe(200);
});

test("[VISITOR] opens a mail program's steps with the keyboard", async ({ page }) => {
  await page.goto("/help");
  const gmail = program(page, "Gmail");
  const reportNotSpam = page.getByText("Report not spam");
  await expect(reportNotSpam).toBeHidden();
  await tabTo(page, gmail);
  await page.keyboard.press("Enter");
  await expect(reportNotSpam).toBeVisible();
  await expect(page.getByRole("main").getByText(`In From, type ${SENDER}.`)).toBeVisible();

  const outlook = program(page, "Outlook");
  await tabTo(page, outlook, { backwards: true });
  await page.keyboard.press("Space");
  await expect(page.getByRole("heading", { level: 3, name: "Classic Outlook for Windows" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, { what: "the help page with two programs open" });
  await screenshot(page, "help-programs-open");

  await page.keyboard.press("Enter"); // the same key closes it again
  await expect(page.getByRole("heading", { level: 3, name: "Classic Outlook for Windows" })).toBeHidden();
});

test("[VISITOR] whose browser prefers Spanish reads the help page and 'Forgot your password?' in Spanish", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES" });
  try {
    const page = await context.newPage();
    await page.goto("/help");
    await expect(page).toHaveTitle("¿No te ha llegado el correo? · Gatehouse");
    await expect(page.getByRole("heading", { level: 1, name: "¿No te ha llegado el correo?" })).toBeVisible();
    await expect(page.getByRole("main")).toHaveAttribute("lang", "es");
    for (const step of ["Espera unos 10 minutos", "Mira en la carpeta de spam o de correo no deseado", "Añade nuestra dirección a tus remitentes seguros"]) {
      await expect(page.getByRole("heading", { level: 2, name: step })).toBeVisible();
    }
    await program(page, "Outlook").click();
    await expect(page.getByText(/^Escribe onboarding@localhost y pulsa Intro\.$/)).toBeVisible();
    await expect(page.getByText("un enlace de bienvenida, al cabo de 30 días;")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "help-es");

    await page.getByRole("link", { name: "¿Has olvidado tu contraseña?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "¿Has olvidado tu contraseña?" })).toBeVisible();
    await page.getByRole("button", { name: "Envíame un enlace" }).click();
    await expect(page.getByLabel("Nombre de usuario o correo")).toHaveAccessibleDescription("Escribe tu nombre de usuario o tu correo");
    await page.getByLabel("Nombre de usuario o correo").fill("nadie@example.test");
    await page.getByRole("button", { name: "Envíame un enlace" }).click();
    await expect(page.getByRole("status")).toContainText("te estamos enviando un enlace");
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "forgot-password-es");
  } finally {
    await context.close();
  }
});
