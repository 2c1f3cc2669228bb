import { and, inArray, isNotNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, siteManager, teamSupervisor } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudits } from "../audit";
import { ValidationError } from "../errors";
import { can, grantableRoles } from "../permissions";
import { ROLE_LABELS } from "./labels";
import { applyStatusChange } from "./member-status";
import { assertPlacementInOrganization } from "./placement";
import type { BulkChanges, BulkEditInput } from "./schemas";
import { memberLabel } from "./format";
import { inChunks, loadSelection, type SelectedMember } from "./selection";

export type SkippedMember = { id: string; label: string; reason: string };
export type BulkEditResult = { updated: number; skipped: SkippedMember[]; skippedCount: number; missing: number };

/** How many skipped members the result names; the rest are counted. */
const SKIPPED_LISTED = 100;

/**
 * Bulk Edit (issue 4, SPEC §4.3): sets site, department, team, role or disables/enables every selected member the
 * actor may edit, in one transaction with one audit event per member. Members outside the actor's scope, or whom the
 * change would take out of it, are skipped and named, never half-changed.
 */
export async function bulkEditMembers({ actor, input, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; input: BulkEditInput; ip?: string | null; userAgent?: string | null; now?: Date }): Promise<BulkEditResult> {
  const { selection, ...changes } = input;
  if (changes.role && !grantableRoles(actor).includes(changes.role)) {
    throw new ValidationError(`You can't give the ${ROLE_LABELS[changes.role]} role`, "role");
  }
  if (actor.role === "site_manager" && changes.siteId !== undefined && !(changes.siteId && actor.siteIds.includes(changes.siteId))) {
    throw new ValidationError("Choose one of the sites you manage", "siteId");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertPlacementInOrganization(tx, actor.organizationId, { siteId: changes.siteId, teamId: changes.teamId });
    const { members, missing } = await loadSelection(tx, actor, selection);
    const eligible: SelectedMember[] = [];
    const skipped: SkippedMember[] = [];
    for (const m of members) {
      const reason = whySkipped(actor, m, changes);
      if (reason) skipped.push({ id: m.id, label: memberLabel(m), reason });
      else eligible.push(m);
    }
    const ids = eligible.map((m) => m.id);
    const fields = {
      ...(changes.siteId !== undefined ? { siteId: changes.siteId } : {}),
      ...(changes.teamId !== undefined ? { teamId: changes.teamId } : {}),
      ...(changes.department !== undefined ? { department: changes.department } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
    };
    if (Object.keys(fields).length) {
      await inChunks(ids, (chunk) => tx.update(member).set({ ...fields, updatedAt: now }).where(inArray(member.id, chunk)));
    }
    // Only a new role brings new assignments: a supervisor who stays one keeps the teams they supervise.
    if (changes.role) await resetAssignments(tx, eligible.filter((m) => m.role !== changes.role).map((m) => m.id), changes.role);
    const statusChanged = changes.status ? new Set(await applyStatusChange(tx, ids, changes.status, now)) : new Set<string>();
    const changedIds = Object.keys(fields).length ? ids : ids.filter((id) => statusChanged.has(id));

    const details = { bulk: true, ...fields, ...(changes.status ? { status: changes.status } : {}) };
    const action = Object.keys(fields).length ? "member.update" : changes.status === "disabled" ? "member.disable" : "member.enable";
    await recordAudits(tx, actor, changedIds.map((id) => ({ action, target: { type: "member", id }, details, ip, userAgent, at: now })));
    return { updated: changedIds.length, skipped: skipped.slice(0, SKIPPED_LISTED), skippedCount: skipped.length, missing };
  });
}

/** Why this member is left out of the change, or null when the actor may make it. */
function whySkipped(actor: MemberActor, m: SelectedMember, changes: BulkChanges): string | null {
  const editsFields = changes.siteId !== undefined || changes.teamId !== undefined || changes.department !== undefined || changes.role !== undefined;
  if (m.id === actor.memberId && (changes.role !== undefined || changes.status !== undefined)) return "This is your own account";
  if (editsFields) {
    if (!can(actor, "member.edit", m)) return "Outside your scope";
    const after = { ...m, role: changes.role ?? m.role, siteId: changes.siteId !== undefined ? changes.siteId : m.siteId, teamId: changes.teamId !== undefined ? changes.teamId : m.teamId };
    if (!can(actor, "member.edit", after)) return "The change would take them outside your scope";
  }
  if (changes.status && !can(actor, "member.disable", m)) return "Outside your scope";
  if (changes.department !== undefined && m.directoryTokenId && changes.department !== m.department) return "Managed by directory sync: their department comes from the directory";
  return null;
}

/**
 * A new role brings its own assignments: new site managers manage their own site and new supervisors supervise
 * their own team (their profile refines it); any other role holds none.
 */
async function resetAssignments(tx: Executor, ids: string[], role: BulkChanges["role"] & string) {
  await inChunks(ids, async (chunk) => {
    await tx.delete(siteManager).where(inArray(siteManager.memberId, chunk));
    await tx.delete(teamSupervisor).where(inArray(teamSupervisor.memberId, chunk));
    if (role === "site_manager") {
      const rows = await tx.select({ memberId: member.id, siteId: member.siteId }).from(member).where(and(inArray(member.id, chunk), isNotNull(member.siteId)));
      if (rows.length) await tx.insert(siteManager).values(rows.map((r) => ({ memberId: r.memberId, siteId: r.siteId! })));
    }
    if (role === "supervisor") {
      const rows = await tx.select({ memberId: member.id, teamId: member.teamId }).from(member).where(and(inArray(member.id, chunk), isNotNull(member.teamId)));
      if (rows.length) await tx.insert(teamSupervisor).values(rows.map((r) => ({ memberId: r.memberId, teamId: r.teamId! })));
    }
  });
}
