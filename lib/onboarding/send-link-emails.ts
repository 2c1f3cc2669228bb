import { displayName } from "../members/format";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { job, organization } from "@/db/schema";
import type { Actor, MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ValidationError } from "../errors";
import { nudgeDispatcher } from "../email/runtime";
import { formatCount, memberLabel } from "../members/format";
import type { MemberSelection } from "../members/schemas";
import { loadSelection, type SelectedMember } from "../members/selection";
import { authorizeOnMember } from "../permissions";
import { queueLinkEmails, type LinkOrganization, type LinkPurpose } from "./link-emails";
import { auditedReason } from "../support/reason";
import { SKIP_REASONS, whyNotSendable, type SkipReason } from "./sendability";

export type SkippedRecipient = { id: string; label: string; reason: SkipReason };

/** Who a bulk send would reach, and who it leaves out and why: what the dialog shows before "Complete Action". */
export type SendPlan = {
  purpose: LinkPurpose;
  /** How many emails would be queued. */
  sendable: number;
  /** The first skipped members by name; skippedByReason counts them all. */
  skipped: SkippedRecipient[];
  skippedByReason: Partial<Record<SkipReason, number>>;
  skippedCount: number;
  /** Picked ids that no longer exist or are no longer the actor's to see. */
  missing: number;
};

export type SendResult = SendPlan & { queued: number; jobId: string | null };

/** How many skipped members a plan names; the rest are counted by reason. */
const SKIPPED_LISTED = 100;

/** The popup after a bulk send (SPEC §4.6, seed 002): "N emails sent successfully", N being what was queued. */
export function emailsSentSuccessfully(queued: number): string {
  return queued === 1 ? "1 email sent successfully" : `${formatCount(queued)} emails sent successfully`;
}

function planOf(actor: Actor, members: SelectedMember[], missing: number, purpose: LinkPurpose) {
  const eligible: SelectedMember[] = [];
  const skipped: SkippedRecipient[] = [];
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  for (const m of members) {
    const reason = whyNotSendable(actor, m, purpose);
    if (!reason) {
      eligible.push(m);
      continue;
    }
    skippedByReason[reason] = (skippedByReason[reason] ?? 0) + 1;
    if (skipped.length < SKIPPED_LISTED) skipped.push({ id: m.id, label: memberLabel(m), reason });
  }
  const plan: SendPlan = { purpose, sendable: eligible.length, skipped, skippedByReason, skippedCount: members.length - eligible.length, missing };
  return { eligible, plan };
}

/**
 * What "Send Welcome Email" or "Send Password Reset" would do to a selection (SPEC §4.6), without doing it: the
 * selection is re-read under the actor's scope exactly as the send will read it.
 */
export async function planLinkEmails({ actor, selection, purpose }: { actor: MemberActor; selection: MemberSelection; purpose: LinkPurpose }): Promise<SendPlan> {
  const db = await getDb();
  const { members, missing } = await loadSelection(db, actor, selection);
  return planOf(actor, members, missing, purpose).plan;
}

/**
 * Bulk "Send Welcome Email" / "Send Password Reset" (SPEC §4.6, seed 002, seed 004's "Send Activation Emails"): one
 * transaction writes a job (what the progress bar reads), a fresh link and a queued email for every member who may
 * get one, and one audit event for the send; the others are skipped with a reason. `queued` is exactly the number of emails written, for the popup
 * "N emails sent successfully"; the dispatcher delivers them after the commit.
 */
export async function sendLinkEmails({
  actor,
  selection,
  purpose,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: MemberActor;
  selection: MemberSelection;
  purpose: LinkPurpose;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<SendResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const { members, missing } = await loadSelection(tx, actor, selection);
    const { eligible, plan } = planOf(actor, members, missing, purpose);
    if (!eligible.length) return { ...plan, queued: 0, jobId: null };
    const org = await organizationFor(tx, actor.organizationId);
    const [created] = await tx
      .insert(job)
      .values({
        organizationId: org.id,
        kind: "bulk_send",
        status: "running",
        total: eligible.length,
        details: { template: purpose === "invite" ? "welcome" : "password-reset", skipped: plan.skippedCount },
        createdById: actor.memberId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: job.id });
    const { messageIds } = await queueLinkEmails(tx, {
      organization: org,
      recipients: eligible,
      purpose,
      actor,
      jobId: created!.id,
      ip,
      userAgent,
      auditEach: false,
      now,
    });
    // One event for the act, naming its job: the job's emails (the email log) say who got one, and each member's
    // Email log tab shows theirs. 10,000 events of the same act would cost the send a quarter of its time.
    await recordAudit(tx, actor, {
      action: purpose === "invite" ? "members.welcome-sent" : "members.reset-sent",
      target: { type: "job", id: created!.id },
      details: { emails: messageIds.length, skipped: plan.skippedByReason, missing, selection: selection.kind === "query" ? { query: selection.query } : { picked: selection.ids.length } },
      ip,
      userAgent,
      at: now,
    });
    return { ...plan, queued: messageIds.length, jobId: created!.id };
  });
  if (result.queued) nudgeDispatcher();
  return result;
}

/**
 * A member page's "Send Welcome Email" or "Send Password Reset" (SPEC §4.6, §4.8): one email with a fresh link, or
 * a ValidationError in the words of the bulk dialog (already confirmed, no email, bounced…). Support staff may send
 * too (SPEC §1, §4.14), with the reason they give; the act is audited as theirs, with it.
 */
export async function sendLinkEmail({
  actor,
  memberId,
  purpose,
  reason,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: Actor;
  memberId: string;
  purpose: LinkPurpose;
  /** Required of support staff (lib/support/reason.ts). */
  reason?: string;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ to: string; name: string }> {
  const auditDetails = auditedReason(actor, reason);
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const target = await authorizeOnMember(tx, actor, purpose === "invite" ? "member.sendWelcome" : "member.sendReset", memberId);
    const reason = whyNotSendable(actor, target, purpose);
    if (reason) throw new ValidationError(SKIP_REASONS[reason]);
    await queueLinkEmails(tx, {
      organization: await organizationFor(tx, target.organizationId),
      recipients: [target],
      purpose,
      actor,
      auditDetails,
      ip,
      userAgent,
      now,
    });
    return { to: target.primaryEmail!, name: displayName(target) };
  });
  nudgeDispatcher();
  return sent;
}

export async function organizationFor(db: Executor, organizationId: string): Promise<LinkOrganization> {
  const [org] = await db.select().from(organization).where(eq(organization.id, organizationId)).limit(1);
  if (!org) throw new ValidationError("This organization doesn't exist.");
  return org;
}
