import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { insertRows } from "@/db/insert-rows";
import type { Member, Organization } from "@/db/schema";
import type { Actor, AnyActor } from "../actor";
import { recordAudits } from "../audit";
import { getConfig } from "../config";
import { emailBaseFor, envelopeFor } from "../email/compose";
import { queueEmails } from "../email/outbox";
import { deferredContent } from "../email/deferred-content";
import { ROLE_LABELS } from "../members/labels";
import { newTokenSecret, revokeOpenTokens } from "../tokens";

/** The two links an email can carry to set a password: the welcome email's and the reset email's (SPEC §4.6–4.8). */
export type LinkPurpose = "invite" | "reset";

/** Where each link leads; the raw secret follows the slash. */
export const LINK_PATHS = { invite: "/set-password", reset: "/reset-password" } as const satisfies Record<LinkPurpose, string>;

const TEMPLATE_OF = { invite: "welcome", reset: "password-reset" } as const satisfies Record<LinkPurpose, string>;

/** What a link email needs to know of its recipient. */
export type LinkRecipient = Pick<
  Member,
  "id" | "organizationId" | "firstName" | "lastName" | "loginName" | "primaryEmail" | "language" | "timeZone" | "directNumber"
>;

export type LinkOrganization = Pick<
  Organization,
  "id" | "name" | "slug" | "senderName" | "replyTo" | "inviteLinkDays" | "resetLinkMinutes" | "defaultLanguage" | "defaultTimeZone"
>;

/** When a new link of this purpose stops working, per the organization's settings (SPEC §2). */
export function linkExpiry(organization: LinkOrganization, purpose: LinkPurpose, now: Date): Date {
  const ms = purpose === "invite" ? organization.inviteLinkDays * 86_400_000 : organization.resetLinkMinutes * 60_000;
  return new Date(now.getTime() + ms);
}

/** "Adam Ashby (Office Manager)": who sent a link email, as its "Sent by …" line says (SPEC §5). */
export function sentByLabel(actor: Actor): string {
  return actor.kind === "member" ? `${actor.name} (${ROLE_LABELS[actor.role]})` : `${actor.name} (Gatehouse Support)`;
}

/**
 * Issues a fresh link to each recipient and queues the email that carries it, in the caller's transaction (SPEC §5,
 * §6): the token rows, the outbox rows, the "Confirmation sent" stamp and one audit event per member stand or fall
 * together. Each member's earlier open links of the same purpose are revoked first (SPEC §4.6), so the newest email
 * always holds the one link that works; members who share an address each get their own email and link.
 *
 * The email names who sent it ("Sent by Dana Reyes (Office Manager)"); with no actor the member asked for it
 * themselves, and a system actor (scripts) is not named.
 * Recipients must have been checked by the caller (permission, status, an address on file).
 */
export async function queueLinkEmails(
  tx: Executor,
  {
    organization,
    recipients,
    purpose,
    actor,
    jobId = null,
    ip = null,
    userAgent = null,
    auditDetails = {},
    auditEach = true,
    now = new Date(),
  }: {
    organization: LinkOrganization;
    recipients: LinkRecipient[];
    purpose: LinkPurpose;
    actor: AnyActor | null;
    jobId?: string | null;
    ip?: string | null;
    userAgent?: string | null;
    auditDetails?: Record<string, unknown>;
    /** One audit event per member; a bulk send writes one event for the whole send instead (sendLinkEmails). */
    auditEach?: boolean;
    now?: Date;
  },
): Promise<{ messageIds: string[] }> {
  if (!recipients.length) return { messageIds: [] };
  const { appUrl, emailFrom } = getConfig();
  const memberIds = recipients.map((r) => r.id);
  const expiresAt = linkExpiry(organization, purpose, now);
  const sentBy = actor && actor.kind !== "system" ? sentByLabel(actor) : null;

  // Two sends to one member at once (a double click, a manager's send while the member asks for a link) take turns
  // here, so the second revokes the first's link instead of colliding with it on "one open invite per member".
  await tx.execute(sql`select id from member where id = any(${sql.param(memberIds)}::uuid[]) order by id for update`);
  await revokeOpenTokens(tx, memberIds, now, [purpose]);

  const links = recipients.map(() => ({ id: randomUUID(), ...newTokenSecret() }));
  const createdAt = now.toISOString();
  await insertRows(
    tx,
    "token",
    { id: "uuid", member_id: "uuid", purpose: "token_purpose", secret_hash: "text", sent_to: "text", created_at: "timestamptz", expires_at: "timestamptz" },
    recipients.map((r, i) => ({ id: links[i]!.id, member_id: r.id, purpose, secret_hash: links[i]!.hash, sent_to: r.primaryEmail, created_at: createdAt, expires_at: expiresAt.toISOString() })),
  );
  const base = (r: LinkRecipient, i: number) => ({
    ...emailBaseFor(organization, r, appUrl),
    link: `${appUrl}${LINK_PATHS[purpose]}/${links[i]!.secret}`,
    expiresAt,
  });
  // Queued with their props, rendered by the dispatcher (lib/email/deferred-content.ts): this transaction stays small.
  const template = TEMPLATE_OF[purpose];
  const contents = recipients.map((r, i) =>
    template === "welcome"
      ? deferredContent("welcome", { ...base(r, i), directNumber: r.directNumber, sentBy: sentBy ?? organization.name })
      : deferredContent("password-reset", { ...base(r, i), sentBy }),
  );
  const envelope = envelopeFor(organization, emailFrom);
  const messageIds = await queueEmails(
    tx,
    recipients.map((r, i) => ({
      organizationId: organization.id,
      memberId: r.id,
      tokenId: links[i]!.id,
      jobId,
      template,
      to: r.primaryEmail!,
      content: contents[i]!,
      ...envelope,
    })),
  );

  // "Confirmation sent" (seed 003) is the welcome email's stamp; a reset leaves it alone.
  if (purpose === "invite") {
    await tx.execute(sql`update member set confirmation_sent_at = ${now}, updated_at = ${now} where id = any(${sql.param(memberIds)}::uuid[])`);
  }
  if (!auditEach) return { messageIds };
  await recordAudits(
    tx,
    actor,
    recipients.map((r) => ({
      action: purpose === "invite" ? "member.welcome-sent" : "member.reset-sent",
      organizationId: organization.id,
      target: { type: "member", id: r.id },
      details: { to: r.primaryEmail, ...(jobId ? { jobId } : {}), ...auditDetails },
      ip,
      userAgent,
      at: now,
    })),
  );
  return { messageIds };
}
