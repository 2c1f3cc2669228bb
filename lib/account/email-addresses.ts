import { and, count, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, memberEmail, token } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { getConfig } from "../config";
import { emailBaseFor, envelopeFor } from "../email/compose";
import { deferredContent } from "../email/deferred-content";
import { queueEmails } from "../email/outbox";
import type { EmailBase, TemplateProps } from "../email/templates";
import { nudgeDispatcher } from "../email/runtime";
import { pgErrorOf } from "../errors";
import { issueToken, revokeOpenTokens } from "../tokens";
import { EMAIL_LINK_PATHS } from "./paths";
import { AccountError, MAX_ADDITIONAL_EMAILS, countAccountEmail, maskEmail, ownAccount, type OwnAccount } from "./own-account";

/** How long a link to confirm an address works. */
export const EMAIL_VERIFY_LINK_HOURS = 24;
/** How long the "This wasn't me" link of a change notice works: long enough to come back from a week away. */
export const EMAIL_UNDO_LINK_DAYS = 7;


type Act = { actor: MemberActor; ip?: string | null; userAgent?: string | null; now?: Date };

/**
 * Asks to make another address primary (SPEC §4.9): it waits, "Waiting for confirmation", until the link sent to it is
 * used, so only someone who can read that inbox makes the change (an address shared with colleagues included). The
 * current address is told at once, with the new one masked and a "This wasn't me" link. Asking again for the address
 * already waiting sends a new link; asking for another replaces the one waiting.
 */
export async function requestEmailChange({ actor, email, ip = null, userAgent = null, now = new Date() }: Act & { email: string }): Promise<{ address: string }> {
  await inAccount(actor, async (tx, account) => {
    const m = account.member;
    if (email === m.primaryEmail) throw new AccountError(account.t.account.primary.same, "email");
    await countAccountEmail(tx, account, now);
    if (m.pendingEmail && m.pendingEmail !== email) await revokeLinksTo(tx, m.id, m.pendingEmail, now);
    await tx.update(member).set({ pendingEmail: email, updatedAt: now }).where(eq(member.id, m.id));
    await sendVerificationLink(tx, account, email, now);
    if (m.primaryEmail) await sendChangeNotice(tx, account, { oldAddress: m.primaryEmail, newAddress: email, state: "requested" }, now);
    await recordAudit(tx, actor, { action: "account.email-change-request", target: { type: "member", id: m.id }, details: { from: m.primaryEmail, to: email }, ip, userAgent, at: now });
  });
  nudgeDispatcher();
  return { address: email };
}

/** "Resend" beside "Waiting for confirmation of …": a new link to the waiting address, the older one replaced. */
export async function resendEmailChange({ actor, ip = null, userAgent = null, now = new Date() }: Act): Promise<{ address: string }> {
  const address = await inAccount(actor, async (tx, account) => {
    const pending = account.member.pendingEmail;
    if (!pending) throw new AccountError(account.t.account.primary.nothingPending);
    await countAccountEmail(tx, account, now);
    await sendVerificationLink(tx, account, pending, now);
    await recordAudit(tx, actor, { action: "account.email-change-resend", target: { type: "member", id: account.member.id }, details: { to: pending }, ip, userAgent, at: now });
    return pending;
  });
  nudgeDispatcher();
  return { address };
}

/** "Cancel" beside "Waiting for confirmation of …": the address stays as it is, and the links about the change stop working. */
export async function cancelEmailChange({ actor, ip = null, userAgent = null, now = new Date() }: Act): Promise<void> {
  await inAccount(actor, async (tx, account) => {
    const m = account.member;
    if (!m.pendingEmail) throw new AccountError(account.t.account.primary.nothingPending);
    await revokeLinksTo(tx, m.id, m.pendingEmail, now);
    await revokeOpenTokens(tx, [m.id], now, ["email-undo"]);
    await tx.update(member).set({ pendingEmail: null, updatedAt: now }).where(eq(member.id, m.id));
    await recordAudit(tx, actor, { action: "account.email-change-cancel", target: { type: "member", id: m.id }, details: { cancelled: m.pendingEmail }, ip, userAgent, at: now });
  });
}

