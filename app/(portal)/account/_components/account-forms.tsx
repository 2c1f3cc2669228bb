"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { describedByOf, Field, FieldMessages } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { PasswordFields } from "@/components/ui/password-fields";
import { SelectField } from "@/components/ui/select-field";
import { TimeZoneField } from "@/components/ui/time-zone-field";
import { useToastedAction } from "@/components/use-toasted-action";
import type { AdditionalEmail } from "@/lib/account/own-account";
import { messagesFor } from "@/lib/i18n/messages";
import type { PasswordContext } from "@/lib/password-rules";
import {
  addEmailAddressAction,
  cancelEmailChangeAction,
  changePasswordAction,
  changeVoicemailPinAction,
  makeEmailAddressPrimaryAction,
  removeEmailAddressAction,
  requestEmailChangeAction,
  resendEmailAddressLinkAction,
  resendEmailChangeAction,
  saveProfileAction,
  signOutEverywhereElseAction,
  type AccountActionState,
} from "../actions";

type AccountAction = (previous: AccountActionState | null, formData: FormData) => Promise<AccountActionState>;

/**
 * One form of My Account: its action, a popup with the answer when it succeeds (SPEC §4), the refusal at the top and
 * beside its fields when it doesn't, and keyboard users taken to the first field with a problem.
 */
