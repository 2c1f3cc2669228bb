import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailMessage, member, memberEmail, token } from "@/db/schema";
import { memberActorOf, type MemberActor } from "@/lib/actor";
import {
  addEmailAddress,
  cancelEmailChange,
  makeEmailAddressPrimary,
  removeEmailAddress,
  requestEmailChange,
  resendEmailAddressLink,
  resendEmailChange,
} from "@/lib/account/email-addresses";
import { EMAIL_LINK_PATHS } from "@/lib/account/paths";
import { confirmEmailWithLink, EmailLinkNotUsableError, findEmailLink, OtherAccountError, undoEmailChangeWithLink } from "@/lib/account/email-links";
import { AccountError, accountView, maskEmail } from "@/lib/account/own-account";
import { changePassword, changeVoicemailPin, signOutEverywhereElse } from "@/lib/account/security";
import { updateProfile } from "@/lib/account/update-profile";
import { authenticate } from "@/lib/auth/authenticate";
import { getConfig } from "@/lib/config";
import { linksOf } from "@/lib/email/mailbox";
import { InvalidFieldsError } from "@/lib/errors";
import { updateMember } from "@/lib/members/update-member";
import { updateMemberInput } from "@/lib/members/schemas";
import { verifyPassword, verifyPin } from "@/lib/passwords";
import { createMember, reloadMember, seedOrganization, TEST_PASSWORD } from "@/tests/factories";
import { asReceived, auditsOf, everythingAbout, expectRejection, NEW_PASSWORD, sendLink, uniqueIp } from "../onboarding/helpers";

/** A member signed in to their own account, with the organization around them. */
async function signedInMember(overrides: Parameters<typeof createMember>[1] = {}) {
  const org = await seedOrganization();
  const id = crypto.randomUUID().slice(0, 6);
  const m = await createMember(org.organization.id, { firstName: "Dana", lastName: "Reyes", loginName: `d${id}@${org.organization.slug}`, primaryEmail: `dana.${id}@example.test`, ...overrides });
  return { org, m, actor: await memberActorOf(await getDb(), m) };
}

/** The emails queued for the member, as they will arrive, oldest first. */
async function emailsTo(memberId: string) {
  const db = await getDb();
  return asReceived(await db.select().from(emailMessage).where(eq(emailMessage.memberId, memberId)).orderBy(asc(emailMessage.createdAt)));
}

/** The secret of the link of this purpose in an email. */
function secretOf(email: { html: string }, purpose: keyof typeof EMAIL_LINK_PATHS): string {
  const prefix = `${getConfig().appUrl}${EMAIL_LINK_PATHS[purpose]}/`;
  const links = linksOf(email.html).filter((link) => link.startsWith(prefix));
  expect(links).toHaveLength(1);
  return links[0]!.slice(prefix.length);
}

const newAddress = () => `new.${crypto.randomUUID().slice(0, 6)}@example.test`;

