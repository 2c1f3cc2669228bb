"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { TimeZoneField } from "@/components/ui/time-zone-field";
import { useToastedAction } from "@/components/use-toasted-action";
import { durationText } from "@/lib/organizations/duration";
import { saveOrganizationSettingsAction } from "../actions";

type Values = {
  name: string;
  senderName: string;
  replyTo: string;
  inviteLinkDays: number;
  resetLinkMinutes: number;
  minPasswordLength: number;
  defaultLanguage: string;
  defaultTimeZone: string;
};
type Bounds = Record<"inviteLinkDays" | "resetLinkMinutes" | "minPasswordLength", { min: number; max: number }>;

/**
 * The owner's settings form. After a save React resets the form to the saved values the page now passes; the selects
 * are remounted for it (React's reset keeps a select's first default).
 */
export function SettingsForm({
  settings,
  senderAddress,
  languages,
  timeZones,
  bounds,
}: {
  settings: Values;
  senderAddress: string;
  languages: { value: string; label: string }[];
  timeZones: string[];
  bounds: Bounds;
}) {
  const { state, formAction, pending, failed } = useToastedAction(saveOrganizationSettingsAction, () => {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok === false) form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus(); // keyboard users land on the problem
  }, [state]);
  // What was typed survives a refused save; otherwise the saved value.
  const value = (name: keyof Values) => failed?.values?.[name] ?? String(settings[name]);
  const [senderName, setSenderName] = useState(value("senderName"));
  const [resetMinutes, setResetMinutes] = useState(value("resetLinkMinutes"));
  const resetMinutesNumber = Number(resetMinutes);
  const resetInWords =
    Number.isInteger(resetMinutesNumber) && resetMinutesNumber >= bounds.resetLinkMinutes.min && resetMinutesNumber <= bounds.resetLinkMinutes.max
      ? ` That is ${durationText(resetMinutesNumber)}.`
      : "";

  return (
    <form ref={form} action={formAction} noValidate className="grid gap-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <FormAlert message={failed?.error} />
      <Section title="Your organization">
        <Field name="name" label="Organization name" autoComplete="organization" required defaultValue={value("name")} result={failed} />
      </Section>

      <Section title="Emails">
        <Field
          name="senderName"
          label="Sender name"
          required
          defaultValue={value("senderName")}
          onChange={(e) => setSenderName(e.target.value)}
          result={failed}
          hint={
            <>
              Emails arrive from <span className="font-medium text-slate-800">{`${senderName.trim() || "…"} <${senderAddress}>`}</span>. The address is set
              by your provider.
            </>
          }
        />
        <Field
          name="replyTo"
          label="Reply-to address (optional)"
          type="email"
          autoComplete="email"
          defaultValue={value("replyTo")}
          result={failed}
          hint={`Where replies to your emails go, for example your front desk. Leave it empty and replies go to ${senderAddress}.`}
        />
      </Section>

      <Section title="Links and passwords" intro="Links already sent keep the time they were sent with; the next emails use what you save here.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="inviteLinkDays"
            label="Welcome links work for (days)"
            type="number"
            inputMode="numeric"
            min={bounds.inviteLinkDays.min}
            max={bounds.inviteLinkDays.max}
            required
            defaultValue={value("inviteLinkDays")}
            result={failed}
            hint={`${bounds.inviteLinkDays.min} to ${bounds.inviteLinkDays.max} days.`}
          />
          <Field
            name="resetLinkMinutes"
            label="Password reset links work for (minutes)"
            type="number"
            inputMode="numeric"
            min={bounds.resetLinkMinutes.min}
            max={bounds.resetLinkMinutes.max}
            required
            defaultValue={value("resetLinkMinutes")}
            onChange={(e) => setResetMinutes(e.target.value)}
            result={failed}
            hint={`${bounds.resetLinkMinutes.min} minutes to 24 hours (${bounds.resetLinkMinutes.max} minutes).${resetInWords}`}
          />
        </div>
        <Field
          name="minPasswordLength"
          label="Minimum password length (characters)"
          type="number"
          inputMode="numeric"
          min={bounds.minPasswordLength.min}
          max={bounds.minPasswordLength.max}
          required
          defaultValue={value("minPasswordLength")}
          result={failed}
          hint={`${bounds.minPasswordLength.min} to ${bounds.minPasswordLength.max}. Applies when someone next sets a password; passwords already set keep working.`}
        />
      </Section>

      <Section title="New members" intro="A member who hasn't chosen their own gets these, in their emails and pages.">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            key={`language-${value("defaultLanguage")}`}
            name="defaultLanguage"
            label="Default language"
            defaultValue={value("defaultLanguage")}
            options={languages}
            result={failed}
          />
          <TimeZoneField
            name="defaultTimeZone"
            label="Default time zone"
            hint="Type a city to search, for example Chicago or Berlin."
            required
            defaultValue={value("defaultTimeZone")}
            timeZones={timeZones}
            result={failed}
          />
        </div>
      </Section>

      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-base font-semibold text-slate-900">{title}</legend>
      {intro && <p className="text-sm text-slate-600">{intro}</p>}
      {children}
    </fieldset>
  );
}
