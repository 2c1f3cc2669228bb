"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { lineOfText } from "@/lib/validation";
import { actionFailure, type ActionResult } from "@/app/_lib/action-result";
import { flash } from "@/app/_lib/flash";
import { requestOrigin } from "@/app/_lib/request";
import { requireMemberActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { discardImport, startImport } from "@/lib/imports/check-import";
import { IMPORT_TYPES, importedListOf } from "@/lib/imports/columns";
import { importMembers } from "@/lib/imports/import-members";
import { formatCount, placesCountText } from "@/lib/members/format";
import { emailsSentSuccessfully, sendLinkEmails } from "@/lib/onboarding/send-link-emails";

const startInput = z.object({ type: z.enum(IMPORT_TYPES), fileName: lineOfText().min(1).max(500), size: z.number().int().min(0) });

/** A file was chosen: the job its upload and check report progress to (the upload itself goes to /api/imports/<id>). */
export async function startImportAction(input: unknown): Promise<ActionResult<{ jobId: string }>> {
  const actor = await requireMemberActor();
  const parsed = startInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose a user type and a file." };
  try {
    return { ok: true, message: "", ...(await startImport({ actor, ...parsed.data })) };
  } catch (error) {
    return actionFailure(error, new FormData());
  }
}

const checkbox = z.preprocess((v) => v === "on", z.boolean());
const importInput = z.object({ jobId: z.uuid(), sendActivation: checkbox, createPlaces: checkbox });

/**
 * "Import N members" (SPEC §4.5), or "Create them and import" when the file names new sites or teams (SPEC §4.15):
 * writes the checked rows, then, when "Send activation emails right away" was ticked,
 * sends them as the Users tab's bulk send does, and lands on the list that shows them (Pending, where the send's
 * progress shows, or No portal access).
 */
export async function importMembersAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = importInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: "This import doesn't exist. Choose the file again." };
  let message: string;
  let list: string;
  try {
    const { imported, memberIds, type, createdPlaces } = await importMembers({ actor, jobId: parsed.data.jobId, createPlaces: parsed.data.createPlaces, ...(await requestOrigin()) });
    list = importedListOf(type);
    message = `${formatCount(imported)} ${imported === 1 ? "member" : "members"} imported.`;
    const places = placesCountText(createdPlaces.sites, createdPlaces.teams);
    if (places) message += ` ${places} created.`;
    if (parsed.data.sendActivation && memberIds.length) {
      const sent = await sendLinkEmails({ actor, selection: { kind: "ids", ids: memberIds }, purpose: "invite", ...(await requestOrigin()) });
      message += ` ${emailsSentSuccessfully(sent.queued)}.`;
    }
  } catch (error) {
    return actionFailure(error, formData);
  }
  revalidatePath("/users", "layout");
  await flash(message);
  redirect(list);
}

/** "Choose another file": sets the checked file aside. */
export async function discardImportAction(jobId: unknown): Promise<void> {
  const actor = await requireMemberActor();
  const parsed = z.uuid().safeParse(jobId);
  if (parsed.success) await discardImport(await getDb(), actor, parsed.data);
  revalidatePath("/users/import");
}
