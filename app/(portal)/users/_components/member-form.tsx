"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { useToastedAction } from "@/components/use-toasted-action";
import { proposeLoginName } from "@/lib/members/login-name";
import { createMemberAction, updateMemberAction } from "../actions";

type Option = { id: string; name: string };
export type MemberFormValues = {
  id: string;
  portalAccess: boolean;
  firstName: string;
  lastName: string;
  extension: string;
  loginName: string;
  email: string;
  /** The saved address bounced or was marked as spam. */
  emailProblem?: "bounced" | "complained" | null;
  role: string;
  siteId: string;
  department: string;
  teamId: string;
  directNumber: string;
  managedSiteIds: string[];
  supervisedTeamIds: string[];
};

/**
 * Create (SPEC §4.4, seed 004) and the Profile tab share one form: "Portal Access" or "No Portal Access", the name,
 * extension, role, email, site, department, team and direct number. Only roles the actor may grant are offered.
 */
export function MemberForm({
  member,
  organizationSlug,
  sites,
  allSites,
  teams,
  roles,
  roleLocked,
  directory,
}: {
  member?: MemberFormValues;
  organizationSlug: string;
  /** Sites a member may be placed on by this actor (a site manager: their own). */
  sites: Option[];
  /** Every site, for the sites a site manager manages. */
  allSites: Option[];
  teams: Option[];
  roles: { value: string; label: string }[];
  /** The member's role, shown but not changeable by this actor. */
  roleLocked?: { value: string; label: string };
  /** The directory that manages this member ("Microsoft Entra ID"): the fields it owns are read-only here. */
  directory?: string | null;
}) {
  const router = useRouter();
  const editing = Boolean(member);
  // Land where the new person is listed: "Pending" (seed 004), or "No portal access" for login-less members.
  const { state, formAction, pending, failed } = useToastedAction(editing ? updateMemberAction : createMemberAction, () =>
    editing ? router.refresh() : router.push(portal === "yes" ? "/users?status=pending" : "/users?status=no-portal"),
  );
  const values = failed?.values;
  const form = useRef<HTMLFormElement>(null);
  const [portal, setPortal] = useState(values?.portalAccess ?? (member ? (member.portalAccess ? "yes" : "no") : "yes"));
  const [role, setRole] = useState(values?.role ?? roleLocked?.value ?? member?.role ?? roles.at(-1)?.value ?? "member");
  const [names, setNames] = useState({ firstName: member?.firstName ?? "", lastName: member?.lastName ?? "", extension: member?.extension ?? "" });

  // React resets the form after each refused submit, and a <select> resets to the option it first rendered with:
  // remounting the selects on each refusal keeps what was chosen (the text fields follow their defaultValue).
  const [seenState, setSeenState] = useState(state);
  const [refusals, setRefusals] = useState(0);
  if (seenState !== state) {
    setSeenState(state);
    if (state?.ok === false) setRefusals(refusals + 1);
  }

  // Keyboard users land on the first problem.
  useEffect(() => {
    if (state?.ok === false) form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  const value = (name: keyof MemberFormValues) => (values?.[name] ?? (member?.[name] as string | undefined) ?? "") || undefined;
  const typedSomething = Boolean(names.extension || names.firstName || names.lastName);
  const proposal = typedSomething ? proposeLoginName({ ...names, organizationSlug }) : undefined;
  const track = (e: React.ChangeEvent<HTMLInputElement>) => setNames((n) => ({ ...n, [e.target.name]: e.target.value.trim() }));
  // Directory sync owns these (lib/scim/directory-owned.ts): shown, submitted unchanged, not editable.
  const owned = directory ? { readOnly: true, hint: `From ${directory}: change it there.` } : null;

  return (
    <form ref={form} action={formAction} noValidate className="grid max-w-3xl gap-6">
      <FormAlert message={failed?.error} />
      {member && <input type="hidden" name="memberId" value={member.id} />}
      {directory ? (
        // People a directory provisions sign in: their portal access follows the directory too.
        <input type="hidden" name="portalAccess" value="yes" />
      ) : (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">User type</legend>
          <div className="flex flex-wrap gap-3">
            <PortalChoice value="yes" current={portal} onChange={setPortal} label="Portal Access" hint="Signs in to the portal, soft phone and mobile app with an email and password." />
            <PortalChoice value="no" current={portal} onChange={setPortal} label="No Portal Access" hint="A login-less user, such as an IP phone with a PIN: no email, no password." />
          </div>
        </fieldset>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="firstName" label="First name" autoComplete="off" required defaultValue={value("firstName")} onChange={track} result={failed} {...owned} />
        <Field name="lastName" label="Last name" autoComplete="off" required defaultValue={value("lastName")} onChange={track} result={failed} {...owned} />
        <Field name="extension" label="Extension" inputMode="numeric" defaultValue={value("extension")} onChange={track} result={failed} hint="2 to 8 digits. Optional." />
        <Field name="directNumber" label="Direct number" type="tel" defaultValue={value("directNumber")} result={failed} hint="Optional, e.g. +1 415 555 0123." {...owned} />
        {portal === "yes" && (
          <>
            <Field
              name="email"
              label="Email"
              type="email"
              autoComplete="off"
              required
              defaultValue={value("email")}
              result={failed}
              readOnly={Boolean(directory)}
              hint={directory && !member?.emailProblem ? owned?.hint : emailHint(member?.emailProblem, directory)}
            />
            <Field
              name="loginName"
              label="Login name"
              autoComplete="off"
              defaultValue={value("loginName")}
              placeholder={editing ? undefined : proposal}
              result={failed}
              hint={
                editing
                  ? `Ends with @${organizationSlug}.`
                  : proposal
                    ? `Leave empty to use ${proposal}.`
                    : `Leave empty to use the extension, e.g. 201@${organizationSlug}, or the name when there is none.`
              }
            />
          </>
        )}
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        {portal === "no" ? (
          // A login-less member never signs in: no role applies to them.
          <input type="hidden" name="role" value="member" />
        ) : roleLocked ? (
          <div className="grid content-start gap-1">
            <span className="text-sm font-medium text-slate-800">Role</span>
            <input type="hidden" name="role" value={roleLocked.value} />
            <p className="py-2 text-slate-900">{roleLocked.label}</p>
          </div>
        ) : (
          <SelectField key={`role-${refusals}`} name="role" label="Role" value={role} onChange={(e) => setRole(e.target.value)} options={roles} result={failed ? { ...failed, values: undefined } : undefined} />
        )}
        <SelectField key={`site-${refusals}`} name="siteId" label="Site" defaultValue={value("siteId")} options={[...(sites.length === allSites.length ? [{ value: "", label: "No site" }] : []), ...sites.map((s) => ({ value: s.id, label: s.name }))]} result={failed} />
        <Field name="department" label="Department" defaultValue={value("department")} result={failed} hint="Optional, e.g. Billing." {...owned} />
        <SelectField key={`team-${refusals}`} name="teamId" label="Team" defaultValue={value("teamId")} options={[{ value: "", label: "No Team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))]} result={failed} />
      </div>

      {role === "site_manager" && (
        <CheckboxGroup name="managedSiteIds" legend="Sites they manage" options={allSites} checked={member?.managedSiteIds ?? []} hint="None ticked: their own site." error={failed?.fieldErrors?.managedSiteIds?.[0]} />
      )}
      {role === "supervisor" && (
        <CheckboxGroup name="supervisedTeamIds" legend="Teams they supervise" options={teams} checked={member?.supervisedTeamIds ?? []} hint="None ticked: their own team." error={failed?.fieldErrors?.supervisedTeamIds?.[0]} />
      )}

      {!editing && portal === "yes" && (
        <label className="flex max-w-xl items-start gap-2 text-sm">
          <input type="checkbox" name="sendWelcomeNow" defaultChecked={values ? values.sendWelcomeNow === "on" : false} className="mt-0.5 size-4" />
          <span>
            <span className="font-medium">Send welcome email now</span>
            <span className="block text-slate-600">They get their login name and a link to set their password. You can also send it later from the Advanced tab.</span>
          </span>
        </label>
      )}

      <div className="flex gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
          {pending ? (editing ? "Saving…" : "Creating…") : editing ? "Save" : "Create"}
        </button>
        <button type="button" onClick={() => router.back()} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}

function emailHint(problem: MemberFormValues["emailProblem"], directory?: string | null) {
  if (!problem) return "Where the welcome email goes. Several users may share one address.";
  // The Users tab flags the same address; here it says what to do about it, and where.
  return (
    <>
      <span className="font-medium text-red-800">{problem === "bounced" ? "Emails to this address bounced." : "An email to this address was marked as spam."}</span> Correct
      it{directory ? ` in ${directory}` : ""} before sending again.
    </>
  );
}

function PortalChoice({ value, current, onChange, label, hint }: { value: string; current: string; onChange: (v: string) => void; label: string; hint: string }) {
  return (
    <label className="flex max-w-sm flex-1 items-start gap-2 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50">
      <input type="radio" name="portalAccess" value={value} checked={current === value} onChange={() => onChange(value)} className="mt-0.5" />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-slate-600">{hint}</span>
      </span>
    </label>
  );
}

function CheckboxGroup({ name, legend, options, checked, hint, error }: { name: string; legend: string; options: Option[]; checked: string[]; hint: string; error?: string }) {
  return (
    <fieldset className="grid gap-2" aria-describedby={`${name}-hint`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o.id} defaultChecked={checked.includes(o.id)} className="size-4" />
            {o.name}
          </label>
        ))}
      </div>
      <p id={`${name}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
