"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { PasswordFields } from "@/components/ui/password-fields";
import { messagesFor } from "@/lib/i18n/messages";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import type { PasswordContext } from "@/lib/password-rules";
import type { Refusal } from "../_lib/refusal-cookie";
import { setPasswordAction, type SetPasswordState } from "../actions";
import { LinkProblem } from "./link-problem";

/**
 * "New password", "Confirm password" and, when none is set, "Voicemail PIN" (SPEC §4.7). Only this form's POST
 * consumes the link. If the link stopped working while the member typed (expired, used in another tab), the form
 * gives way to the page that says so.
 *
 * With JavaScript it calls the server action; without, the browser posts it to app/api/set-password (SPEC §7), whose
 * refusal comes back to the page as `refused`. After a refusal the fields keep what was typed (issue 15): it is no
 * secret from the person who just typed it, and it stays in their browser; the server never writes it back.
 */
export function SetPasswordForm({
  token,
  purpose,
  rules: { minLength, ...context },
  needsPin,
  refused,
  language,
  helpHref,
}: {
  token: string;
  purpose: LinkPurpose;
  /** What the server checks the password against (passwordContextOf), for the strength meter. */
  rules: PasswordContext;
  needsPin: boolean;
  /** The refusal of a POST made without JavaScript, to show as the action's would be. */
  refused?: Refusal | null;
  /** The member's language: every word of the form. */
  language: string;
  helpHref?: string;
}) {
  const t = messagesFor(language);
  const [state, formAction, pending] = useActionState<SetPasswordState | null, FormData>(setPasswordAction, refused ?? null);
  const form = useRef<HTMLFormElement>(null);
  const failed = state?.ok === false && !("linkState" in state) ? state : undefined;
  useEffect(() => {
    // Keyboard users land on the first field with a problem, with what they typed still in it.
    form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  if (state && "linkState" in state) return <LinkProblem state={state.linkState} purpose={purpose} token={token} language={language} helpHref={helpHref} />;
  return (
    <form
      ref={form}
      action="/api/set-password"
      method="post"
      noValidate
      className="grid gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        const submitted = event.currentTarget;
        // Called from a handler instead of as the form's action, which React would follow by emptying every field.
        startTransition(() => formAction(new FormData(submitted)));
      }}
    >
      {/* A refusal of one field is said beside it (and focused); the alert is for the rest. */}
      <FormAlert message={failed?.fieldErrors ? undefined : failed?.error} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="purpose" value={purpose} />
      <PasswordFields result={failed} minLength={minLength} label={t.password.newLabel} context={context} language={language}>
        {(type) =>
          needsPin && (
            <Field name="voicemailPin" label={t.pin.label} type={type} inputMode="numeric" autoComplete="off" required hint={t.pin.hint} result={failed} />
          )
        }
      </PasswordFields>
      <Button type="submit" disabled={pending}>
        {pending ? t.forms.saving : purpose === "invite" ? t.linkPage.setPassword : t.linkPage.changePassword}
      </Button>
    </form>
  );
}
