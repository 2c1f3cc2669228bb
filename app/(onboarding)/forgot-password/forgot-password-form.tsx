"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { messagesFor } from "@/lib/i18n/messages";
import { forgotPasswordAction, type LinkRequestState } from "../actions";

export function ForgotPasswordForm({ language }: { language: string }) {
  const t = messagesFor(language);
  const words = t.forgotPassword;
  const [state, formAction, pending] = useActionState<LinkRequestState, FormData>(forgotPasswordAction, null);
  const failed = state?.ok === false ? state : undefined;
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (failed) field.current?.focus();
  }, [failed]);
  if (state?.ok) {
    return (
      <div className="grid gap-4">
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {state.message}
        </p>
        <p className="text-sm text-slate-700">
          {words.nothingYet}{" "}
          <Link href="/help" className="font-medium text-blue-800 underline">
            {t.linkPage.didntGetEmail}
          </Link>
        </p>
        <Link href="/sign-in" className="text-sm font-medium text-blue-800 underline">
          {words.backToSignIn}
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormAlert message={failed?.error} />
      <Field ref={field} name="identifier" label={words.identifier} autoComplete="username" autoCapitalize="none" spellCheck={false} required result={failed} />
      <Button type="submit" disabled={pending}>
        {pending ? t.forms.sending : words.send}
      </Button>
      <Link href="/sign-in" className="text-sm font-medium text-blue-800 underline">
        {words.backToSignIn}
      </Link>
    </form>
  );
}
