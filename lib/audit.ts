import type { Executor } from "@/db";
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
  at?: Date;
};

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
    createdAt: entry.at ?? new Date(),
  });
}
