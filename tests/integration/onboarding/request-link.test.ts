import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { setMemberStatus } from "@/lib/members/member-status";
import { findLink } from "@/lib/onboarding/links";
import { requestNewLink, requestPasswordReset } from "@/lib/onboarding/request-link";
import { sendLinkEmail } from "@/lib/onboarding/send-link-emails";
import { setPasswordWithLink } from "@/lib/onboarding/set-password-with-link";
import { seedOrganization } from "@/tests/factories";
import { NEW_PASSWORD, NEW_PIN, activeMember, auditsOf, emailsOf, newestLink, invitedMember, pendingMember, sendLink, tokensOf, uniqueIp } from "./helpers";

/**
 * What a member asks for themselves (SPEC §4.7, §4.8, §6): "Forgot your password?" and "Send me a new link". The
 * answer is the same whatever was found; the email only ever goes to the address on file; both are throttled.
 */

const OK = { ok: true };

/** "Forgot your password?" without the wait that hides what was found. */
const forgot = (identifier: string, ip?: string) => requestPasswordReset({ identifier, ip, answerMs: 0 });
const newLink = (secret: string, purpose: "invite" | "reset" = "invite", ip?: string) => requestNewLink({ secret, purpose, ip, answerMs: 0 });

/** The templates of the emails queued for each member, oldest first. */
const templatesOf = async (...members: { id: string }[]) => Promise.all(members.map(async (m) => (await emailsOf(m.id)).map((e) => e.template)));

describe("'Forgot your password?' (SPEC §4.8)", () => {
  it("[Member] their login name or email, in any case, queues a reset link to the address on file", async () => {
    const org = await seedOrganization();
    const lee = await activeMember(org);
    expect(await forgot(` ${lee.loginName!.toUpperCase()} `)).toEqual(OK);
    expect(await forgot(lee.primaryEmail!.toUpperCase())).toEqual(OK);
    const emails = await emailsOf(lee.id);
    expect(emails).toEqual([
      expect.objectContaining({ template: "password-reset", to: lee.primaryEmail, subject: "Reset your password" }),
      expect.objectContaining({ template: "password-reset", to: lee.primaryEmail }),
    ]);
    const db = await getDb();
    expect((await findLink(db, (await newestLink(lee.id, "reset")).secret, "reset"))?.state).toBe("valid");
    expect(await auditsOf(lee.id, "member.reset-sent")).toMatchObject([
      { actorMemberId: null, actorLabel: "Anonymous visitor", details: { requestedBy: "member", via: "forgot-password" } },
      { actorMemberId: null },
    ]);
  });

  it("[New employee] who never set a password gets a new welcome email instead (seed 003)", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    expect(await forgot(dana.loginName!)).toEqual(OK);
    expect(await templatesOf(dana)).toEqual([["welcome"]]);
  });

  it("[New employee] asking twice at the same moment (while a manager sends one too) answers the same, and one link works", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    const outcomes = await Promise.allSettled([
      forgot(dana.loginName!),
      forgot(dana.primaryEmail!),
      sendLinkEmail({ actor: org.actors.admin, memberId: dana.id, purpose: "invite" }),
    ]);
    expect(outcomes.slice(0, 2)).toEqual([
      { status: "fulfilled", value: OK },
      { status: "fulfilled", value: OK },
    ]);
    expect((await tokensOf(dana.id)).filter((t) => !t.revokedAt)).toHaveLength(1);
  });

  it("[Anyone] a disabled account, an account without an address or an unknown name gets nothing, and the same answer", async () => {
    const org = await seedOrganization();
    const disabled = await activeMember(org, { status: "disabled" });
    const noEmail = await activeMember(org, { primaryEmail: null });
    for (const typed of [disabled.loginName!, disabled.primaryEmail!, noEmail.loginName!, `nobody-${randomUUID()}@example.test`, "no such person"]) {
      expect(await forgot(typed)).toEqual(OK);
    }
    expect(await templatesOf(disabled, noEmail)).toEqual([[], []]);
  });

  it("[Member] an email shared by two active accounts gets a reset link for each, each naming its login name; a disabled one gets none", async () => {
    const org = await seedOrganization();
    const shared = `front.desk.${randomUUID().slice(0, 8)}@example.test`;
    const [a, b] = [await activeMember(org, { primaryEmail: shared }), await activeMember(org, { primaryEmail: shared })];
    const disabled = await activeMember(org, { primaryEmail: shared, status: "disabled" });
    expect(await forgot(shared)).toEqual(OK);
    expect(await emailsOf(disabled.id)).toEqual([]);
    const links = [await newestLink(a.id, "reset"), await newestLink(b.id, "reset")];
    expect(links[0]!.email.text).toContain(a.loginName);
    expect(links[1]!.email.text).toContain(b.loginName);
    expect(links[0]!.secret).not.toBe(links[1]!.secret);
    expect(links.map((l) => l.email.to)).toEqual([shared, shared]);
  });

  it("[Anyone] after 5 requests for one name, the next says 'try again in…' and queues nothing more", async () => {
    const org = await seedOrganization();
    const lee = await activeMember(org);
    for (let i = 0; i < 5; i++) expect(await forgot(i % 2 ? lee.loginName! : lee.loginName!.toUpperCase(), uniqueIp())).toEqual(OK);
    expect(await forgot(lee.loginName!, uniqueIp())).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(await emailsOf(lee.id)).toHaveLength(5);
    // An unknown name is paused just the same, so the pause tells nothing either.
    const unknown = `nobody-${randomUUID()}`;
    for (let i = 0; i < 5; i++) await forgot(unknown, uniqueIp());
    expect(await forgot(unknown, uniqueIp())).toMatchObject({ ok: false });
  });

  it("[Anyone] after 20 requests from one address, that address is paused whatever name it asks for", async () => {
    const org = await seedOrganization();
    const lee = await activeMember(org);
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) expect(await forgot(`nobody-${randomUUID()}`, ip)).toEqual(OK);
    const answer = await forgot(lee.loginName!, ip);
    expect(answer).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect((answer as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await emailsOf(lee.id)).toEqual([]);
    expect(await forgot(lee.loginName!, uniqueIp())).toEqual(OK);
  });
});

