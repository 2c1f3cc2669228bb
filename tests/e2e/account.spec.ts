import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo/seed-demo";
import { expectNoSeriousA11yViolations, expectNoSidewaysScroll, linkIn, newestEmail, PHONE, screenshot, signIn, toast, userMenu } from "./helpers";

/**
 * "My Account" (SPEC §4.9, seed 001) as members use it: their profile and language, their addresses changed and
 * confirmed by the links we send, their password, voicemail PIN and sessions. The demo organization of its own server
 * ("account"); each test takes a different demo member, so their changes don't meet.
 */

const DOMAIN = "demo-dental.test";
const unique = () => Math.random().toString(36).slice(2, 8);

async function inNewBrowser<T>(browser: Browser, work: (page: Page) => Promise<T>, options: Parameters<Browser["newContext"]>[0] = {}): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/** My Account, opened from the menu under the member's name with the keyboard alone, as seed 001 describes. */
async function openMyAccountWithKeyboard(page: Page, name: string, label = "My Account") {
  await userMenu(page, name).focus();
  await page.keyboard.press("Enter");
  const link = page.getByRole("banner").getByRole("link", { name: label });
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account$/);
}

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

test("[Member] changes their name, language, time zone and directory listing; the page, the next emails and the link pages are in Spanish", async ({ page, browser }) => {
  await signIn(page, "200@demo", DEMO_PASSWORD);
  await openMyAccountWithKeyboard(page, "Priya Natarajan");
  await expect(page.getByRole("heading", { level: 1, name: "My Account" })).toBeVisible();
  await expect(page.getByRole("main").getByText("200@demo", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "account");

  const profile = section(page, "Profile");
  await profile.getByLabel("Last name").fill("Natarajan-Rao");
  await profile.getByLabel("Language").selectOption("es");
  await profile.getByLabel("Time zone").fill("Europe/Madrid");
  const listed = profile.getByRole("checkbox", { name: "Listed in directory" });
  await expect(listed).toHaveAccessibleDescription("Colleagues can find you by name in the company directory.");
  await listed.uncheck();
  await profile.getByRole("button", { name: "Save profile" }).click();

  // Said, and from now on shown, in the language just chosen.
  await expect(toast(page, "Se ha guardado tu perfil.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Mi cuenta" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Priya Natarajan-Rao");
  await expect(page.getByRole("banner").getByRole("link", { name: "Inicio" })).toBeVisible();
  await expect(section(page, "Perfil").getByLabel("Zona horaria")).toHaveValue("Europe/Madrid");
  await expect(section(page, "Perfil").getByRole("checkbox", { name: "Aparecer en el directorio" })).not.toBeChecked();
  await expect(page.locator("main[id=main]")).toBeVisible();
  await expect(page.locator("[lang=es]").first()).toBeVisible();

  // The next email is in Spanish, and so is its link's page, with its dates in Madrid's time.
  const address = `priya.${unique()}@example.test`;
  const primary = section(page, "Dirección de correo");
  await primary.getByLabel("Nueva dirección de correo").fill(address);
  await primary.getByRole("button", { name: "Cambiar la dirección" }).click();
  await expect(toast(page, `Hemos enviado un enlace a ${address}. Ábrelo para confirmar el cambio.`)).toBeVisible();
  await expect(primary.getByRole("status")).toContainText(`Pendiente de confirmar ${address}`);
  await expect(primary.getByRole("status")).toContainText(/Funciona hasta el .+ (CET|GMT\+1)\./);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "account-es-waiting");
  const verify = await newestEmail(address, "Confirma tu nueva dirección de correo");
  expect(verify.text).toMatch(/hasta el .+ (CET|GMT\+1)\./);
  await inNewBrowser(browser, async (visitor) => {
    await visitor.goto(linkIn(verify, "/verify-email/"));
    await expect(visitor.getByRole("heading", { level: 1, name: "Confirma tu dirección de correo" })).toBeVisible();
    await expect(visitor.getByText(`Confirma ${address} como dirección de correo de tu cuenta de Demo Dental Group.`)).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await screenshot(visitor, "verify-email-es");
  });

  // "Cancel" leaves the address as it was; the link stops working and says so, in Spanish.
  await primary.getByRole("button", { name: "Cancelar" }).click();
  await expect(toast(page, "Se ha cancelado el cambio. Tu dirección de correo sigue siendo la misma.")).toBeVisible();
  await expect(primary.getByRole("status")).toHaveCount(0);
  await inNewBrowser(browser, async (visitor) => {
    await visitor.goto(linkIn(verify, "/verify-email/"));
    await expect(visitor.getByRole("heading", { level: 1, name: "Este enlace ya no funciona" })).toBeVisible();
  });

  // "Forgot your password?" sends a reset email in Spanish whose page is in Spanish too.
  await inNewBrowser(browser, async (visitor) => {
    await visitor.goto("/forgot-password");
    await visitor.getByLabel("Login name or email").fill("200@demo");
    await visitor.getByRole("button", { name: "Email me a link" }).click();
    await expect(visitor.getByRole("status")).toBeVisible();
    const reset = await newestEmail(`priya.natarajan@${DOMAIN}`, "Restablece tu contraseña");
    await visitor.goto(linkIn(reset, "/reset-password/"));
    await expect(visitor.getByRole("heading", { level: 1, name: "Elige una nueva contraseña" })).toBeVisible();
    await expect(visitor.getByLabel("Nueva contraseña")).toBeVisible();
    await expect(visitor.getByLabel("Confirma la contraseña")).toBeVisible();
    await expect(visitor.getByRole("button", { name: "Cambiar la contraseña" })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await screenshot(visitor, "reset-password-es");
  });
});

test("[Member] changes their email by the link sent to the new address; the old address hears of it, and 'This wasn't me' puts it back and signs everyone out", async ({ page, browser }) => {
  const oldAddress = `diego.fernandez@${DOMAIN}`;
  const newAddress = `diego.${unique()}@example.test`;
  await signIn(page, "213@demo", DEMO_PASSWORD);
  await page.goto("/account");
  const primary = section(page, "Email address");
  await expect(primary.getByRole("definition").first()).toHaveText(oldAddress);
  await primary.getByLabel("New email address").fill(newAddress);
  await primary.getByLabel("New email address").press("Enter");
  await expect(toast(page, `We sent a link to ${newAddress}. Open it to confirm the change.`)).toBeVisible();
  await expect(primary.getByRole("status")).toContainText(`Waiting for confirmation of ${newAddress}`);
  await primary.getByRole("button", { name: "Resend" }).click();
  await expect(toast(page, `We sent a new link to ${newAddress}.`)).toBeVisible();
  await screenshot(page, "account-waiting");

  const notice = await newestEmail(oldAddress, "A change to your email address");
  expect(notice.text).toContain("to d•••@example.test");
  expect(notice.text).not.toContain(newAddress);
  const verify = await newestEmail(newAddress, "Confirm your new email address");

  // The link is opened where nobody is signed in (the new inbox is on a phone, say): a GET changes nothing, the button does.
  await inNewBrowser(
    browser,
    async (phone) => {
      await phone.goto(linkIn(verify, "/verify-email/"));
      await expect(phone.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
      await expect(phone.getByText("It becomes the address your password resets and account emails go to.")).toBeVisible();
      await expectNoSidewaysScroll(phone);
      await expectNoSeriousA11yViolations(phone);
      await phone.getByRole("button", { name: "Confirm email address" }).click();
      await expect(phone.getByRole("status")).toContainText(`${newAddress} is now your email address.`);
      await screenshot(phone, "verify-email-done-phone");
    },
    { viewport: PHONE },
  );
  await page.reload();
  await expect(primary.getByRole("definition").first()).toHaveText(newAddress);
  await expect(primary.getByRole("status")).toHaveCount(0);

  // "This wasn't me", from the old inbox: the address is put back and every session ends, this one included.
  await inNewBrowser(browser, async (oldInbox) => {
    await oldInbox.goto(linkIn(notice, "/undo-email-change/"));
    await expect(oldInbox.getByRole("heading", { level: 1, name: "Wasn't you?" })).toBeVisible();
    await expect(oldInbox.getByText(`If it wasn't you, undo it: ${oldAddress} stays your email address`)).toBeVisible();
    await expectNoSeriousA11yViolations(oldInbox);
    await screenshot(oldInbox, "undo-email-change");
    await oldInbox.getByRole("button", { name: "Undo the change and sign everyone out" }).click();
    await expect(oldInbox.getByRole("status")).toContainText(`${oldAddress} is your email address again`);
    await expect(oldInbox.getByRole("link", { name: "Forgot your password?" })).toBeVisible();
  });
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?reason=session-ended$/);
  await signIn(page, "213@demo", DEMO_PASSWORD);
  await page.goto("/account");
  await expect(section(page, "Email address").getByRole("definition").first()).toHaveText(oldAddress);
});

test("[Member] adds two more addresses, confirms both by their links, removes one; someone else signed in can't confirm theirs", async ({ page, browser }) => {
  const [first, second] = [`gabriel.home.${unique()}@example.test`, `gabriel.old.${unique()}@example.test`];
  await signIn(page, "216@demo", DEMO_PASSWORD);
  await page.goto("/account");
  const additional = section(page, "Additional email addresses");
  await expect(additional.getByText("No additional email addresses.")).toBeVisible();
  for (const address of [first, second]) {
    await additional.getByLabel("Add an email address").fill(address);
    await additional.getByRole("button", { name: "Add address" }).click();
    await expect(toast(page, `We sent a link to ${address}. It counts once you open it.`)).toBeVisible();
  }
  const row = (address: string) => additional.getByRole("listitem").filter({ hasText: address });
  await expect(row(first)).toContainText("Waiting for confirmation");
  await expect(row(second)).toContainText("Waiting for confirmation");

  // Someone else signed in on this computer (the office manager, say) opens the link: refused, nothing changes.
  const link = linkIn(await newestEmail(first, "Confirm your new email address"), "/verify-email/");
  await inNewBrowser(browser, async (manager) => {
    await signIn(manager, "101@demo", DEMO_PASSWORD);
    await manager.goto(link);
    await expect(manager.getByRole("heading", { level: 1, name: "This link is for another account" })).toBeVisible();
    await expect(manager.getByText(/You're signed in as Adam Ashby/)).toBeVisible();
    await expect(manager.getByRole("button", { name: "Confirm email address" })).toHaveCount(0);
  });
  // Gabriel opens it himself: confirmed.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByRole("status")).toContainText(`${first} is confirmed.`);
  await page.getByRole("link", { name: "Go to My Account" }).click();
  await expect(row(first)).toContainText("Verified");
  await expect(row(first).getByRole("button", { name: "Make primary" })).toBeVisible();
  // The second from another device where nobody is signed in, its inbox on a phone, say.
  await inNewBrowser(browser, async (phone) => {
    await phone.goto(linkIn(await newestEmail(second, "Confirm your new email address"), "/verify-email/"));
    await phone.getByRole("button", { name: "Confirm email address" }).click();
    await expect(phone.getByRole("status")).toContainText(`${second} is confirmed.`);
    await expect(phone.getByRole("link", { name: "Sign in" })).toBeVisible();
  });
  await page.reload();
  await expect(row(second)).toContainText("Verified");

  await row(second).getByRole("group", { name: `Actions for ${second}` }).getByRole("button", { name: "Remove" }).click();
  await expect(toast(page, `${second} was removed.`)).toBeVisible();
  await expect(row(second)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "account-additional-addresses");
});

test("[Member] updates the password: every rule broken is said at once, then the other open session is signed out and this one stays; then the voicemail PIN", async ({ page, browser }) => {
  const NEW_PASSWORD = "jonas rides the early ferry home";
  await signIn(page, "219@demo", DEMO_PASSWORD);
  await inNewBrowser(browser, async (otherDevice) => {
    await signIn(otherDevice, "219@demo", DEMO_PASSWORD);
    await page.goto("/account");
    const password = section(page, "Update Password");
    await password.getByLabel("Current password").fill("not my password");
    await password.getByLabel("New password").fill("hi 219@demo");
    await password.getByLabel("Confirm password").fill("something else");
    await password.getByRole("button", { name: "Update password" }).click();
    await expect(password.getByLabel("Current password")).toHaveAccessibleDescription("That isn't your current password.");
    await expect(password.getByLabel("New password")).toHaveAccessibleDescription(/Use at least 15 characters \(you have 11\)\. Don't use your login name in your password\./);
    await expect(password.getByLabel("Confirm password")).toHaveAccessibleDescription(/The two passwords don't match/);
    await expect(password.getByLabel("Current password")).toBeFocused();
    await screenshot(page, "account-password-refused");

    await password.getByLabel("Current password").fill(DEMO_PASSWORD);
    await password.getByLabel("New password").fill(NEW_PASSWORD);
    await password.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await password.getByRole("button", { name: "Update password" }).click();
    await expect(toast(page, "Your password was changed. You were signed out everywhere else.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "My Account" })).toBeVisible(); // this browser stays signed in
    await otherDevice.goto("/account");
    await expect(otherDevice).toHaveURL(/\/sign-in\?reason=session-ended$/);
  });
  await newestEmail(`jonas.nunez@${DOMAIN}`, "Your password was changed");

  const pin = section(page, "Voicemail PIN");
  await expect(pin.getByText("You have a voicemail PIN.").or(pin.getByText("You don't have a voicemail PIN yet."))).toBeVisible();
  await pin.getByLabel("New voicemail PIN").fill("1234");
  await pin.getByLabel("Your password").fill(NEW_PASSWORD);
  await pin.getByRole("button", { name: "Change PIN" }).click();
  await expect(pin.getByLabel("New voicemail PIN")).toHaveAccessibleDescription(/Don't use a run of digits like 1234/);
  await pin.getByLabel("New voicemail PIN").fill("2580");
  await pin.getByLabel("Your password").fill(NEW_PASSWORD);
  await pin.getByRole("button", { name: "Change PIN" }).click();
  await expect(toast(page, "Your voicemail PIN was changed.")).toBeVisible();
  await expect(pin.getByText("You have a voicemail PIN.")).toBeVisible();
});

test("[Member] 'Sign out everywhere else' ends the session on their other device and keeps this one", async ({ page, browser }) => {
  await signIn(page, "210@demo", DEMO_PASSWORD);
  await inNewBrowser(browser, async (otherDevice) => {
    await signIn(otherDevice, "210@demo", DEMO_PASSWORD);
    await page.goto("/account");
    await section(page, "Sessions").getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(toast(page, "You were signed out everywhere else. You stay signed in here.")).toBeVisible();
    await otherDevice.goto("/");
    await expect(otherDevice).toHaveURL(/\/sign-in\?reason=session-ended$/);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Welcome, Amara" })).toBeVisible();
  });
});

test("[Office Manager] reaches My Account from the menu on a phone (390 × 844), with the keyboard", async ({ browser }) => {
  await inNewBrowser(
    browser,
    async (phone) => {
      await signIn(phone, "101@demo", DEMO_PASSWORD);
      const menu = phone.getByRole("banner").locator("summary").filter({ hasText: "Menu" });
      await menu.focus();
      await phone.keyboard.press("Enter");
      const link = phone.getByRole("banner").getByRole("link", { name: "My Account" });
      await expect(link).toBeVisible();
      await link.focus();
      await phone.keyboard.press("Enter");
      await expect(phone).toHaveURL(/\/account$/);
      await expect(phone.getByRole("heading", { level: 1, name: "My Account" })).toBeVisible();
      await expect(section(phone, "Profile").getByLabel("First name")).toHaveValue("Adam");
      await expectNoSidewaysScroll(phone);
      await expectNoSeriousA11yViolations(phone);
      await screenshot(phone, "account-phone");
    },
    { viewport: PHONE },
  );
});
