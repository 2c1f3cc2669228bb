import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/app/_lib/action-result";
import { flash } from "@/app/_lib/flash";
import { startSession } from "@/app/_lib/start-session";
import type { LinkState } from "@/lib/onboarding/links";
import { messagesFor } from "@/lib/i18n/messages";
import { LinkNotUsableError, setPasswordWithLink } from "@/lib/onboarding/set-password-with-link";

export type SetPasswordState = ActionResult | { ok: false; error: string; linkState: Exclude<LinkState, "valid"> };
export type SetPasswordRefusal = Extract<SetPasswordState, { ok: false }>;

const setPasswordInput = z.object({
  token: z.string().max(200),
  password: z.string().max(1024, "Use at most 128 characters."),
  confirmPassword: z.string().max(1024),
  voicemailPin: z.string().trim().max(20).optional(),
  purpose: z.enum(["invite", "reset"]),
});

/**
 * One submission of the set-password or reset-password form (SPEC §4.7, §4.8), for both ways it arrives: the server
 * action (with JavaScript) and the plain form POST (without, app/api/set-password/route.ts). A welcome link signs the
 * member in and lands on their home page; a reset ends every session and asks them to sign in with the new password,
 * as OWASP advises. Either where to go next, or the refusal to show on the form.
 */
export async function submitSetPassword(
  formData: FormData,
  { ip, userAgent, language }: { ip: string | null; userAgent: string | null; language: string },
): Promise<{ redirectTo: string } | { refused: SetPasswordRefusal }> {
  const words = messagesFor(language).forms;
  const parsed = setPasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { refused: invalidInput(parsed.error, formData, words) };
  const { token, purpose, ...input } = parsed.data;
  let done: Awaited<ReturnType<typeof setPasswordWithLink>>;
  try {
    done = await setPasswordWithLink({ purpose, input: { secret: token, ...input }, ip, userAgent, language });
  } catch (error) {
    if (error instanceof LinkNotUsableError) return { refused: { ok: false, error: error.message, linkState: error.state } };
    return { refused: actionFailure(error, formData, words) };
  }
  if (done.purpose === "reset") return { redirectTo: "/sign-in?reason=password-changed" };
  await startSession(done.claims);
  // A new employee's next step is "You're all set" (SPEC §4.9), in their language; a manager goes to work.
  if (done.role === "member") return { redirectTo: WELCOME_PATH };
  await flash(`Your password is set. Welcome to ${done.organizationName}!`);
  return { redirectTo: "/" };
}

/** "You're all set": where a new employee lands after their first password. */
export const WELCOME_PATH = "/welcome";
