"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { requestOrigin } from "@/app/_lib/request";
import { requireMemberActor } from "@/app/_lib/session";
import { setWelcomeOnProvision } from "@/lib/scim/directory-sync";
import { createDirectoryToken, revokeDirectoryToken } from "@/lib/scim/tokens";
import { lineOfText } from "@/lib/validation";

const PATH = "/organization/directory-sync";

const tokenName = z.object({ name: lineOfText("Name the token after the directory that uses it").min(1, "Name the token after the directory that uses it").max(60, "Use at most 60 characters") });

/** "Make a token": the token comes back once, for the dialog that shows it; only its hash is kept. */
export async function createDirectoryTokenAction(_prev: ActionResult<{ token: string; name: string }> | null, formData: FormData): Promise<ActionResult<{ token: string; name: string }>> {
  const actor = await requireMemberActor();
  const parsed = tokenName.safeParse({ name: formData.get("name") ?? "" });
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const { token, name } = await createDirectoryToken({ actor, name: parsed.data.name, ...(await requestOrigin()) });
    revalidatePath(PATH);
    return { ok: true, message: `Token “${name}” made: copy it now`, token, name };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

/**
 * Doesn't revalidate the page itself: the revoked row loses the button its dialog lives in, which would take the
 * popup with it. The dialog shows the popup first, then refreshes the page.
 */
export async function revokeDirectoryTokenAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  try {
    const revoked = await revokeDirectoryToken({ actor, tokenId: formData.get("tokenId"), ...(await requestOrigin()) });
    return { ok: true, message: `Token “${revoked.name}” revoked: its next request will be refused` };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

export async function saveWelcomeOnProvisionAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await requireMemberActor();
  try {
    const changed = await setWelcomeOnProvision({ actor, on: formData.get("welcomeOnProvision") === "on", ...(await requestOrigin()) });
    revalidatePath(PATH);
    return { ok: true, message: changed ? "Directory sync settings saved" : "Nothing to save: the setting was already like this" };
  } catch (error) {
    return actionFailure(error, formData);
  }
}