/**
 * Adds an additional address (SPEC §2: up to 4), "Waiting for confirmation" until the link sent to it is used. It may
 * be an address other members have too (a shared mailbox): the link proves this member can read it.
 */
export async function addEmailAddress({ actor, email, ip = null, userAgent = null, now = new Date() }: Act & { email: string }): Promise<{ address: string }> {
  await inAccount(actor, async (tx, account) => {
    const m = account.member;
    const words = account.t.account.additional;
    if (email === m.primaryEmail) throw new AccountError(words.isPrimary, "email");
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberEmail).where(eq(memberEmail.memberId, m.id));
    if (n >= MAX_ADDITIONAL_EMAILS) throw new AccountError(words.tooMany, "email");
    await countAccountEmail(tx, account, now);
    try {
      await tx.insert(memberEmail).values({ memberId: m.id, email, createdAt: now, updatedAt: now });
    } catch (error) {
      // The member's row is locked, so only the same address added before can collide here.
      if (pgErrorOf(error)?.code === "23505") throw new AccountError(words.alreadyAdded, "email");
      throw error;
    }
    await sendVerificationLink(tx, account, email, now);
    await recordAudit(tx, actor, { action: "account.email-add", target: { type: "member", id: m.id }, details: { address: email }, ip, userAgent, at: now });
  });
  nudgeDispatcher();
  return { address: email };
}

/** "Resend link" beside an additional address still waiting for confirmation. */
export async function resendEmailAddressLink({ actor, addressId, ip = null, userAgent = null, now = new Date() }: Act & { addressId: string }): Promise<{ address: string }> {
  const address = await inAccount(actor, async (tx, account) => {
    const found = await addressOf(tx, account, addressId);
    if (found.verifiedAt) return found.email; // already confirmed: nothing to send
    await countAccountEmail(tx, account, now);
    await sendVerificationLink(tx, account, found.email, now);
    await recordAudit(tx, actor, { action: "account.email-add-resend", target: { type: "member", id: account.member.id }, details: { address: found.email }, ip, userAgent, at: now });
    return found.email;
  });
  nudgeDispatcher();
  return { address };
}

/** "Remove" beside an additional address: gone at once, and a link still on its way to it stops working. */
export async function removeEmailAddress({ actor, addressId, ip = null, userAgent = null, now = new Date() }: Act & { addressId: string }): Promise<{ address: string }> {
  return inAccount(actor, async (tx, account) => {
    const found = await addressOf(tx, account, addressId);
    await tx.delete(memberEmail).where(eq(memberEmail.id, found.id));
    if (found.email !== account.member.pendingEmail) await revokeLinksTo(tx, account.member.id, found.email, now);
    await recordAudit(tx, actor, { action: "account.email-remove", target: { type: "member", id: account.member.id }, details: { address: found.email }, ip, userAgent, at: now });
    return { address: found.email };
  });
}

/**
 * "Make primary" beside a verified additional address: it becomes the primary address at once (it has proven its
 * inbox already), and leaves the additional list. The old address is told, with "This wasn't me"; links sent to it
 * to set a password stop working, as when a manager changes the address. An unverified address is refused.
 */
export async function makeEmailAddressPrimary({ actor, addressId, ip = null, userAgent = null, now = new Date() }: Act & { addressId: string }): Promise<{ address: string }> {
  const address = await inAccount(actor, async (tx, account) => {
    const m = account.member;
    const found = await addressOf(tx, account, addressId);
    if (!found.verifiedAt) throw new AccountError(account.t.account.additional.notVerified);
    if (m.primaryEmail) await countAccountEmail(tx, account, now);
    await tx.delete(memberEmail).where(eq(memberEmail.id, found.id));
    await tx
      .update(member)
      .set({ primaryEmail: found.email, primaryEmailProblem: null, ...(m.pendingEmail === found.email ? { pendingEmail: null } : {}), updatedAt: now })
      .where(eq(member.id, m.id));
    await revokeOpenTokens(tx, [m.id], now, ["invite", "reset"]);
    if (m.primaryEmail) await sendChangeNotice(tx, account, { oldAddress: m.primaryEmail, newAddress: found.email, state: "changed" }, now);
    await recordAudit(tx, actor, {
      action: "account.email-change",
      target: { type: "member", id: m.id },
      details: { from: m.primaryEmail, to: found.email, via: "verified additional address" },
      ip,
      userAgent,
      at: now,
    });
    return found.email;
  });
  nudgeDispatcher();
  return { address };
}

