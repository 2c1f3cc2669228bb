import type { Executor } from "@/db";
import { insertRows } from "@/db/insert-rows";
import { auditEvent } from "@/db/schema";
import { actorLabel, type AnyActor } from "./actor";

export type AuditEntry = {
  /** A dotted verb: "organization.setup", "sign-in.locked-out", "member.create"… */
  action: string;
  /** The organization the act belongs to; defaults to the actor's. Null for acts outside any organization. */
  organizationId?: string | null;
  target?: { type: string; id: string };
  /** What changed; never secrets (passwords, tokens, PINs). */
  details?: Record<string, unknown>;
  ip?: string | null;
  /** The User-Agent the act came with; kept to its first 512 characters. */
  userAgent?: string | null;
  at?: Date;
};

const userAgentOf = (entry: AuditEntry) => entry.userAgent?.slice(0, 512) || null;

/**
 * Writes one audit event. Pass the transaction of the act itself, so the act and its record stand or fall together
 * (SPEC §2). Support acts carry the support actor, which the audit log marks (SPEC §4.13).
 */
export async function recordAudit(tx: Executor, actor: AnyActor | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvent).values({
    organizationId: entry.organizationId !== undefined ? entry.organizationId : actor?.kind === "member" ? actor.organizationId : null,
    actorMemberId: actor?.kind === "member" ? actor.memberId : null,
    actorSupportId: actor?.kind === "support" ? actor.supportId : null,
    actorLabel: actor ? actorLabel(actor) : "Anonymous visitor",
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
    ip: entry.ip ?? null,
    userAgent: userAgentOf(entry),
    createdAt: entry.at ?? new Date(),
  });
}

/**
 * Writes one audit event per entry, for bulk acts (one event per member of a bulk send or edit), in the act's
 * transaction like recordAudit, as a few statements however many there are.
 */
export async function recordAudits(tx: Executor, actor: AnyActor | null, entries: AuditEntry[]): Promise<void> {
  const label = actor ? actorLabel(actor) : "Anonymous visitor";
  const actorOrganization = actor?.kind === "member" ? actor.organizationId : null;
  await insertRows(
    tx,
    "audit_event",
    AUDIT_COLUMNS,
    entries.map((e) => ({
      organization_id: e.organizationId !== undefined ? e.organizationId : actorOrganization,
      actor_member_id: actor?.kind === "member" ? actor.memberId : null,
      actor_support_id: actor?.kind === "support" ? actor.supportId : null,
      actor_label: label,
      action: e.action,
      target_type: e.target?.type ?? null,
      target_id: e.target?.id ?? null,
      details: e.details ?? {},
      ip: e.ip ?? null,
      user_agent: userAgentOf(e),
      created_at: (e.at ?? new Date()).toISOString(),
    })),
  );
}

const AUDIT_COLUMNS = {
  organization_id: "uuid",
  actor_member_id: "uuid",
  actor_support_id: "uuid",
  actor_label: "text",
  action: "text",
  target_type: "text",
  target_id: "text",
  details: "jsonb",
  ip: "text",
  user_agent: "text",
  created_at: "timestamptz",
};
