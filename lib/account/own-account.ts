import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { member, memberEmail, organization, token, type Member, type Organization } from "@/db/schema";
import type { MemberActor } from "../actor";
import { DomainError, NotFoundError } from "../errors";
import { memberLanguage, memberTimeZone, messagesFor, pauseWords, type Messages } from "../i18n/language";
import { assertCan } from "../permissions";
import { recordFailure, secondsBlocked, type ThrottleRule } from "../throttle";

/** Additional addresses a member may keep besides the primary one (SPEC §2). */
export const MAX_ADDITIONAL_EMAILS = 4;

/** Emails My Account sends for one member (verification links, change notices): 10 an hour, then an hour's pause. */
export const ACCOUNT_EMAIL_RULE: ThrottleRule = { failures: 10, windowSeconds: 60 * 60, blockSeconds: 60 * 60 };

export type OwnAccount = { member: Member; organization: Organization; t: Messages; language: string; timeZone: string };

/**
 * The signed-in member's own account, with the words of their language (SPEC §4.9): what every My Account act starts
 * from. `lock` takes the member's row for the act's transaction, so two acts on one account take turns. The member
 * is asked about through lib/permissions like any target: only the member themselves may edit their profile.
 */
export async function ownAccount(db: Executor, actor: MemberActor, { lock = false } = {}): Promise<OwnAccount> {
  const query = db.select().from(member).innerJoin(organization, eq(organization.id, member.organizationId)).where(eq(member.id, actor.memberId)).limit(1);
  const [found] = lock ? await query.for("update", { of: member }) : await query;
  if (!found) throw new NotFoundError("This account doesn't exist any more.");
  assertCan(actor, "profile.edit", found.member);
  return accountOf(found.member, found.organization);
}

export function accountOf(m: Member, o: Organization): OwnAccount {
  const language = memberLanguage(m, o);
  return { member: m, organization: o, t: messagesFor(language), language, timeZone: memberTimeZone(m, o) };
}

export type AdditionalEmail = { id: string; email: string; verified: boolean };

/** What My Account shows (SPEC §4.9): the profile, the primary address and the one waiting, the additional ones. */
export type AccountView = OwnAccount & {
  /** When the link to the address waiting for confirmation stops working. */
  pendingEmailExpiresAt: Date | null;
  additionalEmails: AdditionalEmail[];
};

export async function accountView(db: Executor, actor: MemberActor): Promise<AccountView> {
  const account = await ownAccount(db, actor);
  const pending = account.member.pendingEmail;
  const [additionalEmails, pendingLink] = await Promise.all([
    db
      .select({ id: memberEmail.id, email: memberEmail.email, verifiedAt: memberEmail.verifiedAt })
      .from(memberEmail)
      .where(eq(memberEmail.memberId, actor.memberId))
      .orderBy(asc(memberEmail.createdAt), asc(memberEmail.email)),
    pending
      ? db
          .select({ expiresAt: token.expiresAt })
          .from(token)
          .where(and(eq(token.memberId, actor.memberId), eq(token.purpose, "email-verify"), eq(token.sentTo, pending), isNull(token.usedAt), isNull(token.revokedAt)))
          .orderBy(desc(token.createdAt))
          .limit(1)
      : Promise.resolve([]),
  ]);
  return {
    ...account,
    pendingEmailExpiresAt: pendingLink[0]?.expiresAt ?? null,
    additionalEmails: additionalEmails.map((e) => ({ id: e.id, email: e.email, verified: e.verifiedAt !== null })),
  };
}

/** A refusal worded for the member, beside a field when it names one. */
export class AccountError extends DomainError {}

/**
 * Counts one email My Account is about to send for the member, or refuses with how long to wait (SPEC §6: throttled
 * where it sends email), before anything is written.
 */
export async function countAccountEmail(db: Executor, account: OwnAccount, now: Date): Promise<void> {
  const key = `account-email:member:${account.member.id}`;
  const blocked = await secondsBlocked(db, [key], now);
  if (blocked) throw new AccountError(account.t.account.tooManyEmails(pauseWords(account.t, blocked)));
  await recordFailure(db, key, ACCOUNT_EMAIL_RULE, now);
}

/** "d•••@example.com": enough for the owner of an address to recognise it, too little to be of use to anyone else. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = address.slice(0, at);
  return `${[...local][0]}•••${address.slice(at)}`;
}