function useAccountForm(action: AccountAction) {
  const { state, formAction, pending, failed } = useToastedAction(action, () => {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok === false) form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  return { state, formAction, pending, failed, form };
}

export function ProfileForm({
  language,
  values,
  languages,
  organizationDefaults,
  timeZones,
}: {
  language: string;
  values: { firstName: string; lastName: string; language: string; timeZone: string; listedInDirectory: boolean };
  languages: { value: string; label: string }[];
  organizationDefaults: { language: string; timeZone: string };
  timeZones: string[];
}) {
  const t = messagesFor(language);
  const words = t.account.profile;
  const { state, formAction, pending, failed, form } = useAccountForm(saveProfileAction);
  // What was typed survives a refusal; after a save, the values saved. The form is drawn again for either, since
  // React's reset would put a select back to its first default.
  const value = (name: keyof typeof values) => failed?.values?.[name] ?? String(values[name]);
  const listed = failed ? failed.values?.listedInDirectory === "on" : values.listedInDirectory;
  return (
    <form ref={form} key={JSON.stringify([values, state])} action={formAction} noValidate className="grid gap-4">
      <FormAlert message={failed?.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="firstName" label={words.firstName} autoComplete="given-name" required defaultValue={value("firstName")} result={failed} />
        <Field name="lastName" label={words.lastName} autoComplete="family-name" required defaultValue={value("lastName")} result={failed} />
      </div>
      <SelectField
        name="language"
        label={words.language}
        hint={words.languageHint}
        defaultValue={value("language")}
        options={[{ value: "", label: words.organizationDefault(organizationDefaults.language) }, ...languages]}
        result={failed}
      />
      <TimeZoneField
        name="timeZone"
        label={words.timeZone}
        hint={`${words.timeZoneHint} ${words.timeZoneEmpty(organizationDefaults.timeZone)}`}
        placeholder={organizationDefaults.timeZone.replaceAll("_", " ")}
        defaultValue={value("timeZone")}
        timeZones={timeZones}
        result={failed}
      />
      <Checkbox name="listedInDirectory" label={words.directory} hint={words.directoryHint} defaultChecked={listed} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t.forms.saving : words.save}
        </Button>
      </div>
    </form>
  );
}

/** A checkbox whose name is its label alone; what it means is its description (aria-describedby). */
function Checkbox({ name, label, hint, defaultChecked }: { name: string; label: string; hint: string; defaultChecked: boolean }) {
  return (
    <div className="flex items-start gap-3">
      <input id={name} name={name} type="checkbox" defaultChecked={defaultChecked} aria-describedby={describedByOf(name, undefined, hint)} className="mt-1 size-4" />
      <div className="grid gap-0.5">
        <label htmlFor={name} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <FieldMessages id={name} hint={hint} />
      </div>
    </div>
  );
}

export function PrimaryEmail({ language, current, pending }: { language: string; current: string | null; pending: { address: string; until: string | null } | null }) {
  const t = messagesFor(language);
  const words = t.account.primary;
  // Here, not in the box they sit in: "Cancel" takes the box away, and its answer must still be said.
  const resend = useAct(resendEmailChangeAction);
  const cancel = useAct(cancelEmailChangeAction);
  return (
    <div className="grid gap-4">
      <dl className="grid gap-1">
        <dt className="text-sm font-medium text-slate-800">{words.current}</dt>
        <dd className="text-base text-slate-900 [overflow-wrap:anywhere]">{current ?? words.none}</dd>
        <dd className="text-sm text-slate-600">{words.hint}</dd>
      </dl>
      {pending && (
        <div role="status" className="grid gap-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-medium [overflow-wrap:anywhere]">{words.waiting(pending.address)}</p>
          {pending.until && <p>{words.waitingHint(pending.until)}</p>}
          <div className="flex flex-wrap gap-2">
            <ActButton act={resend} label={words.resend} busy={t.forms.sending} />
            <ActButton act={cancel} label={words.cancel} busy={t.forms.saving} />
          </div>
        </div>
      )}
      <FormAlert message={resend.error ?? cancel.error} />
      <AddressForm action={requestEmailChangeAction} id="email" label={words.newAddress} hint={words.changeHint} button={words.change} sending={t.forms.sending} />
    </div>
  );
}

export function AdditionalEmails({ language, addresses }: { language: string; addresses: AdditionalEmail[] }) {
  const t = messagesFor(language);
  const words = t.account.additional;
  // Here, not in the rows: "Remove" and "Make primary" take the row away, and their answer must still be said.
  const resend = useAct(resendEmailAddressLinkAction);
  const makePrimary = useAct(makeEmailAddressPrimaryAction);
  const remove = useAct(removeEmailAddressAction);
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600">{words.hint}</p>
      <FormAlert message={resend.error ?? makePrimary.error ?? remove.error} />
      {addresses.length === 0 ? (
        <p className="text-sm text-slate-700">{words.none}</p>
      ) : (
        <ul className="grid gap-2">
          {addresses.map((address) => (
            <li key={address.id} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_auto] sm:items-center">
              <div className="grid min-w-0 gap-1">
                <span className="text-sm text-slate-900 [overflow-wrap:anywhere]">{address.email}</span>
                <span
                  className={`w-fit rounded-full px-2 py-0.5 text-xs font-medium ${address.verified ? "bg-green-50 text-green-800 ring-1 ring-green-200" : "bg-amber-50 text-amber-900 ring-1 ring-amber-200"}`}
                >
                  {address.verified ? words.verified : words.waiting}
                </span>
              </div>
              <div role="group" aria-label={words.actionsFor(address.email)} className="flex flex-wrap gap-2">
                {address.verified ? (
                  <ActButton act={makePrimary} label={words.makePrimary} busy={t.forms.saving} fields={{ addressId: address.id }} />
                ) : (
                  <ActButton act={resend} label={words.resend} busy={t.forms.sending} fields={{ addressId: address.id }} />
                )}
                <ActButton act={remove} label={words.remove} busy={t.forms.saving} fields={{ addressId: address.id }} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {addresses.length >= 4 ? (
        <p className="text-sm text-slate-700">{words.full}</p>
      ) : (
        <AddressForm action={addEmailAddressAction} id="additional-email" label={words.add} button={words.addButton} sending={t.forms.sending} />
      )}
    </div>
  );
}

/** One email address to type and send a link to: a new primary address, or one more. */
function AddressForm({ action, id, label, hint, button, sending }: { action: AccountAction; id: string; label: string; hint?: string; button: string; sending: string }) {
  const { formAction, pending, failed, form } = useAccountForm(action);
  return (
    <form ref={form} action={formAction} noValidate className="grid gap-3">
      <FormAlert message={failed?.fieldErrors ? undefined : failed?.error} />
      <Field name="email" id={id} type="email" label={label} autoComplete="email" hint={hint} result={failed} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? sending : button}
        </Button>
      </div>
    </form>
  );
}

export function PasswordForm({ language, minLength, context }: { language: string; minLength: number; context: Omit<PasswordContext, "minLength"> }) {
  const t = messagesFor(language);
  const words = t.account.password;
  const { formAction, pending, failed, form } = useAccountForm(changePasswordAction);
  return (
    <form ref={form} action={formAction} noValidate className="grid gap-4">
      <p className="text-sm text-slate-600">{words.hint}</p>
      <FormAlert message={failed?.fieldErrors ? undefined : failed?.error} />
      <Field name="currentPassword" type="password" label={words.current} autoComplete="current-password" required result={failed} />
      <PasswordFields result={failed} minLength={minLength} label={t.password.newLabel} context={context} language={language} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t.forms.saving : words.save}
        </Button>
      </div>
    </form>
  );
}

export function PinForm({ language, hasPin }: { language: string; hasPin: boolean }) {
  const t = messagesFor(language);
  const words = t.account.pin;
  const { formAction, pending, failed, form } = useAccountForm(changeVoicemailPinAction);
  return (
    <form ref={form} action={formAction} noValidate className="grid gap-4">
      <p className="text-sm text-slate-700">{hasPin ? words.isSet : words.notSet}</p>
      <FormAlert message={failed?.fieldErrors ? undefined : failed?.error} />
      <Field name="voicemailPin" type="password" label={t.pin.newLabel} inputMode="numeric" autoComplete="off" required hint={t.pin.hint} result={failed} />
      <Field name="password" id="pin-password" type="password" label={words.password} autoComplete="current-password" required hint={words.passwordHint} result={failed} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t.forms.saving : words.save}
        </Button>
      </div>
    </form>
  );
}

export function SessionsForm({ language }: { language: string }) {
  const t = messagesFor(language);
  const signOutElsewhere = useAct(signOutEverywhereElseAction);
  return (
    <div className="grid gap-3">
      <p className="text-sm text-slate-700">{t.account.sessions.intro}</p>
      <FormAlert message={signOutElsewhere.error} />
      <ActButton act={signOutElsewhere} label={t.account.sessions.signOutElsewhere} busy={t.forms.saving} />
    </div>
  );
}

/** An act of one button (Resend, Remove, Make primary…): its popup on success, its refusal to say on failure. */
function useAct(action: AccountAction) {
  const { formAction, pending, failed } = useToastedAction(action, () => {});
  return { formAction, pending, error: failed?.error };
}

/** The button of an act, in a form of its own; `fields` say what it acts on (an address). */
function ActButton({ act, label, busy, fields = {} }: { act: ReturnType<typeof useAct>; label: ReactNode; busy: string; fields?: Record<string, string> }) {
  return (
    <form action={act.formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant="secondary" disabled={act.pending}>
        {act.pending ? busy : label}
      </Button>
    </form>
  );
}
