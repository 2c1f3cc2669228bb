"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { lineOfText } from "@/lib/validation";
import { echo, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { clientIp } from "@/app/_lib/request";
import { minutesText } from "@/lib/errors";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import { requestNewLink, requestPasswordReset } from "@/lib/onboarding/request-link";
import { submitSetPassword, type SetPasswordState } from "./_lib/submit-set-password";

export type { SetPasswordState } from "./_lib/submit-set-password";

/** The set-password and reset-password forms, with JavaScript (app/(onboarding)/_lib/submit-set-password.ts). */
export async function setPasswordAction(_prev: SetPasswordState | null, formData: FormData): Promise<SetPasswordState> {
  const outcome = await submitSetPassword(formData, await clientIp());
  if ("refused" in outcome) return outcome.refused;
  redirect(outcome.redirectTo);
}

export type LinkRequestState = ActionResult | null;

/** The same words whatever happened (SPEC §6): whether an account exists or got an email is never told. */
const SENT = "If that matches an account, a link is on its way to the email address on file. It can take a few minutes: check your spam folder too.";
const throttled = (seconds: number) => ({ ok: false as const, error: `Too many requests. Try again in ${minutesText(seconds)}.` });

/** "Send me a new link" on an expired, used or replaced link's page (SPEC §4.7). */
export async function requestNewLinkAction(_prev: LinkRequestState, formData: FormData): Promise<LinkRequestState> {
  const parsed = z.object({ token: z.string().max(200), purpose: z.enum(["invite", "reset"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: true, message: SENT };
  const outcome = await requestNewLink({ secret: parsed.data.token, purpose: parsed.data.purpose as LinkPurpose, ip: await clientIp() });
  return outcome.ok ? { ok: true, message: SENT } : throttled(outcome.retryAfterSeconds);
}

const forgotInput = z.object({
  identifier: lineOfText().min(1, "Enter your login name or email").max(320, "That is too long to be a login name or email"),
});

/** "Forgot your password?" (SPEC §4.8). */
export async function forgotPasswordAction(_prev: LinkRequestState, formData: FormData): Promise<LinkRequestState> {
  const parsed = forgotInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  const outcome = await requestPasswordReset({ identifier: parsed.data.identifier, ip: await clientIp() });
  return outcome.ok ? { ok: true, message: SENT } : { ...throttled(outcome.retryAfterSeconds), values: echo(formData) };
}