/** Runs a My Account act in one transaction, with the member's row locked and their words at hand. */
async function inAccount<T>(actor: MemberActor, act: (tx: Executor, account: OwnAccount) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => act(tx, await ownAccount(tx, actor, { lock: true })));
}

/** One of the member's own additional addresses; another member's id, or none, reads as gone. */
async function addressOf(tx: Executor, account: OwnAccount, addressId: string) {
  const [found] = await tx
    .select()
    .from(memberEmail)
    .where(and(eq(memberEmail.id, addressId), eq(memberEmail.memberId, account.member.id)))
    .limit(1);
  if (!found) throw new AccountError(account.t.account.additional.gone);
  return found;
}

/** The verification links still open that were sent to one address of the member: they stop working. */
async function revokeLinksTo(tx: Executor, memberId: string, address: string, now: Date): Promise<void> {
  await tx
    .update(token)
    .set({ revokedAt: now })
    .where(
      and(eq(token.memberId, memberId), eq(token.purpose, "email-verify"), eq(token.sentTo, address), sql`${token.usedAt} is null and ${token.revokedAt} is null`),
    );
}

/** A new link to confirm the address (the one sent to it before stops working), and its email, in the act's transaction. */
async function sendVerificationLink(tx: Executor, account: OwnAccount, address: string, now: Date): Promise<void> {
  await revokeLinksTo(tx, account.member.id, address, now);
  const expiresAt = new Date(now.getTime() + EMAIL_VERIFY_LINK_HOURS * 60 * 60 * 1000);
  const link = await issueToken(tx, { memberId: account.member.id, purpose: "email-verify", sentTo: address, expiresAt, now });
  await queueAccountEmail(tx, account, {
    template: "email-verify",
    to: address,
    tokenId: link.id,
    props: { link: `${getConfig().appUrl}${EMAIL_LINK_PATHS["email-verify"]}/${link.secret}`, expiresAt, newAddress: address },
  });
}

/**
 * Tells the old address of a change, with the "This wasn't me" link that puts it back (lib/account/email-links.ts).
 * The notice of an earlier change is replaced: its link would put back an address that was already replaced.
 */
async function sendChangeNotice(
  tx: Executor,
  account: OwnAccount,
  { oldAddress, newAddress, state }: { oldAddress: string; newAddress: string; state: "requested" | "changed" },
  now: Date,
): Promise<void> {
  await revokeOpenTokens(tx, [account.member.id], now, ["email-undo"]);
  const expiresAt = new Date(now.getTime() + EMAIL_UNDO_LINK_DAYS * 24 * 60 * 60 * 1000);
  const link = await issueToken(tx, { memberId: account.member.id, purpose: "email-undo", sentTo: oldAddress, expiresAt, now });
  await queueAccountEmail(tx, account, {
    template: "email-changed",
    to: oldAddress,
    tokenId: link.id,
    props: { link: `${getConfig().appUrl}${EMAIL_LINK_PATHS["email-undo"]}/${link.secret}`, expiresAt, maskedAddress: maskEmail(newAddress), state },
  });
}

/** One email about the member's own account, to one of their addresses, carrying the link it names. */
async function queueAccountEmail<T extends "email-verify" | "email-changed">(
  tx: Executor,
  { member: m, organization }: OwnAccount,
  email: { template: T; to: string; tokenId: string; props: Omit<TemplateProps[T], keyof EmailBase> },
): Promise<void> {
  const { appUrl, emailFrom } = getConfig();
  const content = deferredContent(email.template, { ...emailBaseFor(organization, m, appUrl), ...email.props } as TemplateProps[T]);
  await queueEmails(tx, [
    { organizationId: organization.id, memberId: m.id, tokenId: email.tokenId, template: email.template, to: email.to, content, ...envelopeFor(organization, emailFrom) },
  ]);
}
