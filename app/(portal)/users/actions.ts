"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { actionFailure, echo, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { flash } from "@/app/_lib/flash";
import { requestOrigin } from "@/app/_lib/request";
import { requireMemberActor } from "@/app/_lib/session";
import { bulkEditMembers, type BulkEditResult } from "@/lib/members/bulk-edit-members";
import { createMember } from "@/lib/members/create-member";
import { fullName } from "@/lib/members/format";
import { parseUsersQuery, usersSearch } from "@/lib/members/users-query";
import { setMemberStatus } from "@/lib/members/member-status";
import { resetMemberCompletely } from "@/lib/members/reset-member-completely";
import { bulkEditInput, memberInput, memberSelection, updateMemberInput } from "@/lib/members/schemas";
import { emailsSentSuccessfully, planLinkEmails, sendLinkEmail, sendLinkEmails, type SendPlan, type SendResult } from "@/lib/onboarding/send-link-emails";
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
    const created = await createMember({ actor, input: parsed.data, ...(await requestOrigin()) });
    revalidatePath("/users");
    const message = !created.portalAccess
      ? `${fullName(created)} was created without portal access.`
      : created.confirmationSentAt
        ? `${fullName(created)} was created with login name ${created.loginName}. Email successfully sent.`
        : `${fullName(created)} was created with login name ${created.loginName}. They are Pending until they set a password.`;
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
    const updated = await updateMember({ actor, input: parsed.data, ...(await requestOrigin()) });
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
    await setMemberStatus({ actor, memberId: parsed.data.memberId, change: parsed.data.change, ...(await requestOrigin()) });
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
    const reset = await resetMemberCompletely({ actor, memberId: parsed.data.memberId, ...(await requestOrigin()) });
    revalidatePath("/users", "layout");
    const message = reset.extension ? `Extension ${reset.extension} was reset and is ready for a new employee` : "User reset completely";
    return { ok: true, message };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

export type BulkEditState = ActionResult<{ result: BulkEditResult }>;

/** The selection of a bulk form arrives as JSON (ids, or the query of "all N matching"). */
function selectionField(formData: FormData): unknown {
  try {
    return JSON.parse(String(formData.get("selection") ?? ""));
  } catch {
    return undefined;
  }
}

/** Bulk Edit and the status acts of Bulk Action. */
export async function bulkEditAction(_prev: BulkEditState | null, formData: FormData): Promise<BulkEditState> {
  const actor = await requireMemberActor();
  const parsed = bulkEditInput.safeParse({ ...Object.fromEntries(formData), selection: selectionField(formData) });
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const result = await bulkEditMembers({ actor, input: parsed.data, ...(await requestOrigin()) });
    revalidatePath("/users", "layout");
    const message = result.updated === 1 ? "1 user updated" : `${result.updated} users updated`;
    return { ok: true, message, result };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

const bulkSendInput = z.object({ selection: memberSelection, purpose: z.enum(["invite", "reset"], "Choose an action") });

/** Who "Send Welcome Email" / "Send Password Reset" would reach and skip, for the dialog before "Complete Action". */
export async function planBulkSendAction(input: unknown): Promise<ActionResult<{ plan: SendPlan }>> {
  const actor = await requireMemberActor();
  const parsed = bulkSendInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose who to send to and what to send." };
  try {
    return { ok: true, message: "", plan: await planLinkEmails({ actor, ...parsed.data }) };
  } catch (error) {
    return actionFailure(error, new FormData());
  }
}

export type BulkSendState = ActionResult<{ result: SendResult }>;

/** "Complete Action" with "Send Welcome Email" or "Send Password Reset" (SPEC §4.6): the popup counts what was queued. */
export async function bulkSendAction(_prev: BulkSendState | null, formData: FormData): Promise<BulkSendState> {
  const actor = await requireMemberActor();
  const parsed = bulkSendInput.safeParse({ purpose: formData.get("purpose"), selection: selectionField(formData) });
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const result = await sendLinkEmails({ actor, ...parsed.data, ...(await requestOrigin()) });
    revalidatePath("/users", "layout");
    if (!result.queued) return { ok: false, error: "No emails were sent: nobody in this selection can get one right now.", values: echo(formData) };
    return { ok: true, message: emailsSentSuccessfully(result.queued), result };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

/**
 * A member page's "Send Welcome Email" / "Send Password Reset" (SPEC §4.6, seed 002): back to the Users tab as the
 * manager left it (its search and filters, sent along by the page), with the popup "Email successfully sent to …".
 * The search is rebuilt from its parsed fields, so the browser can't send the redirect anywhere else.
 */
export async function sendMemberEmailAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = memberIdInput.extend({ purpose: z.enum(["invite", "reset"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  let name: string;
  try {
    ({ name } = await sendLinkEmail({ actor, ...parsed.data, ...(await requestOrigin()) }));
  } catch (error) {
    return actionFailure(error, formData);
  }
  revalidatePath("/users", "layout");
  await flash(`Email successfully sent to ${name}`);
  const cameFrom = formData.get("usersSearch");
  redirect(`/users${typeof cameFrom === "string" && cameFrom.startsWith("?") ? usersSearch(parseUsersQuery(new URLSearchParams(cameFrom))) : ""}`);
}
