"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { requestOrigin, type RequestOrigin } from "@/app/_lib/request";
import { requireMemberActor } from "@/app/_lib/session";
import { startSession } from "@/app/_lib/start-session";
import { getDb } from "@/db";
import {
  addEmailAddress,
  cancelEmailChange,
  makeEmailAddressPrimary,
  removeEmailAddress,
  requestEmailChange,
  resendEmailAddressLink,
  resendEmailChange,
} from "@/lib/account/email-addresses";
import { ownAccount } from "@/lib/account/own-account";
import { accountInputs, type AccountInputs } from "@/lib/account/schemas";
import { changePassword, changeVoicemailPin, signOutEverywhereElse } from "@/lib/account/security";
import { updateProfile } from "@/lib/account/update-profile";
import type { MemberActor } from "@/lib/actor";
import type { Messages } from "@/lib/i18n/messages";

export type AccountActionState = ActionResult;

/**
 * My Account's forms (SPEC §4.9). Each act is the signed-in member's on their own account: the member comes from the
 * session, never from the form, and every answer is in their language. The domain (lib/account) checks and audits.
 */
async function act<K extends keyof AccountInputs>(
  formData: FormData,
  form: K,
  run: (input: { actor: MemberActor; data: z.infer<AccountInputs[K]>; origin: RequestOrigin; t: Messages }) => Promise<string>,
): Promise<ActionResult> {
  const actor = await requireMemberActor();
  const { t } = await ownAccount(await getDb(), actor);
  const parsed = accountInputs(t)[form].safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData, t.forms);
  try {
    const message = await run({ actor, data: parsed.data as z.infer<AccountInputs[K]>, origin: await requestOrigin(), t });
    // The frame's language and name may have changed with the page.
    revalidatePath("/", "layout");
    return { ok: true, message };
  } catch (error) {
    return actionFailure(error, formData, t.forms);
  }
}

export async function saveProfileAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  // Said in the language just chosen.
  return act(formData, "profile", async ({ actor, data, origin }) => (await updateProfile({ actor, input: data, ...origin })).t.account.profile.saved);
}

export async function requestEmailChangeAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "email", async ({ actor, data, origin, t }) => t.account.primary.requested((await requestEmailChange({ actor, email: data.email, ...origin })).address));
}

export async function resendEmailChangeAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "none", async ({ actor, origin, t }) => t.account.primary.resent((await resendEmailChange({ actor, ...origin })).address));
}

export async function cancelEmailChangeAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "none", async ({ actor, origin, t }) => {
    await cancelEmailChange({ actor, ...origin });
    return t.account.primary.cancelled;
  });
}

export async function addEmailAddressAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "email", async ({ actor, data, origin, t }) => t.account.additional.added((await addEmailAddress({ actor, email: data.email, ...origin })).address));
}

export async function resendEmailAddressLinkAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "address", async ({ actor, data, origin, t }) => t.account.additional.resent((await resendEmailAddressLink({ actor, addressId: data.addressId, ...origin })).address));
}

export async function removeEmailAddressAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "address", async ({ actor, data, origin, t }) => t.account.additional.removed((await removeEmailAddress({ actor, addressId: data.addressId, ...origin })).address));
}

export async function makeEmailAddressPrimaryAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "address", async ({ actor, data, origin, t }) => t.account.additional.madePrimary((await makeEmailAddressPrimary({ actor, addressId: data.addressId, ...origin })).address));
}

export async function changePasswordAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "password", async ({ actor, data, origin, t }) => {
    const { sessionVersion } = await changePassword({ actor, input: data, ...origin });
    // Every session of the old version has ended: this browser goes on with one of the new.
    await startSession({ kind: "member", id: actor.memberId, sessionVersion });
    return t.account.password.saved;
  });
}

export async function changeVoicemailPinAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "pin", async ({ actor, data, origin, t }) => {
    await changeVoicemailPin({ actor, input: data, ...origin });
    return t.account.pin.saved;
  });
}

export async function signOutEverywhereElseAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return act(formData, "none", async ({ actor, origin, t }) => {
    const { sessionVersion } = await signOutEverywhereElse({ actor, ...origin });
    await startSession({ kind: "member", id: actor.memberId, sessionVersion });
    return t.account.sessions.done;
  });
}
