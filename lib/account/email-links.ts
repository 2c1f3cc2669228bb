import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, memberEmail, token, type Member } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { fullName } from "../members/format";
import { isLinkSecret, selectLink, stateOf, type LinkState } from "../onboarding/links";
import { hashTokenSecret, revokeOpenTokens } from "../tokens";
import { accountOf, type OwnAccount } from "./own-account";

export type EmailLinkPurpose = "email-verify" | "email-undo";

/**
 * A link from an email about the member's addresses (SPEC §4.9), and what it is now. A verification link confirms
 * either the address waiting to become primary or an additional address; an address removed since, or a change
 * cancelled or replaced, makes it "cancelled". An undo link ("This wasn't me") puts back the address it was sent to.
 */
export type FoundEmailLink = OwnAccount & {
  state: LinkState;
  token: typeof token.$inferSelect;
  /** What a verification link confirms; null for an undo link, or a link that confirms nothing any more. */
  confirms: "primary" | "additional" | null;
};

/** Finds the link a secret names, for the purpose of its page, with its state. Null for an unknown secret. Reading never uses it. */
export async function findEmailLink(db: Executor, secret: string, purpose: EmailLinkPurpose, now = new Date()): Promise<FoundEmailLink | null> {
  if (!isLinkSecret(secret)) return null;
  const [found] = await selectLink(db)
    .where(and(eq(token.secretHash, hashTokenSecret(secret)), eq(token.purpose, purpose)))
    .limit(1);
  if (!found) return null;
  const confirms = purpose === "email-verify" ? await whatItConfirms(db, found.token, found.member) : null;
  return { ...accountOf(found.member, found.organization), token: found.token, confirms, state: await emailLinkState(db, found.token, found.member, confirms, now) };
}

async function whatItConfirms(db: Executor, t: typeof token.$inferSelect, m: Member): Promise<FoundEmailLink["confirms"]> {
  if (t.sentTo === m.pendingEmail) return "primary";
  const [additional] = await db
    .select({ id: memberEmail.id })
    .from(memberEmail)
    .where(and(eq(memberEmail.memberId, m.id), eq(memberEmail.email, t.sentTo), isNull(memberEmail.verifiedAt)))
    .limit(1);
  return additional ? "additional" : null;
}

/** A link's state as every link page reads it; a verification link confirming nothing any more is "cancelled". */
async function emailLinkState(db: Executor, t: typeof token.$inferSelect, m: Member, confirms: FoundEmailLink["confirms"], now: Date): Promise<LinkState> {
  const verifies = t.purpose === "email-verify";
  const state = await stateOf(db, t, m, now, { sameAddress: verifies });
  return state === "valid" && verifies && !confirms ? "cancelled" : state;
}

/** The link can't do its act: the page says which case it is. */
export class EmailLinkNotUsableError extends DomainError {
  constructor(readonly state: Exclude<LinkState, "valid">) {
    super("This link can no longer be used.");
  }
}

/** A verification link opened by someone signed in to another account: they must not confirm an address for it. */
export class OtherAccountError extends DomainError {
  constructor(readonly signedInAs: string) {
    super("This link is for another account.");
  }
}

/** Uses the link only while it is still open: of two submissions, the second finds it used. */
async function useLink(tx: Executor, link: FoundEmailLink, now: Date): Promise<boolean> {
  const used = await tx
    .update(token)
    .set({ usedAt: now })
    .where(and(eq(token.id, link.token.id), sql`${token.usedAt} is null and ${token.revokedAt} is null and ${token.expiresAt} > ${now}`))
    .returning({ id: token.id });
  return used.length > 0;
}

async function usableLink(db: Executor, secret: string, purpose: EmailLinkPurpose, now: Date): Promise<FoundEmailLink> {
  const link = await findEmailLink(db, secret, purpose, now);
  if (!link) throw new EmailLinkNotUsableError("unknown");
  if (link.state !== "valid") throw new EmailLinkNotUsableError(link.state);
  return link;
}

/** Audited as the member's own act: the link proves they read that inbox, whoever is signed in (nobody, or themselves). */
const memberActorOfLink = (link: FoundEmailLink) => ({
  kind: "member" as const,
  memberId: link.member.id,
  organizationId: link.member.organizationId,
  role: link.member.role,
  siteIds: [],
  teamIds: [],
  name: fullName(link.member),
  loginName: link.member.loginName,
});

