"use client";

import { useId, useState } from "react";
import type { ActionFailure } from "@/app/_lib/action-result";
import { Field } from "./field";

/**
 * "Password" and "Confirm password", with paste allowed and a "Show password" switch (SPEC §6). The rules are stated
 * up front, so nobody has to guess them from an error.
 */
export function PasswordFields({ result, minLength, label = "Password" }: { result?: ActionFailure; minLength: number; label?: string }) {
  const [shown, setShown] = useState(false);
  const toggle = useId();
  const type = shown ? "text" : "password";
  return (
    <div className="grid gap-4">
      <Field
        name="password"
        label={label}
        type={type}
        autoComplete="new-password"
        required
        hint={`At least ${minLength} characters. A phrase of several unrelated words is easy to remember and hard to guess.`}
        result={result}
      />
      <Field name="confirmPassword" label="Confirm password" type={type} autoComplete="new-password" required result={result} />
      <label htmlFor={toggle} className="flex items-center gap-2 text-sm text-slate-700">
        <input id={toggle} type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} className="size-4" />
        Show password
      </label>
    </div>
  );
}
