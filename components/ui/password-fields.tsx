"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { ActionFailure } from "@/app/_lib/action-result";
import { messagesFor } from "@/lib/i18n/messages";
import type { PasswordContext } from "@/lib/password-rules";
import { Field } from "./field";
import { PasswordStrength } from "./password-strength";

/**
 * "Password" and "Confirm password", with paste allowed and a "Show password" switch (SPEC §6). The rules are stated
 * up front, so nobody has to guess them from an error, and the strength meter applies them while typing. Extra
 * fields that the switch should also show (a voicemail PIN) are rendered by `children(type)`.
 */
export function PasswordFields({
  result,
  minLength,
  label,
  context,
  language = "en",
  children,
}: {
  result?: ActionFailure;
  minLength: number;
  label?: string;
  /** What the password must not contain (login name, email, names) for the strength meter. */
  context?: Omit<PasswordContext, "minLength">;
  /** The reader's language: the labels, the hints and the meter's words (lib/i18n). */
  language?: string;
  children?: (type: "text" | "password") => React.ReactNode;
}) {
  const t = messagesFor(language).password;
  const [shown, setShown] = useState(false);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const toggle = useId();
  const type = shown ? "text" : "password";
  const [strengthContext] = useState(() => ({ minLength, ...context }));
  // React empties the form after each submission: the meter and the match hint must forget what was typed too.
  const passwordInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const form = passwordInput.current?.form;
    const forget = () => {
      setPassword("");
      setConfirm("");
    };
    form?.addEventListener("reset", forget);
    return () => form?.removeEventListener("reset", forget);
  }, []);
  return (
    <div className="grid gap-4">
      <Field
        ref={passwordInput}
        name="password"
        label={label ?? t.label}
        type={type}
        autoComplete="new-password"
        required
        onChange={(e) => setPassword(e.target.value)}
        hint={
          <>
            {t.hint(minLength)}
            <span className="mt-2 block">
              <PasswordStrength id="password-strength" password={password} context={strengthContext} language={language} />
            </span>
          </>
        }
        result={result}
      />
      <Field
        name="confirmPassword"
        label={t.confirmLabel}
        type={type}
        autoComplete="new-password"
        required
        onChange={(e) => setConfirm(e.target.value)}
        hint={confirm && password ? (confirm === password ? t.match : t.noMatchYet) : undefined}
        result={result}
      />
      {children?.(type)}
      <label htmlFor={toggle} className="flex items-center gap-2 text-sm text-slate-700">
        <input id={toggle} type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} className="size-4" />
        {t.show}
      </label>
    </div>
  );
}
