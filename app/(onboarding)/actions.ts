"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { lineOfText } from "@/lib/validation";
import { actionFailure, echo, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { SIGN_IN_GRANT_PROVIDER, signIn } from "@/app/_lib/auth";
import { flash } from "@/app/_lib/flash";
import { clientIp } from "@/app/_lib/request";
import { createSignInGrant } from "@/app/_lib/sign-in-grant";
import { minutesText } from "@/lib/errors";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import type { LinkState } from "@/lib/onboarding/links";
import { requestNewLink, requestPasswordReset } from "@/lib/onboarding/request-link";
import { LinkNotUsableError, setPasswordWithLink } from "@/lib/onboarding/set-password-with-link";

export type SetPasswordState = ActionResult | { ok: false; error: string; linkState: Exclude<LinkState, "valid"> };

const setPasswordInput = z.object({
  token: z.string().max(200),
  password: z.string().max(1024, "Use at most 128 characters."),
  confirmPassword: z.string().max(1024),
  voicemailPin: z.string().trim().max(20).optional(),
  purpose: z.enum(["invite", "reset"]),
});

/**
 * The set-password and reset-password forms (SPEC §4.7, §4.8). A welcome link signs the member in and lands on their
 * home page; a reset ends every session and asks them to sign in with the new password, as OWASP advises.
 */
export async function setPasswordAction(_prev: SetPasswordState | null, formData: FormData): Promise<SetPasswordState> {
  const parsed = setPasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData);
  const { token, purpose, ...input } = parsed.data;
  let done: Awaited<ReturnType<typeof setPasswordWithLink>>;
  try {
    done = await setPasswordWithLink({ purpose, input: { secret: token, ...input }, ip: await clientIp() });
  } catch (error) {
    if (error instanceof LinkNotUsableError) return { ok: false, error: error.message, linkState: error.state };
    return actionFailure(error, formData);
  }
  if (done.purpose === "reset") redirect("/sign-in?reason=password-changed");
  await signIn(SIGN_IN_GRANT_PROVIDER, { grant: createSignInGrant(done.claims), redirect: false });
  await flash(`Your password is set. Welcome to ${done.organizationName}!`);
  redirect("/");
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