describe("My Account: Profile (SPEC §4.9)", () => {
  it("[Member] changes their name, language, time zone and directory listing, audited from and to", async () => {
    const { m, actor } = await signedInMember();
    const account = await updateProfile({
      actor,
      input: { firstName: "Daniela", lastName: "Reyes", language: "es", timeZone: "America/Mexico_City", listedInDirectory: false },
      ip: "203.0.113.5",
      userAgent: `Mozilla/5.0 (iPhone) ${"x".repeat(600)}`,
    });
    expect(account.language).toBe("es");
    expect(account.t.account.title).toBe("Mi cuenta");
    expect(await reloadMember(m.id)).toMatchObject({ firstName: "Daniela", language: "es", timeZone: "America/Mexico_City", listedInDirectory: false });
    const [audit] = await auditsOf(m.id, "account.profile-update");
    // Where it came from, for "was that me?": the address and the browser, its name cut to 512 characters.
    expect(audit).toMatchObject({ ip: "203.0.113.5", userAgent: expect.stringMatching(/^Mozilla\/5\.0 \(iPhone\) x+$/) });
    expect(audit?.userAgent).toHaveLength(512);
    expect(audit?.details).toEqual({
      changes: {
        firstName: { from: "Dana", to: "Daniela" },
        language: { from: null, to: "es" },
        timeZone: { from: null, to: "America/Mexico_City" },
        listedInDirectory: { from: true, to: false },
      },
    });
  });

  it("[Member] an empty language and time zone follow the organization's; saving what is there audits nothing", async () => {
    const { m, actor } = await signedInMember({ language: "es", timeZone: "Europe/Madrid" });
    const account = await updateProfile({ actor, input: { firstName: "Dana", lastName: "Reyes", language: undefined, timeZone: undefined, listedInDirectory: true } });
    expect(account).toMatchObject({ language: "en", timeZone: "UTC" });
    expect(await reloadMember(m.id)).toMatchObject({ language: null, timeZone: null });
    await updateProfile({ actor, input: { firstName: "Dana", lastName: "Reyes", language: undefined, timeZone: undefined, listedInDirectory: true } });
    expect(await auditsOf(m.id, "account.profile-update")).toHaveLength(1);
  });
});

