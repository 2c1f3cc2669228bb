import { sql } from "drizzle-orm";
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

/**
 * Writes one audit event per entry, for bulk acts (one event per member of a bulk send or edit), in the act's
 * transaction like recordAudit. Each column travels as one array, so 10,000 events are a few statements.
 */
export async function recordAudits(tx: Executor, actor: AnyActor | null, entries: AuditEntry[]): Promise<void> {
  const label = actor ? actorLabel(actor) : "Anonymous visitor";
  const actorOrganization = actor?.kind === "member" ? actor.organizationId : null;
  for (let start = 0; start < entries.length; start += 5_000) {
    const chunk = entries.slice(start, start + 5_000);
    const column = <T>(pick: (entry: AuditEntry) => T) => sql.param(chunk.map(pick));
    await tx.execute(sql`
      insert into audit_event (organization_id, actor_member_id, actor_support_id, actor_label, action, target_type, target_id, details, ip, created_at)
      select organization_id, ${actor?.kind === "member" ? actor.memberId : null}::uuid, ${actor?.kind === "support" ? actor.supportId : null}::uuid,
             ${label}, action, target_type, target_id, details, ip, created_at
      from unnest(
        ${column((e) => (e.organizationId !== undefined ? e.organizationId : actorOrganization))}::uuid[], ${column((e) => e.action)}::text[],
        ${column((e) => e.target?.type ?? null)}::text[], ${column((e) => e.target?.id ?? null)}::text[],
        ${column((e) => JSON.stringify(e.details ?? {}))}::jsonb[], ${column((e) => e.ip ?? null)}::text[],
        ${column((e) => (e.at ?? new Date()).toISOString())}::timestamptz[]
      ) as entry(organization_id, action, target_type, target_id, details, ip, created_at)`);
  }
}
