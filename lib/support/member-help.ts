import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { emailEvent, emailMessage, member, organization, site, siteManager, team, type Member } from "@/db/schema";
import type { SupportActor } from "../actor";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { nudgeDispatcher } from "../email/runtime";
import { displayName } from "../members/format";
import { queueLinkEmails, type LinkPurpose } from "../onboarding/link-emails";
import { organizationFor } from "../onboarding/send-link-emails";
import { linkPurposeFor, SKIP_REASONS, whyNotSendable } from "../onboarding/sendability";
import { authorizeOnMember } from "../permissions";
import { auditedReason } from "./reason";

/**
 * A member as the support console shows them (SPEC §4.14, seeds 002 and 003): who they are and where, the link they
 * need now and whether it can go, the welcome or reset email that didn't arrive and whether the customer has since
 * corrected the address, and whom at the customer to ask when they haven't. Support reads; it changes nothing of
 * the customer's.
 */

/** The last welcome or reset email, when it didn't arrive. */
export type UndeliveredLinkEmail = {
  id: string;
  to: string;
  template: "welcome" | "password-reset";
  status: "bounced" | "failed" | "complained";
  at: Date;
  /** The receiving server's or the provider's words. */
  reason: string | null;
  /** The member's address has changed since (and isn't flagged): "Resend to a corrected address" may go. */
  corrected: boolean;
};

export type CustomerContact = { id: string; name: string; role: Member["role"]; email: string | null; extension: string | null };

export async function supportMemberView(db: Executor, actor: SupportActor, memberId: string) {
  const target = await authorizeOnMember(db, actor, "member.view", memberId);
  const purpose = linkPurposeFor(target);
  const problem = whyNotSendable(actor, target, purpose);
  const [[org], [place], undelivered, contacts] = await Promise.all([
    db.select({ id: organization.id, name: organization.name, timeZone: organization.defaultTimeZone }).from(organization).where(eq(organization.id, target.organizationId)),
    db
      .select({ siteName: site.name, teamName: team.name })
      .from(member)
      .leftJoin(site, eq(site.id, member.siteId))
      .leftJoin(team, eq(team.id, member.teamId))
      .where(eq(member.id, target.id)),
    lastUndeliveredLinkEmail(db, target),
    customerContacts(db, target),
  ]);
  return {
    member: target,
    organization: org!,
    siteName: place?.siteName ?? null,
    teamName: place?.teamName ?? null,
    /** The email "Send" gives them now (a reset once they have a password), or why none can go. */
    link: { purpose, problem: problem ? SKIP_REASONS[problem] : null },
    undelivered,
    contacts,
  };
}

const LINK_TEMPLATES = ["welcome", "password-reset"] as const;
const UNDELIVERED = ["bounced", "failed", "complained"] as const;

/** The member's last welcome or reset email, if it didn't arrive; null when it did, is on its way, or there is none. */
async function lastUndeliveredLinkEmail(db: Executor, m: Member): Promise<UndeliveredLinkEmail | null> {
  const [last] = await db
    .select({ id: emailMessage.id, to: emailMessage.to, template: emailMessage.template, status: emailMessage.status, createdAt: emailMessage.createdAt, lastError: emailMessage.lastError })
    .from(emailMessage)
    .where(and(eq(emailMessage.memberId, m.id), inArray(emailMessage.template, LINK_TEMPLATES)))
    .orderBy(desc(emailMessage.createdAt), desc(emailMessage.id))
    .limit(1);
  if (!last || !(UNDELIVERED as readonly string[]).includes(last.status)) return null;
  const [event] = await db
    .select({ details: emailEvent.details, at: emailEvent.occurredAt })
    .from(emailEvent)
    .where(and(eq(emailEvent.messageId, last.id), inArray(emailEvent.type, UNDELIVERED)))
    .orderBy(desc(emailEvent.occurredAt))
    .limit(1);
  const reason = typeof event?.details.reason === "string" && event.details.reason ? event.details.reason : last.lastError;
  return {
    id: last.id,
    to: last.to,
    template: last.template as UndeliveredLinkEmail["template"],
    status: last.status as UndeliveredLinkEmail["status"],
    at: event?.at ?? last.createdAt,
    reason,
    corrected: m.primaryEmail !== null && m.primaryEmail !== last.to.toLowerCase() && m.primaryEmailProblem === null,
  };
}

/**
 * Whom support asks to correct an address: the people who may edit this member (the organization's owners and
 * admins, and the site managers of the member's site), a few of them, owners first.
 */
async function customerContacts(db: Executor, m: Member): Promise<CustomerContact[]> {
  const found = await db
    .select({ id: member.id, firstName: member.firstName, lastName: member.lastName, extension: member.extension, role: member.role, email: member.primaryEmail })
    .from(member)
    .where(
      and(
        eq(member.organizationId, m.organizationId),
        eq(member.status, "active"),
        or(
          inArray(member.role, ["owner", "admin"]),
          m.siteId ? sql`${member.id} in (select ${siteManager.memberId} from ${siteManager} where ${siteManager.siteId} = ${m.siteId})` : undefined,
        ),
      ),
    )
    .orderBy(sql`case ${member.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(member.lastName), asc(member.firstName))
    .limit(5);
  return found.map((c) => ({ id: c.id, name: displayName(c), role: c.role, email: c.email, extension: c.extension }));
}

/**
 * "Resend to a corrected address" (SPEC §4.14, seed 003): after a welcome or reset email didn't arrive and the
 * customer's manager corrected the member's address, support sends the link the member needs now to the corrected
 * address, with a reason. Refused, writing nothing, when the email did arrive after all, a newer one was sent, the
 * address is still the one that failed, or the member can't get a link.
 */
export async function resendToCorrectedAddress({
  actor,
  memberId,
  messageId,
  reason,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: SupportActor;
  memberId: string;
  messageId: string;
  reason: string;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ to: string; name: string; purpose: LinkPurpose }> {
  if (actor.kind !== "support") throw new ForbiddenError();
  const auditDetails = auditedReason(actor, reason);
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const target = await authorizeOnMember(tx, actor, "member.view", memberId);
    const purpose = linkPurposeFor(target);
    await authorizeOnMember(tx, actor, purpose === "invite" ? "member.sendWelcome" : "member.sendReset", memberId);
    const undelivered = await lastUndeliveredLinkEmail(tx, target);
    if (!undelivered || undelivered.id !== messageId) throw new NotFoundError("This email isn't the last one that failed to arrive: reload the page to see where things stand.");
    if (!undelivered.corrected) {
      throw new ValidationError(`The address is still ${undelivered.to}: ask the customer to correct it on ${displayName(target)}'s Profile first.`);
    }
    const problem = whyNotSendable(actor, target, purpose);
    if (problem) throw new ValidationError(SKIP_REASONS[problem]);
    await queueLinkEmails(tx, {
      organization: await organizationFor(tx, target.organizationId),
      recipients: [target],
      purpose,
      actor,
      auditDetails: { ...auditDetails, correctedFrom: undelivered.to },
      ip,
      userAgent,
      now,
    });
    return { to: target.primaryEmail!, name: displayName(target), purpose };
  });
  nudgeDispatcher();
  return sent;
}
