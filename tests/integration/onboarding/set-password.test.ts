import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { Member } from "@/db/schema";
import { InvalidFieldsError, ValidationError } from "@/lib/errors";
import { setMemberStatus } from "@/lib/members/member-status";
import { hashPin, verifyPassword } from "@/lib/passwords";
import { LinkNotUsableError, TooManyAttemptsError, setPasswordWithLink, type SetPasswordInput } from "@/lib/onboarding/set-password-with-link";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import { issueToken } from "@/lib/tokens";
import { TEST_PASSWORD, reloadMember, seedOrganization, type MemberOverrides } from "@/tests/factories";
import {
  NEW_PASSWORD,
  NEW_PIN,
  activeMember,
  auditsOf,
  emailsOf,
  everythingAbout,
  expectRejection,
  invitedMember,
  pendingMember,
  sendLink,
  tokensOf,
  uniqueIp,
} from "./helpers";

/**
 * The set-password and reset-password pages' POST (SPEC §4.7, §4.8, §6): the only thing that uses a link up. A
 * refused submission says which field is wrong and writes nothing but a throttling count.
 */

/** The form as a member fills it in: a good password typed twice and a voicemail PIN, unless told otherwise. */
const form = (secret: string, fields: Partial<SetPasswordInput> = {}): SetPasswordInput => ({
  secret,
  password: NEW_PASSWORD,
  confirmPassword: NEW_PASSWORD,
  voicemailPin: NEW_PIN,
  ...fields,
});

const submit = (purpose: LinkPurpose, secret: string, fields: Partial<SetPasswordInput> = {}, options: { ip?: string; now?: Date } = {}) =>
  setPasswordWithLink({ purpose, input: form(secret, fields), ...options });

/** Dana Reyes on extension 4821, pending, just sent her welcome email. */
async function invited(overrides: MemberOverrides = {}) {
  const { invitee, ...rest } = await invitedMember(({ organization: { slug } }) => ({
    firstName: "Dana",
    lastName: "Reyes",
    extension: "4821",
    loginName: `4821@${slug}`,
    primaryEmail: `dana.${slug}@example.test`,
    ...overrides,
  }));
  return { dana: invitee, ...rest };
}

/** An active member who already has a voicemail PIN and a few sessions, just sent a password reset. */
async function resetRequested() {
  const org = await seedOrganization();
  const lee = await activeMember(org, { voicemailPinHash: hashPin("5093"), sessionVersion: 3 });
  return { org, lee, ...(await sendLink(org.actors.admin, lee.id, "reset")) };
}

/** Expects the submission to be refused this way, with the member's rows exactly as before. */
async function expectRefused(member: Member, attempt: () => Promise<unknown>, error: Parameters<typeof expectRejection>[1], fields: Record<string, unknown>) {
  const before = await everythingAbout([member.id]);
  await expectRejection(attempt(), error, fields);
  expect(await everythingAbout([member.id])).toEqual(before);
}

