import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, rows as rowsOf, type Executor } from "@/db";
import { member } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { authorizeOnMember } from "../permissions";
import { inChunks } from "./selection";

export type StatusChange = "disabled" | "enabled";

/**
 * Disabling ends the members' sessions at once and revokes their outstanding links; enabling brings them back as
 * "Active" if they had set a password, else "Pending". Members already in that state are left alone.
 */
export async function applyStatusChange(tx: Executor, memberIds: string[], change: StatusChange, now: Date): Promise<string[]> {
  const changed: string[] = [];
  await inChunks(memberIds, async (ids) => {
    const rows =
      change === "disabled"
        ? // One statement (a directory disables people one request at a time): a new session version ends their
          // sessions, and their open links stop.
          await rowsOf<{ id: string }>(
            tx,
            sql`with disabled as (
                  update member set status = 'disabled', session_version = session_version + 1, updated_at = ${now}
                  where id = any(${sql.param(ids)}::uuid[]) and status <> 'disabled'
                  returning id
                ), revoked as (
                  update token set revoked_at = ${now}
                  where member_id in (select id from disabled) and used_at is null and revoked_at is null
                )
                select id from disabled`,
          )
        : await tx
            .update(member)
            .set({ status: sql`case when ${member.confirmedAt} is not null then 'active' else 'pending' end::member_status`, updatedAt: now })
            .where(and(inArray(member.id, ids), eq(member.status, "disabled")))
            .returning({ id: member.id });
    changed.push(...rows.map((r) => r.id));
  });
  return changed;
}

/** "Disable user" / "Enable user" on a member's Advanced tab. Returns false when there was nothing to change. */
export async function setMemberStatus({ actor, memberId, change, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; memberId: string; change: StatusChange; ip?: string | null; userAgent?: string | null; now?: Date }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await authorizeOnMember(tx, actor, "member.disable", memberId);
    const changed = await applyStatusChange(tx, [target.id], change, now);
    if (changed.length) {
      await recordAudit(tx, actor, { action: change === "disabled" ? "member.disable" : "member.enable", target: { type: "member", id: target.id }, ip, userAgent, at: now });
    }
    return changed.length > 0;
  });
}
