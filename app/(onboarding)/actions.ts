"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { lineOfText } from "@/lib/validation";
import { actionFailure, echo, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { currentActor } from "@/app/_lib/session";
import { confirmEmailWithLink, EmailLinkNotUsableError, OtherAccountError, undoEmailChangeWithLink } from "@/lib/account/email-links";
import type { LinkState } from "@/lib/onboarding/links";
import { browserLanguage } from "@/app/_lib/language";
import { requestOrigin, type RequestOrigin } from "@/app/_lib/request";
import { catalogueLanguage, messagesFor, pauseWords, type Messages } from "@/lib/i18n/language";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import { requestNewLink, requestPasswordReset } from "@/lib/onboarding/request-link";
import { submitSetPassword, type SetPasswordState } from "./_lib/submit-set-password";

export type { SetPasswordState } from "./_lib/submit-set-password";

/** The set-password and reset-password forms, with JavaScript (app/(onboarding)/_lib/submit-set-password.ts). */
export async function setPasswordAction(_prev: SetPasswordState | null, formData: FormData): Promise<SetPasswordState> {
  const outcome = await submitSetPassword(formData, { ...(await requestOrigin()), language: await browserLanguage() });
  if ("refused" in outcome) return outcome.refused;
  redirect(outcome.redirectTo);
}

export type LinkRequestState = ActionResult | null;

/** The same words whatever happened (SPEC §6): whether an account exists or got an email is never told. */
const sent = (t: Messages) => ({ ok: true as const, message: t.linkPage.newLinkSent });
const throttled = (t: Messages, seconds: number) => ({ ok: false as const, error: t.forms.tooManyRequests(pauseWords(t, seconds)) });

/** "Send me a new link" on an expired, used or replaced link's page (SPEC §4.7), answered in the page's language. */
export async function requestNewLinkAction(_prev: LinkRequestState, formData: FormData): Promise<LinkRequestState> {
  const language = catalogueLanguage(String(formData.get("language") ?? "")) ?? (await browserLanguage());
  const t = messagesFor(language);
  const parsed = z.object({ token: z.string().max(200), purpose: z.enum(["invite", "reset"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return sent(t);
  const outcome = await requestNewLink({ secret: parsed.data.token, purpose: parsed.data.purpose as LinkPurpose, ...(await requestOrigin()) });
  return outcome.ok ? sent(t) : throttled(t, outcome.retryAfterSeconds);
}

/** "Forgot your password?" (SPEC §4.8), in the browser's language. */
export async function forgotPasswordAction(_prev: LinkRequestState, formData: FormData): Promise<LinkRequestState> {
  const t = messagesFor(await browserLanguage());
  const words = t.forgotPassword;
  const parsed = z
    .object({ identifier: lineOfText(words.identifierRequired, t.forms).min(1, words.identifierRequired).max(320, words.identifierTooLong) })
    .safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error, formData, t.forms);
  const outcome = await requestPasswordReset({ identifier: parsed.data.identifier, ...(await requestOrigin()) });
  return outcome.ok ? sent(t) : { ...throttled(t, outcome.retryAfterSeconds), values: echo(formData) };
}

/** What a link page about an address answers: done, the link's problem, or someone else signed in. */
export type EmailLinkState =
  | { ok: true; address: string; confirms: "primary" | "additional" | "undo" }
  | { ok: false; error: string; linkState?: Exclude<LinkState, "valid">; signedInAs?: string };

/**
 * "Confirm email address" on a verification link's page (SPEC §4.9): only this POST uses the link. The member signed in
 * here, if any, must be the link's own; answered in the member's language.
 */
export async function confirmEmailAction(_prev: EmailLinkState | null, formData: FormData): Promise<EmailLinkState> {
  const signedIn = await currentActor();
  return emailLinkAct(formData, async (secret, origin) => {
    const who = signedIn && { memberId: signedIn.kind === "member" ? signedIn.memberId : null, name: signedIn.name };
    const done = await confirmEmailWithLink({ secret, ...origin, signedIn: who });
    return { ok: true, address: done.address, confirms: done.confirms };
  });
}

/** "This wasn't me" on the page of a change notice's link (SPEC §4.9). */
export async function undoEmailChangeAction(_prev: EmailLinkState | null, formData: FormData): Promise<EmailLinkState> {
  return emailLinkAct(formData, async (secret, origin) => {
    const done = await undoEmailChangeWithLink({ secret, ...origin });
    return { ok: true, address: done.address, confirms: "undo" };
  });
}

async function emailLinkAct(formData: FormData, run: (secret: string, origin: RequestOrigin) => Promise<EmailLinkState>): Promise<EmailLinkState> {
  const t = messagesFor(catalogueLanguage(String(formData.get("language") ?? "")) ?? (await browserLanguage()));
  const secret = String(formData.get("token") ?? "").slice(0, 200);
  try {
    return await run(secret, await requestOrigin());
  } catch (error) {
    if (error instanceof EmailLinkNotUsableError) return { ok: false, error: error.message, linkState: error.state };
    if (error instanceof OtherAccountError) return { ok: false, error: error.message, signedInAs: error.signedInAs };
    return { ok: false, error: actionFailure(error, formData, t.forms).error };
  }
}