describe("setting a password with the welcome link (SPEC §4.7)", () => {
  it("[New employee] sets a password and a voicemail PIN: Active, 'Confirmed at' stamped, the link used, other links revoked", async () => {
    const { org, dana, secret, token: link } = await invited();
    const stray = await issueToken(await getDb(), { memberId: dana.id, purpose: "reset", sentTo: dana.primaryEmail!, expiresAt: new Date(Date.now() + 3_600_000) });
    const now = new Date();
    const ip = uniqueIp();

    const done = await submit("invite", secret, {}, { ip, now });

    expect(done).toEqual({
      purpose: "invite",
      organizationName: org.organization.name,
      memberName: "Dana Reyes",
      role: "member",
      claims: { kind: "member", id: dana.id, sessionVersion: dana.sessionVersion },
    });
    const after = (await reloadMember(dana.id))!;
    expect(after).toMatchObject({ status: "active", confirmedAt: now, sessionVersion: dana.sessionVersion, voicemailPinHash: expect.any(String) });
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    const tokens = new Map((await tokensOf(dana.id)).map((t) => [t.id, t]));
    expect(tokens.get(link.id)).toMatchObject({ usedAt: now, revokedAt: null });
    expect(tokens.get(stray.id)).toMatchObject({ usedAt: null, revokedAt: now });
    expect(await auditsOf(dana.id, "member.password-set")).toEqual([
      expect.objectContaining({ actorMemberId: dana.id, organizationId: org.organization.id, ip, createdAt: now, details: { via: "welcome link", voicemailPinSet: true } }),
    ]);
    expect((await emailsOf(dana.id)).map((e) => e.template)).toEqual(["welcome"]); // no "password changed" after a welcome link
  });

  it("[New employee] submitting the same link again is refused as used, and changes nothing", async () => {
    const { dana, secret } = await invited();
    await submit("invite", secret);
    await expectRefused(dana, () => submit("invite", secret, { password: "another fine long passphrase", confirmPassword: "another fine long passphrase" }), LinkNotUsableError, {
      state: "used",
    });
  });

  it("[New employee] two submissions at the same moment: one sets the password, the other hears the link was used", async () => {
    const { dana, secret } = await invited();
    const outcomes = await Promise.allSettled([submit("invite", secret), submit("invite", secret)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(LinkNotUsableError);
    expect(refused.reason).toMatchObject({ state: "used" });
    expect(await auditsOf(dana.id, "member.password-set")).toHaveLength(1);
  });

  it.each<[string, (m: Member) => Partial<SetPasswordInput>, string, RegExp]>([
    ["a common password", () => ({ password: "1qaz2wsx3edc4rfv", confirmPassword: "1qaz2wsx3edc4rfv" }), "password", /list of common passwords/],
    ["a password that is too short", () => ({ password: "short pass", confirmPassword: "short pass" }), "password", /at least 15 characters \(you have 10\)/],
    ["a password containing the login name", (m) => ({ password: `${m.loginName} lantern`, confirmPassword: `${m.loginName} lantern` }), "password", /login name/],
    ["a password containing the email", (m) => ({ password: `${m.primaryEmail} lantern`, confirmPassword: `${m.primaryEmail} lantern` }), "password", /email address/],
    ["a password over 128 characters", () => ({ password: "lantern ".repeat(17), confirmPassword: "lantern ".repeat(17) }), "password", /at most 128 characters/],
    ["a confirmation that doesn't match", () => ({ confirmPassword: `${NEW_PASSWORD}!` }), "confirmPassword", /don't match/],
    ["no voicemail PIN", () => ({ voicemailPin: undefined }), "voicemailPin", /Choose a voicemail PIN of 4 to 8 digits/],
    ["the PIN 1234", () => ({ voicemailPin: "1234" }), "voicemailPin", /run of digits/],
    ["the PIN 1111", () => ({ voicemailPin: "1111" }), "voicemailPin", /repeat one digit/],
    ["their extension as the PIN", (m) => ({ voicemailPin: m.extension! }), "voicemailPin", /extension/],
    ["the PIN 12a4", () => ({ voicemailPin: "12a4" }), "voicemailPin", /4 to 8 digits/],
  ])("[New employee] %s is refused beside its field, and nothing is written", async (_case, fields, field, message) => {
    const { dana, secret } = await invited();
    await expectRefused(dana, () => submit("invite", secret, fields(dana)), InvalidFieldsError, { fieldErrors: { [field]: expect.arrayContaining([expect.stringMatching(message)]) } });
    expect((await reloadMember(dana.id))!.status).toBe("pending");
  });

  it("[New employee] every broken rule of the password, the confirmation and the PIN is said at once", async () => {
    const { dana, secret } = await invited();
    const weak = `${dana.loginName} x`;
    await expectRefused(dana, () => submit("invite", secret, { password: weak, confirmPassword: "other", voicemailPin: "1111" }), InvalidFieldsError, {
      message: "Check the highlighted fields.",
      fieldErrors: {
        password: ["Don't use your login name in your password."],
        confirmPassword: ["The two passwords don't match. Type the same password twice."],
        voicemailPin: ["Don't repeat one digit: choose a PIN that is harder to guess."],
      },
    });
  });

  it("[New employee] whose language is Spanish is refused in Spanish", async () => {
    const { dana, secret } = await invited({ language: "es" });
    await expectRefused(dana, () => submit("invite", secret, { password: "short pass", confirmPassword: "short pass", voicemailPin: undefined }), InvalidFieldsError, {
      message: "Revisa los campos marcados.",
      fieldErrors: { password: ["Usa al menos 15 caracteres (llevas 10)."], voicemailPin: ["Elige un PIN del buzón de voz de 4 a 8 cifras."] },
    });
  });

  it("[New employee] an expired, replaced, cancelled or unknown link sets nothing and says which it is", async () => {
    const { org, dana, secret, token: link } = await invited();
    await expectRefused(dana, () => submit("invite", secret, {}, { now: new Date(link.expiresAt.getTime() + 1000) }), LinkNotUsableError, { state: "expired" });
    await expectRefused(dana, () => submit("invite", randomBytes(32).toString("base64url")), LinkNotUsableError, { state: "unknown" });
    await expectRefused(dana, () => submit("reset", secret), LinkNotUsableError, { state: "unknown" }); // a welcome link on the reset page
    const newer = await sendLink(org.actors.admin, dana.id, "invite");
    await expectRefused(dana, () => submit("invite", secret), LinkNotUsableError, { state: "replaced" });
    await setMemberStatus({ actor: org.actors.admin, memberId: dana.id, change: "disabled" });
    await expectRefused(dana, () => submit("invite", newer.secret), LinkNotUsableError, { state: "cancelled" });
  });

  it("[New employee] extra form fields naming another organization's member can't touch that member", async () => {
    const { dana, secret } = await invited();
    const other = await seedOrganization();
    const victim = await pendingMember(other);
    const before = await everythingAbout([victim.id]);
    const forged = { ...form(secret), memberId: victim.id, organizationId: other.organization.id, loginName: victim.loginName, status: "active" };
    await setPasswordWithLink({ purpose: "invite", input: forged });
    expect(await everythingAbout([victim.id])).toEqual(before);
    expect((await reloadMember(dana.id))!.status).toBe("active");
  });
});

describe("resetting a password with the reset link (SPEC §4.8)", () => {
  it("[Member] a reset ends every session, keeps them Active, revokes other reset links and emails 'Your password was changed'", async () => {
    const { lee, secret, token: link } = await resetRequested();
    const stray = await issueToken(await getDb(), { memberId: lee.id, purpose: "reset", sentTo: lee.primaryEmail!, expiresAt: new Date(Date.now() + 3_600_000) });
    const now = new Date();

    const done = await submit("reset", secret, { voicemailPin: undefined }, { now }); // a PIN is set already: not asked again
    expect(done.claims).toEqual({ kind: "member", id: lee.id, sessionVersion: 4 });

    const after = (await reloadMember(lee.id))!;
    expect(after).toMatchObject({ status: "active", sessionVersion: 4, confirmedAt: lee.confirmedAt, voicemailPinHash: lee.voicemailPinHash });
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, TEST_PASSWORD)).toBe(false);
    const tokens = new Map((await tokensOf(lee.id)).map((t) => [t.id, t]));
    expect(tokens.get(link.id)).toMatchObject({ usedAt: now });
    expect(tokens.get(stray.id)).toMatchObject({ revokedAt: now });
    const changed = (await emailsOf(lee.id)).filter((e) => e.template === "password-changed");
    expect(changed).toEqual([expect.objectContaining({ subject: "Your password was changed", to: lee.primaryEmail, status: "queued", tokenId: null })]);
    expect(await auditsOf(lee.id, "member.password-set")).toMatchObject([{ actorMemberId: lee.id, details: { via: "reset link", voicemailPinSet: false } }]);
  });

  it("[Member] a reset link is refused with a password built on their own login name, and nothing changes", async () => {
    const { lee, secret } = await resetRequested();
    const weak = `${lee.loginName!.toUpperCase()} lantern`;
    await expectRefused(lee, () => submit("reset", secret, { password: weak, confirmPassword: weak }), InvalidFieldsError, {
      fieldErrors: { password: expect.arrayContaining(["Don't use your login name in your password."]) },
    });
  });
});

describe("throttling set-password attempts (SPEC §6)", () => {
  const tooShort = { password: "short pass", confirmPassword: "short pass" };

  it("[New employee] after 10 refused submissions the link pauses, even for a good one, then works again later", async () => {
    const { dana, secret } = await invited();
    const now = new Date();
    for (let i = 0; i < 10; i++) await expectRejection(submit("invite", secret, tooShort, { ip: uniqueIp(), now }), ValidationError);
    await expectRefused(dana, () => submit("invite", secret, {}, { ip: uniqueIp(), now }), TooManyAttemptsError, {
      retryAfterSeconds: 15 * 60,
      message: "Too many attempts. Try again in 15 minutes.",
    });
    // Throttling slows guessing down; it never locks an account for good.
    await expect(submit("invite", secret, {}, { now: new Date(now.getTime() + 16 * 60_000) })).resolves.toMatchObject({ memberName: "Dana Reyes" });
  });

  it("[Anyone] after 30 refused submissions from one address, that address is paused; others are not", async () => {
    const { dana, secret } = await invited();
    const ip = uniqueIp();
    const now = new Date();
    const guess = () => submit("invite", randomBytes(32).toString("base64url"), {}, { ip, now });
    for (let i = 0; i < 30; i++) await expectRejection(guess(), LinkNotUsableError, { state: "unknown" });
    await expectRefused(dana, () => submit("invite", secret, {}, { ip, now }), TooManyAttemptsError, { retryAfterSeconds: 15 * 60 });
    await expect(submit("invite", secret, {}, { ip: uniqueIp() })).resolves.toMatchObject({ claims: { id: dana.id } });
  });
});
