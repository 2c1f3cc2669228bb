"use server";

import { z } from "zod";
import { actionFailure, invalidInput, type ActionFailure, type ActionResult } from "@/app/_lib/action-result";
import { requestOrigin } from "@/app/_lib/request";
import { currentActor } from "@/app/_lib/session";
import type { SupportActor } from "@/lib/actor";
import { sendLinkEmail } from "@/lib/onboarding/send-link-emails";
import { resendToCorrectedAddress } from "@/lib/support/member-help";
import { supportReason } from "@/lib/support/reason";

/**
 * The support console's two acts (SPEC §4.14): anyone else calling them is refused before anything is read. They
 * don't revalidate the page themselves: the dialog shows its popup first, then refreshes the page (a resend replaces
 * the panel the dialog was opened from, which would take the popup with it).
 */
async function supportActor(): Promise<SupportActor | ActionFailure> {
  const actor = await currentActor();
  if (actor?.kind === "support") return actor;
  return { ok: false, error: "Only support staff can send on a customer's behalf." };
}

const onBehalf = z.object({ memberId: z.uuid("This user doesn't exist"), reason: supportReason });

/** "Send Welcome Email" / "Send Password Reset" on a customer's behalf, with the reason the dialog asked for. */
export async function sendOnBehalfAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await supportActor();
  if ("ok" in actor) return actor;
  const parsed = onBehalf.extend({ purpose: z.enum(["invite", "reset"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const { name } = await sendLinkEmail({ actor, ...parsed.data, ...(await requestOrigin()) });
    return { ok: true, message: `Email successfully sent to ${name}` };
  } catch (error) {
    return actionFailure(error, formData);
  }
}

/** "Resend to a corrected address": the email that didn't arrive, again, now that the customer fixed the address. */
export async function resendToCorrectedAddressAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await supportActor();
  if ("ok" in actor) return actor;
  const parsed = onBehalf.extend({ messageId: z.uuid("This email doesn't exist") }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  try {
    const { name, to } = await resendToCorrectedAddress({ actor, ...parsed.data, ...(await requestOrigin()) });
    return { ok: true, message: `Email successfully sent to ${name} at ${to}` };
  } catch (error) {
    return actionFailure(error, formData);
  }
}
