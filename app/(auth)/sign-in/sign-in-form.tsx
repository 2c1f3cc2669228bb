"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(signInAction, null);
  const failed = state?.ok === false ? state : undefined;
  const [shown, setShown] = useState(false);
  const toggle = useId();
  const password = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // After a failed attempt the name is kept and the cursor waits in the empty password field.
    if (failed) (document.querySelector<HTMLElement>("form [aria-invalid=true]") ?? password.current)?.focus();
  }, [failed]);
  return (
    <form action={formAction} noValidate className="grid gap-4">
      <FormAlert message={failed?.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field name="identifier" label="Login name or email" autoComplete="username" autoCapitalize="none" spellCheck={false} required result={failed} />
      <Field ref={password} name="password" label="Password" type={shown ? "text" : "password"} autoComplete="current-password" required result={failed} />
      <label htmlFor={toggle} className="flex items-center gap-2 text-sm text-slate-700">
        <input id={toggle} type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} className="size-4" />
        Show password
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <Link href="/forgot-password" className="text-sm font-medium text-blue-800 underline">
        Forgot your password?
      </Link>
    </form>
  );
}