/**
 * "Confirm email address" on the page of a verification link (SPEC §4.9, §6: only the form's POST uses a link). The
 * address waiting becomes the primary one (links sent to the old one to set a password stop working, as when a
 * manager changes it), or an additional address counts as verified. Someone signed in to another account is refused:
 * they may have opened a colleague's email in a shared inbox, and nothing changes.
 */
export async function confirmEmailWithLink({
  secret,
  signedIn = null,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  secret: string;
  /** Whoever is signed in where the link was opened: a member (by id), support staff (no member id), or nobody. */
  signedIn?: { memberId: string | null; name: string } | null;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ confirms: "primary" | "additional"; address: string; account: OwnAccount }> {
  const db = await getDb();
  const link = await usableLink(db, secret, "email-verify", now);
  if (signedIn && signedIn.memberId !== link.member.id) throw new OtherAccountError(signedIn.name);
  const address = link.token.sentTo;
  const confirms = await db.transaction(async (tx) => {
    await tx.select({ id: member.id }).from(member).where(eq(member.id, link.member.id)).for("update");
    // Read again under the lock: the change may have been cancelled, or the address removed, since the page opened.
    const now2 = await findEmailLink(tx, secret, "email-verify", now);
    if (!now2 || now2.state !== "valid" || !now2.confirms) throw new EmailLinkNotUsableError(now2 && now2.state !== "valid" ? now2.state : "cancelled");
    if (!(await useLink(tx, now2, now))) throw new EmailLinkNotUsableError("used");
    const actor = memberActorOfLink(now2);
    if (now2.confirms === "primary") {
      await tx.update(member).set({ primaryEmail: address, primaryEmailProblem: null, pendingEmail: null, updatedAt: now }).where(eq(member.id, now2.member.id));
      // It may have been added as an additional address too: as the primary one, it isn't additional any more.
      await tx.delete(memberEmail).where(and(eq(memberEmail.memberId, now2.member.id), eq(memberEmail.email, address)));
      await revokeOpenTokens(tx, [now2.member.id], now, ["invite", "reset"]);
      await recordAudit(tx, actor, {
        action: "account.email-change",
        target: { type: "member", id: now2.member.id },
        details: { from: now2.member.primaryEmail, to: address, via: "verification link" },
        ip,
        userAgent,
        at: now,
      });
    } else {
      await tx
        .update(memberEmail)
        .set({ verifiedAt: now, updatedAt: now })
        .where(and(eq(memberEmail.memberId, now2.member.id), eq(memberEmail.email, address)));
      await recordAudit(tx, actor, { action: "account.email-verify", target: { type: "member", id: now2.member.id }, details: { address }, ip, userAgent, at: now });
    }
    return now2.confirms;
  });
  return { confirms, address, account: link };
}

/**
 * "This wasn't me" on the page of a change notice's link (SPEC §4.9): the address it was sent to is the primary one
 * again, a change still waiting is dropped, every session of the member ends (session version), and every link still
 * open stops working, since any of them may have gone to whoever made the change. Audited as the member's own act.
 */
export async function undoEmailChangeWithLink({ secret, ip = null, userAgent = null, now = new Date() }: { secret: string; ip?: string | null; userAgent?: string | null; now?: Date }): Promise<{ address: string; account: OwnAccount }> {
  const db = await getDb();
  const link = await usableLink(db, secret, "email-undo", now);
  const address = link.token.sentTo;
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(member).where(eq(member.id, link.member.id)).for("update");
    if (!current || !(await useLink(tx, link, now))) throw new EmailLinkNotUsableError("used");
    await revokeOpenTokens(tx, [current.id], now);
    await tx
      .update(member)
      .set({
        primaryEmail: address,
        ...(current.primaryEmail !== address ? { primaryEmailProblem: null } : {}),
        pendingEmail: null,
        sessionVersion: sql`${member.sessionVersion} + 1`,
        updatedAt: now,
      })
      .where(eq(member.id, current.id));
    await recordAudit(tx, memberActorOfLink(link), {
      action: "account.email-change-undo",
      target: { type: "member", id: current.id },
      details: { restored: address, replaced: current.primaryEmail, cancelled: current.pendingEmail, signedOutEverywhere: true },
      ip,
      userAgent,
      at: now,
    });
  });
  return { address, account: link };
}

