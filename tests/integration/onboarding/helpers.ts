import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db";
import { auditEvent, emailMessage, member, token, type EmailMessage } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { getConfig } from "@/lib/config";
import { renderDeferred } from "@/lib/email/deferred-content";
import { linksOf } from "@/lib/email/mailbox";
import { LINK_PATHS, type LinkPurpose } from "@/lib/onboarding/link-emails";
import { sendLinkEmail } from "@/lib/onboarding/send-link-emails";
import { createMember, seedOrganization, type MemberOverrides, type SeededOrganization } from "@/tests/factories";

/**
 * Shared by the onboarding tests (SPEC §4.6–4.8): members at each step of onboarding, the links their queued emails
 * carry (read from the email_message rows, as the member would click them), and snapshots of everything a send or a
 * set-password could write, to show that a refusal wrote nothing.
 */

export type Token = typeof token.$inferSelect;

/** A password every rule accepts; TEST_PASSWORD (tests/factories.ts) is the one members already have. */
export const NEW_PASSWORD = "marble kettle sunrise proverb";
export const NEW_PIN = "4826";

/** An address no other test uses, so throttling counters keyed on it start at zero. */
export const uniqueIp = () => `198.51.${randomUUID().slice(0, 4)}.${randomUUID().slice(0, 4)}`;

/** A portal member who never set a password, on the main site in the alpha team: in every actor's scope. */
export function pendingMember(org: SeededOrganization, overrides: MemberOverrides = {}) {
  return createMember(org.organization.id, { status: "pending", passwordHash: null, siteId: org.sites.main.id, teamId: org.teams.alpha.id, ...overrides });
}

/** An active member with a password and a voicemail PIN, in every actor's scope. */
export function activeMember(org: SeededOrganization, overrides: MemberOverrides = {}) {
  return createMember(org.organization.id, { confirmedAt: new Date(Date.now() - 86_400_000), siteId: org.sites.main.id, teamId: org.teams.alpha.id, ...overrides });
}

/** The secret of the one set-password or reset-password link an email carries. */
export function secretIn(email: Pick<ReceivedEmail, "html">, purpose: LinkPurpose): string {
  const prefix = `${getConfig().appUrl}${LINK_PATHS[purpose]}/`;
  const links = linksOf(email.html).filter((link) => link.startsWith(prefix));
  expect(links).toHaveLength(1);
  return links[0]!.slice(prefix.length);
}

/** The member's tokens, oldest first. */
export async function tokensOf(memberId: string): Promise<Token[]> {
  const db = await getDb();
  return db.select().from(token).where(eq(token.memberId, memberId)).orderBy(asc(token.createdAt));
}

/**
 * Emails as their recipient will read them: one queued with its template's props is rendered here exactly as the
 * dispatcher will render it before sending (lib/email/deferred-content.ts).
 */
export type ReceivedEmail = EmailMessage & { html: string; text: string };
export async function asReceived(emails: EmailMessage[]): Promise<ReceivedEmail[]> {
  const rendered = await renderDeferred(emails.map((e) => ({ template: e.template, renderProps: e.renderProps ?? {} })));
  return emails.map((e, i) => {
    if (e.html !== null && e.text !== null) return { ...e, html: e.html, text: e.text };
    const result = rendered[i]!;
    if (result instanceof Error) throw result;
    return { ...e, html: result.html, text: result.text };
  });
}

/** The member's emails, oldest first (each send is its own transaction, so they never share a time). */
export async function emailsOf(memberId: string): Promise<ReceivedEmail[]> {
  const db = await getDb();
  return asReceived(await db.select().from(emailMessage).where(eq(emailMessage.memberId, memberId)).orderBy(asc(emailMessage.createdAt)));
}

/** The newest link of this purpose issued to the member: its token, the email that carried it, and its secret. */
export async function newestLink(memberId: string, purpose: LinkPurpose) {
  const db = await getDb();
  const [newest] = await db
    .select()
    .from(token)
    .where(and(eq(token.memberId, memberId), eq(token.purpose, purpose)))
    .orderBy(desc(token.createdAt))
    .limit(1);
  const [email] = await asReceived(await db.select().from(emailMessage).where(eq(emailMessage.tokenId, newest!.id)));
  return { token: newest!, email: email!, secret: secretIn(email!, purpose) };
}

/** Sends the member a link of this purpose from their member page, as the actor (support with a reason), and returns it. */
export async function sendLink(actor: Actor, memberId: string, purpose: LinkPurpose, now?: Date) {
  await sendLinkEmail({ actor, memberId, purpose, now, reason: actor.kind === "support" ? "Ticket 4411: asked by phone" : undefined });
  return newestLink(memberId, purpose);
}

/** A new organization with a pending member whom the office manager has just sent a welcome email. */
export async function invitedMember(overrides: MemberOverrides | ((org: SeededOrganization) => MemberOverrides) = {}) {
  const org = await seedOrganization();
  const invitee = await pendingMember(org, typeof overrides === "function" ? overrides(org) : overrides);
  return { org, invitee, ...(await sendLink(org.actors.admin, invitee.id, "invite")) };
}

/** Every row a send or a set-password could write about these members: equal before and after means nothing written. */
export async function everythingAbout(memberIds: string[]) {
  const db = await getDb();
  const [members, tokens, emails, audits] = await Promise.all([
    db.select().from(member).where(inArray(member.id, memberIds)).orderBy(asc(member.id)),
    db.select().from(token).where(inArray(token.memberId, memberIds)).orderBy(asc(token.id)),
    db.select({ id: emailMessage.id }).from(emailMessage).where(inArray(emailMessage.memberId, memberIds)),
    db.select({ id: auditEvent.id }).from(auditEvent).where(inArray(auditEvent.targetId, memberIds)),
  ]);
  return { members, tokens, emails: emails.length, audits: audits.length };
}

/** The audit events of one action on the member. */
export async function auditsOf(memberId: string, action: string) {
  const db = await getDb();
  return db.select().from(auditEvent).where(and(eq(auditEvent.targetId, memberId), eq(auditEvent.action, action)));
}

/** Expects the attempt to fail with this class of error, carrying these fields (message, field, state…). */
export async function expectRejection(attempt: Promise<unknown>, errorClass: abstract new (...args: never[]) => Error, fields: Record<string, unknown> = {}) {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorClass);
  expect(error).toMatchObject(fields);
}
