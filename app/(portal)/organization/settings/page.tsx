import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMemberActor } from "@/app/_lib/session";
import { getConfig } from "@/lib/config";
import { EMAIL_LANGUAGES } from "@/lib/i18n/messages";
import { senderAddress } from "@/lib/email/sender-address";
import { organizationSettings, SETTINGS_BOUNDS } from "@/lib/organizations/settings";
import { canInOrganization } from "@/lib/permissions";
import { durationText } from "@/lib/organizations/duration";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Organization settings" };

/** Organization → Settings (SPEC §2): owners change them; admins read them, to know what their emails say. */
export default async function OrganizationSettingsPage() {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.viewSettings", actor.organizationId)) notFound();
  const settings = await organizationSettings({ actor });
  const editable = canInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const address = senderAddress(getConfig().emailFrom);
  const languageName = EMAIL_LANGUAGES.find((l) => l.code === settings.defaultLanguage)?.name ?? settings.defaultLanguage;
  return (
    <div className="grid max-w-3xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Organization settings</h1>
        <p className="mt-1 text-sm text-slate-600">
          How your organization&apos;s emails, links and passwords work. A change applies to emails sent after you save it: links
          already sent keep the time they were sent with.
        </p>
      </div>
      {editable ? (
        <SettingsForm
          settings={{ ...settings, replyTo: settings.replyTo ?? "" }}
          senderAddress={address}
          languages={EMAIL_LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          timeZones={Intl.supportedValuesOf("timeZone")}
          bounds={SETTINGS_BOUNDS}
        />
      ) : (
        <section aria-labelledby="read-only" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
          <p id="read-only" className="text-sm text-slate-700">
            Only an owner of your organization can change these settings.
          </p>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
            <Setting term="Organization name">{settings.name}</Setting>
            <Setting term="Emails come from">
              {settings.senderName} &lt;{address}&gt;
            </Setting>
            <Setting term="Replies go to">{settings.replyTo ?? address}</Setting>
            <Setting term="Welcome links work for">{durationText(settings.inviteLinkDays * 24 * 60)}</Setting>
            <Setting term="Password reset links work for">{durationText(settings.resetLinkMinutes)}</Setting>
            <Setting term="Minimum password length">{settings.minPasswordLength} characters</Setting>
            <Setting term="Default language">{languageName}</Setting>
            <Setting term="Default time zone">{settings.defaultTimeZone.replaceAll("_", " ")}</Setting>
          </dl>
        </section>
      )}
    </div>
  );
}

function Setting({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </>
  );
}