describe("'Send me a new link' (SPEC §4.7)", () => {
  it("[New employee] an expired welcome link brings a new one to the address on file; the old one is replaced", async () => {
    const org = await seedOrganization();
    const dana = await pendingMember(org);
    const expired = await sendLink(org.actors.admin, dana.id, "invite", new Date(Date.now() - 31 * 86_400_000));
    const db = await getDb();
    expect((await findLink(db, expired.secret, "invite"))?.state).toBe("expired");

    expect(await newLink(expired.secret)).toEqual(OK);
    const fresh = await newestLink(dana.id, "invite");
    expect(fresh.email).toMatchObject({ template: "welcome", to: dana.primaryEmail });
    expect((await findLink(db, fresh.secret, "invite"))?.state).toBe("valid");
    expect((await findLink(db, expired.secret, "invite"))?.state).toBe("replaced");
  });

  it("[Member] a welcome link already used brings a password reset instead", async () => {
    const { invitee: dana, secret } = await invitedMember();
    await setPasswordWithLink({ purpose: "invite", input: { secret, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, voicemailPin: NEW_PIN } });
    expect(await newLink(secret)).toEqual(OK);
    expect(await templatesOf(dana)).toEqual([["welcome", "password-reset"]]);
    expect((await newestLink(dana.id, "reset")).email.to).toBe(dana.primaryEmail);
  });

  it("[Anyone] a disabled member's link or an unknown secret gets nothing, and the same answer", async () => {
    const { org, invitee: dana, secret } = await invitedMember();
    await setMemberStatus({ actor: org.actors.admin, memberId: dana.id, change: "disabled" });
    expect(await newLink(secret)).toEqual(OK);
    expect(await newLink(randomBytes(32).toString("base64url"))).toEqual(OK);
    expect(await newLink("not-a-secret")).toEqual(OK);
    expect(await templatesOf(dana)).toEqual([["welcome"]]);
  });

  it("[Anyone] after 5 requests with one member's link, the next says 'try again in…' and queues nothing more", async () => {
    const { invitee: dana, secret } = await invitedMember();
    for (let i = 0; i < 5; i++) expect(await newLink(secret, "invite", uniqueIp())).toEqual(OK);
    expect(await newLink(secret, "invite", uniqueIp())).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(await emailsOf(dana.id)).toHaveLength(6); // the first welcome email and five new links
  });
});
