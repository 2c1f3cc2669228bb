"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { requireMemberActor } from "@/app/_lib/session";
import { bulkEditMembers, type BulkEditResult } from "@/lib/members/bulk-edit-members";
import { createMember } from "@/lib/members/create-member";
import { fullName } from "@/lib/members/format";
import { setMemberStatus } from "@/lib/members/member-status";
import { resetMemberCompletely } from "@/lib/members/reset-member-completely";
import { bulkEditInput, memberInput, updateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";

/** A member form's fields: check-box groups arrive as repeated keys, everything else once. */
function memberFormFields(formData: FormData) {
  return {
    ...Object.fromEntries(formData),
    managedSiteIds: formData.getAll("managedSiteIds"),
    supervisedTeamIds: formData.getAll("supervisedTeamIds"),
  };
}

export async function createMemberAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult<{ memberId: string }>> {
  const actor = await requireMemberActor();
  const parsed = memberInput.safeParse(memberFormFields(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const created = await createMember({ actor, input: parsed.data });
    revalidatePath("/users");
    const message = created.portalAccess
      ? `${fullName(created)} was created with login name ${created.loginName}. They are Pending until they set a password.`
      : `${fullName(created)} was created without portal access.`;
    return { ok: true, memberId: created.id, message };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

export async function updateMemberAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = updateMemberInput.safeParse(memberFormFields(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const updated = await updateMember({ actor, input: parsed.data });
    revalidatePath("/users", "layout");
    return { ok: true, message: `Changes to ${fullName(updated)} saved` };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

const memberIdInput = z.object({ memberId: z.uuid("This user doesn't exist") });

export async function setMemberStatusAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = memberIdInput.extend({ change: z.enum(["disabled", "enabled"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    await setMemberStatus({ actor, memberId: parsed.data.memberId, change: parsed.data.change });
    revalidatePath("/users", "layout");
    return { ok: true, message: parsed.data.change === "disabled" ? "User disabled. Their sessions ended and their links no longer work." : "User enabled" };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

export async function resetMemberCompletelyAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = memberIdInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const reset = await resetMemberCompletely({ actor, memberId: parsed.data.memberId });
    revalidatePath("/users", "layout");
    const message = reset.extension ? `Extension ${reset.extension} was reset and is ready for a new employee` : "User reset completely";
    return { ok: true, message };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

export type BulkEditState = ActionResult<{ result: BulkEditResult }>;

/** Bulk Edit and the status acts of Bulk Action: the selection arrives as JSON (ids, or the query of "all N matching"). */
export async function bulkEditAction(_prev: BulkEditState | null, formData: FormData): Promise<BulkEditState> {
  const actor = await requireMemberActor();
  let selection: unknown;
  try {
    selection = JSON.parse(String(formData.get("selection") ?? ""));
  } catch {
    selection = undefined;
  }
  const parsed = bulkEditInput.safeParse({ ...Object.fromEntries(formData), selection });
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const result = await bulkEditMembers({ actor, input: parsed.data });
    revalidatePath("/users", "layout");
    const message = result.updated === 1 ? "1 user updated" : `${result.updated} users updated`;
    return { ok: true, message, result };
  } catch (error) {
    return actionFailure(error, formData);
  }
}
