"use client";

import { useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/app/_lib/action-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { PasswordFields } from "@/components/ui/password-fields";
import { setupAction } from "./actions";

export function SetupForm({ timeZones }: { timeZones: string[] }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(setupAction, null);
  const failed = state?.ok === false ? state : undefined;
  const form = useRef<HTMLFormElement>(null);
  // The browser knows the owner's time zone; the server can't. Start there; after an error keep what was chosen.
  const zoneSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zoneSelect.current && browserZone && timeZones.includes(browserZone)) zoneSelect.current.value = browserZone;
  }, [timeZones]);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(); // keyboard users land on the problem
  }, [state]);
  const zoneError = failed?.fieldErrors?.timeZone?.[0];

  return (
    <form ref={form} action={formAction} noValidate className="grid gap-5">
      <FormAlert message={failed?.error} />
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-base font-semibold">Your organization</legend>
        <Field name="organizationName" label="Organization name" autoComplete="organization" required result={failed} />
        <Field
          name="slug"
          label="Short name (optional)"
          hint="Used in login names, like 201@acme. Lower-case letters, digits and dashes; made from the name if left blank."
          autoCapitalize="none"
          spellCheck={false}
          result={failed}
        />
        <div className="grid gap-1">
          <label htmlFor="timeZone" className="text-sm font-medium text-slate-800">
            Time zone
          </label>
          <select
            id="timeZone"
            name="timeZone"
            ref={zoneSelect}
            key={failed?.values?.timeZone}
            defaultValue={failed?.values?.timeZone ?? "UTC"}
            aria-invalid={zoneError ? true : undefined}
            aria-describedby={zoneError ? "timeZone-error" : undefined}
            className="rounded-md border border-slate-300 bg-white px-3 py-2"
          >
            {[...new Set(["UTC", ...timeZones])].map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          {zoneError && (
            <p id="timeZone-error" className="text-sm text-red-700">
              {zoneError}
            </p>
          )}
        </div>
      </fieldset>
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-base font-semibold">You, the owner</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="firstName" label="First name" autoComplete="given-name" required result={failed} />
          <Field name="lastName" label="Last name" autoComplete="family-name" required result={failed} />
        </div>
        <Field name="email" label="Email" type="email" autoComplete="email" required result={failed} />
        <PasswordFields result={failed} minLength={15} />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your organization…" : "Create organization"}
      </Button>
    </form>
  );
}