describe("My Account: changing the primary email (SPEC §4.9)", () => {
  it("[Member] the new address gets a link, the old one a notice naming it masked; nothing changes until the link is used", async () => {
    const { m, actor } = await signedInMember({ language: "es" });
    const to = newAddress();
    await requestEmailChange({ actor, email: to });
    expect(await reloadMember(m.id)).toMatchObject({ primaryEmail: m.primaryEmail, pendingEmail: to });
    const [verify, notice] = await emailsTo(m.id);
    expect(verify).toMatchObject({ to, template: "email-verify", subject: "Confirma tu nueva dirección de correo" });
    expect(notice).toMatchObject({ to: m.primaryEmail, template: "email-changed", subject: "Un cambio en tu dirección de correo" });
    expect(notice!.text).toContain(maskEmail(to));
    expect(notice!.text).not.toContain(to);
    expect((await auditsOf(m.id, "account.email-change-request"))[0]?.details).toEqual({ from: m.primaryEmail, to });
    const view = await accountView(await getDb(), actor);
    expect(view.member.pendingEmail).toBe(to);
    expect(view.pendingEmailExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it("[Member] using the link makes it the primary address, ends the old address's password links and is audited", async () => {
    const { org, m, actor } = await signedInMember();
    const reset = await sendLink(org.actors.admin, m.id, "reset");
    const to = newAddress();
    await requestEmailChange({ actor, email: to });
    const secret = secretOf((await emailsTo(m.id)).find((e) => e.template === "email-verify")!, "email-verify");
    expect((await findEmailLink(await getDb(), secret, "email-verify"))?.state).toBe("valid");
    const done = await confirmEmailWithLink({ secret, signedIn: actor });
    expect(done).toMatchObject({ confirms: "primary", address: to });
    expect(await reloadMember(m.id)).toMatchObject({ primaryEmail: to, pendingEmail: null });
    expect((await findEmailLink(await getDb(), secret, "email-verify"))?.state).toBe("used");
    const db = await getDb();
    const [resetNow] = await db.select().from(token).where(eq(token.id, reset.token.id));
    expect(resetNow?.revokedAt).not.toBeNull();
    expect((await auditsOf(m.id, "account.email-change"))[0]?.details).toEqual({ from: m.primaryEmail, to, via: "verification link" });
    await expectRejection(confirmEmailWithLink({ secret }), EmailLinkNotUsableError, { state: "used" });
  });

  it("[Visitor] the link works without signing in, but not for someone signed in to another account", async () => {
    const { org, m, actor } = await signedInMember();
    const to = newAddress();
    await requestEmailChange({ actor, email: to });
    const secret = secretOf((await emailsTo(m.id))[0]!, "email-verify");
    const before = await everythingAbout([m.id]);
    await expectRejection(confirmEmailWithLink({ secret, signedIn: org.actors.admin }), OtherAccountError, { signedInAs: "Adam Admin" });
    expect(await everythingAbout([m.id])).toEqual(before);
    await confirmEmailWithLink({ secret, signedIn: null });
    expect((await reloadMember(m.id))?.primaryEmail).toBe(to);
  });

  it("[Member] Resend replaces the link, Cancel ends both the link and the notice's, and the address stays", async () => {
    const { m, actor } = await signedInMember();
    const to = newAddress();
    await requestEmailChange({ actor, email: to });
    const first = secretOf((await emailsTo(m.id))[0]!, "email-verify");
    const undo = secretOf((await emailsTo(m.id))[1]!, "email-undo");
    await resendEmailChange({ actor });
    const second = secretOf((await emailsTo(m.id))[2]!, "email-verify");
    const db = await getDb();
    expect((await findEmailLink(db, first, "email-verify"))?.state).toBe("replaced");
    expect((await findEmailLink(db, second, "email-verify"))?.state).toBe("valid");
    await cancelEmailChange({ actor });
    expect(await reloadMember(m.id)).toMatchObject({ primaryEmail: m.primaryEmail, pendingEmail: null });
    expect((await findEmailLink(db, second, "email-verify"))?.state).toBe("cancelled");
    expect((await findEmailLink(db, undo, "email-undo"))?.state).toBe("cancelled");
    await expectRejection(cancelEmailChange({ actor }), AccountError, { message: "There is no email change waiting for confirmation." });
    await expectRejection(resendEmailChange({ actor }), AccountError);
  });

  it("[Member] asking for another address replaces the one waiting, whose link stops working", async () => {
    const { m, actor } = await signedInMember();
    await requestEmailChange({ actor, email: newAddress() });
    const first = secretOf((await emailsTo(m.id))[0]!, "email-verify");
    const second = newAddress();
    await requestEmailChange({ actor, email: second });
    expect((await reloadMember(m.id))?.pendingEmail).toBe(second);
    expect((await findEmailLink(await getDb(), first, "email-verify"))?.state).toBe("cancelled");
  });

  it("[Member] asking for the address they already have is refused beside the field, and nothing is sent", async () => {
    const { m, actor } = await signedInMember();
    const before = await everythingAbout([m.id]);
    await expectRejection(requestEmailChange({ actor, email: m.primaryEmail! }), AccountError, { field: "email", message: "That is already your email address." });
    expect(await everythingAbout([m.id])).toEqual(before);
  });

  it("[Member] may move to an address a colleague uses too (a shared mailbox): the link from that inbox decides", async () => {
    const { org, m, actor } = await signedInMember();
    const shared = org.members.inScope.primaryEmail!;
    await requestEmailChange({ actor, email: shared });
    await confirmEmailWithLink({ secret: secretOf((await emailsTo(m.id))[0]!, "email-verify") });
    expect((await reloadMember(m.id))?.primaryEmail).toBe(shared);
    expect((await reloadMember(org.members.inScope.id))?.primaryEmail).toBe(shared);
  });

  it("[Member] 'This wasn't me' after the change puts the old address back, ends every session and every open link", async () => {
    const { m, actor } = await signedInMember();
    const to = newAddress();
    await requestEmailChange({ actor, email: to });
    const [verify, notice] = await emailsTo(m.id);
    await confirmEmailWithLink({ secret: secretOf(verify!, "email-verify") });
    await addEmailAddress({ actor, email: newAddress() });
    const undo = secretOf(notice!, "email-undo");
    const db = await getDb();
    expect((await findEmailLink(db, undo, "email-undo"))?.state).toBe("valid");
    const done = await undoEmailChangeWithLink({ secret: undo, ip: "203.0.113.9" });
    expect(done.address).toBe(m.primaryEmail);
    const after = await reloadMember(m.id);
    expect(after).toMatchObject({ primaryEmail: m.primaryEmail, pendingEmail: null, sessionVersion: m.sessionVersion + 1 });
    const open = await db.select().from(token).where(and(eq(token.memberId, m.id), eq(token.purpose, "email-verify")));
    expect(open.every((t) => t.usedAt || t.revokedAt)).toBe(true);
    expect((await auditsOf(m.id, "account.email-change-undo"))[0]).toMatchObject({
      ip: "203.0.113.9",
      details: { restored: m.primaryEmail, replaced: to, cancelled: null, signedOutEverywhere: true },
    });
    await expectRejection(undoEmailChangeWithLink({ secret: undo }), EmailLinkNotUsableError, { state: "used" });
  });

  it("[Member] 'This wasn't me' before the link is used drops the change waiting", async () => {
    const { m, actor } = await signedInMember();
    await requestEmailChange({ actor, email: newAddress() });
    const [verify, notice] = await emailsTo(m.id);
    await undoEmailChangeWithLink({ secret: secretOf(notice!, "email-undo") });
    expect(await reloadMember(m.id)).toMatchObject({ primaryEmail: m.primaryEmail, pendingEmail: null });
    await expectRejection(confirmEmailWithLink({ secret: secretOf(verify!, "email-verify") }), EmailLinkNotUsableError, { state: "cancelled" });
  });

  it("[Visitor] an expired verification link says so and changes nothing", async () => {
    const { m, actor } = await signedInMember();
    const asked = new Date(Date.now() - 25 * 3600_000);
    await requestEmailChange({ actor, email: newAddress(), now: asked });
    const secret = secretOf((await emailsTo(m.id))[0]!, "email-verify");
    await expectRejection(confirmEmailWithLink({ secret }), EmailLinkNotUsableError, { state: "expired" });
    expect((await reloadMember(m.id))?.primaryEmail).toBe(m.primaryEmail);
    expect(await findEmailLink(await getDb(), "x".repeat(43), "email-verify")).toBeNull();
  });

  it("[Office Manager] changing the member's address on their profile ends the old address's 'This wasn't me' link", async () => {
    const { org, m, actor } = await signedInMember();
    await requestEmailChange({ actor, email: newAddress() });
    const undo = secretOf((await emailsTo(m.id))[1]!, "email-undo");
    const current = (await reloadMember(m.id))!;
    const input = updateMemberInput.parse({ memberId: m.id, portalAccess: "yes", firstName: current.firstName, lastName: current.lastName, role: current.role, email: newAddress(), loginName: current.loginName });
    await updateMember({ actor: org.actors.admin, input });
    expect((await findEmailLink(await getDb(), undo, "email-undo"))?.state).toBe("cancelled");
  });
});

describe("My Account: additional email addresses (SPEC §2, §4.9)", () => {
  it("[Member] adds up to 4, each waiting until its link is used; a fifth, the primary or a repeat are refused", async () => {
    const { m, actor } = await signedInMember();
    const addresses = [newAddress(), newAddress(), newAddress(), newAddress()];
    for (const email of addresses) await addEmailAddress({ actor, email });
    const view = await accountView(await getDb(), actor);
    expect(view.additionalEmails.map((e) => [e.email, e.verified])).toEqual(addresses.map((a) => [a, false]));
    expect((await emailsTo(m.id)).map((e) => [e.to, e.template])).toEqual(addresses.map((a) => [a, "email-verify"]));
    const before = await everythingAbout([m.id]);
    await expectRejection(addEmailAddress({ actor, email: newAddress() }), AccountError, { field: "email", message: "You can add up to 4 additional addresses. Remove one first." });
    await removeEmailAddress({ actor, addressId: view.additionalEmails[3]!.id });
    await expectRejection(addEmailAddress({ actor, email: m.primaryEmail! }), AccountError, { message: "This is already your email address." });
    await expectRejection(addEmailAddress({ actor, email: addresses[0]! }), AccountError, { message: "This address is already on your list." });
    expect((await everythingAbout([m.id])).emails).toBe(before.emails);
  });

  it("[Member] the link verifies the address; Remove ends a link still on its way", async () => {
    const { m, actor } = await signedInMember();
    const [a, b] = [newAddress(), newAddress()];
    await addEmailAddress({ actor, email: a });
    await addEmailAddress({ actor, email: b });
    const [linkA, linkB] = (await emailsTo(m.id)).map((e) => secretOf(e, "email-verify"));
    expect(await confirmEmailWithLink({ secret: linkA! })).toMatchObject({ confirms: "additional", address: a });
    const view = await accountView(await getDb(), actor);
    expect(view.additionalEmails.map((e) => [e.email, e.verified])).toEqual([
      [a, true],
      [b, false],
    ]);
    await removeEmailAddress({ actor, addressId: view.additionalEmails[1]!.id });
    await expectRejection(confirmEmailWithLink({ secret: linkB! }), EmailLinkNotUsableError, { state: "cancelled" });
    expect((await auditsOf(m.id, "account.email-verify"))[0]?.details).toEqual({ address: a });
    expect((await auditsOf(m.id, "account.email-remove"))[0]?.details).toEqual({ address: b });
  });

  it("[Member] Make primary works for a verified address only, and tells the old address it was changed", async () => {
    const { m, actor } = await signedInMember();
    const a = newAddress();
    await addEmailAddress({ actor, email: a });
    const [address] = (await accountView(await getDb(), actor)).additionalEmails;
    await expectRejection(makeEmailAddressPrimary({ actor, addressId: address!.id }), AccountError, { message: "Confirm this address first: open the link we sent to it." });
    await resendEmailAddressLink({ actor, addressId: address!.id });
    const emails = await emailsTo(m.id);
    await confirmEmailWithLink({ secret: secretOf(emails[1]!, "email-verify") });
    await makeEmailAddressPrimary({ actor, addressId: address!.id });
    expect((await reloadMember(m.id))?.primaryEmail).toBe(a);
    expect((await accountView(await getDb(), actor)).additionalEmails).toEqual([]);
    const notice = (await emailsTo(m.id)).at(-1)!;
    expect(notice).toMatchObject({ to: m.primaryEmail, template: "email-changed" });
    expect(notice.text).toContain(`was changed to ${maskEmail(a)}`);
  });

  it("[Member] another member's address id reads as gone, and nothing is removed", async () => {
    const { org, actor } = await signedInMember();
    const other = await memberActorOf(await getDb(), org.members.inScope);
    await addEmailAddress({ actor: other, email: newAddress() });
    const [theirs] = await (await getDb()).select().from(memberEmail).where(eq(memberEmail.memberId, org.members.inScope.id));
    await expectRejection(removeEmailAddress({ actor, addressId: theirs!.id }), AccountError, { message: "This address isn't on your account any more." });
    expect(await (await getDb()).select().from(memberEmail).where(eq(memberEmail.id, theirs!.id))).toHaveLength(1);
  });

  it("[Member] ten emails in an hour, then a pause said in the member's language", async () => {
    const { actor } = await signedInMember({ language: "es" });
    for (let i = 0; i < 4; i++) await addEmailAddress({ actor, email: newAddress() });
    const view = await accountView(await getDb(), actor);
    for (let i = 0; i < 6; i++) await resendEmailAddressLink({ actor, addressId: view.additionalEmails[0]!.id });
    await expectRejection(resendEmailAddressLink({ actor, addressId: view.additionalEmails[0]!.id }), AccountError, {
      message: "Has pedido muchos correos en poco tiempo. Vuelve a intentarlo dentro de 60 minutos.",
    });
  });
});

describe("My Account: password, voicemail PIN and sessions (SPEC §4.9, §6)", () => {
  it("[Member] a new password ends every other session and sends 'Your password was changed'", async () => {
    const { m, actor } = await signedInMember();
    const done = await changePassword({ actor, input: { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, ip: "203.0.113.7" });
    expect(done.sessionVersion).toBe(m.sessionVersion + 1);
    const after = (await reloadMember(m.id))!;
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect((await emailsTo(m.id)).map((e) => [e.template, e.to])).toEqual([["password-changed", m.primaryEmail]]);
    expect((await auditsOf(m.id, "account.password-change"))[0]).toMatchObject({ ip: "203.0.113.7", details: { signedOutElsewhere: true } });
  });

  it("[Member] every refusal at once: the current password wrong, each broken rule, the confirmation; nothing changes", async () => {
    const { m, actor } = await signedInMember({ loginName: `d${crypto.randomUUID().slice(0, 4)}@acme` });
    const before = await everythingAbout([m.id]);
    await expectRejection(
      changePassword({ actor, input: { currentPassword: "not it", password: `x ${m.loginName}`, confirmPassword: "other" } }),
      InvalidFieldsError,
      {
        fieldErrors: {
          currentPassword: ["That isn't your current password."],
          password: [`Use at least 15 characters (you have ${m.loginName!.length + 2}).`, "Don't use your login name in your password."],
          confirmPassword: ["The two passwords don't match. Type the same password twice."],
        },
      },
    );
    expect(await everythingAbout([m.id])).toEqual(before);
  });

  it("[Member] wrong current passwords count as failed sign-ins: the fifth pauses My Account and sign-in alike", async () => {
    const { m, actor } = await signedInMember({ language: "es" });
    const attempt = () => changePassword({ actor, input: { currentPassword: "wrong guess", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    for (let i = 0; i < 4; i++) await expectRejection(attempt(), InvalidFieldsError, { fieldErrors: { currentPassword: ["Esa no es tu contraseña actual."] } });
    await expectRejection(attempt(), AccountError, { message: "Demasiados intentos. Vuelve a intentarlo dentro de 15 minutos." });
    await expectRejection(
      changePassword({ actor, input: { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }),
      AccountError,
      { message: "Demasiados intentos. Vuelve a intentarlo dentro de 15 minutos." },
    );
    expect(await authenticate({ identifier: m.loginName!, password: TEST_PASSWORD, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("[Member] changes the voicemail PIN with their password, not the old PIN; every PIN rule said at once", async () => {
    const { m, actor } = await signedInMember({ extension: "4321" });
    await expectRejection(changeVoicemailPin({ actor, input: { password: "nope", voicemailPin: "4321" } }), InvalidFieldsError, {
      fieldErrors: {
        voicemailPin: ["Don't use a run of digits like 1234: choose a PIN that is harder to guess.", "Don't use your extension as your PIN."],
        password: ["That isn't your current password."],
      },
    });
    await changeVoicemailPin({ actor, input: { password: TEST_PASSWORD, voicemailPin: "2580" } });
    const after = (await reloadMember(m.id))!;
    expect(await verifyPin(after.voicemailPinHash!, "2580")).toBe(true);
    expect(after.sessionVersion).toBe(m.sessionVersion);
    expect((await auditsOf(m.id, "account.voicemail-pin-change"))[0]?.details).toEqual({ hadPin: false });
  });

  it("[Member] 'Sign out everywhere else' moves the session version on, audited", async () => {
    const { m, actor } = await signedInMember();
    const { sessionVersion } = await signOutEverywhereElse({ actor });
    expect(sessionVersion).toBe(m.sessionVersion + 1);
    expect((await reloadMember(m.id))?.sessionVersion).toBe(m.sessionVersion + 1);
    expect(await auditsOf(m.id, "account.sign-out-elsewhere")).toHaveLength(1);
  });

  it("[Member] acts only on their own account: the actor's member, never an id from the form", async () => {
    const { org } = await signedInMember();
    const someoneElse: MemberActor = { ...(await memberActorOf(await getDb(), org.members.member)), memberId: crypto.randomUUID() };
    await expectRejection(signOutEverywhereElse({ actor: someoneElse }), Error);
    const db = await getDb();
    expect(await db.select().from(member).where(eq(member.id, someoneElse.memberId))).toEqual([]);
  });
});
