"use server";

import { revalidatePath } from "next/cache";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { clientIp } from "@/app/_lib/request";
import { requireMemberActor } from "@/app/_lib/session";
import { organizationSettingsInput, updateOrganizationSettings } from "@/lib/organizations/settings";

/** "Save settings" on Organization → Settings (SPEC §2): owners only, every field checked against its bounds. */
export async function saveOrganizationSettingsAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const parsed = organizationSettingsInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const { changes } = await updateOrganizationSettings({ actor, input: parsed.data, ip: await clientIp() });
    revalidatePath("/", "layout"); // the header shows the organization's name
    return { ok: true, message: Object.keys(changes).length ? "Organization settings saved" : "Nothing to save: the settings were already like this" };
  } catch (error) {
    return actionFailure(error, formData);
  }
}
