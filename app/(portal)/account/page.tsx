import type { Metadata } from "next";
import { currentLanguage, requireMemberActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { accountView } from "@/lib/account/own-account";
import { formatMemberDateTime } from "@/lib/i18n/dates";
import { EMAIL_LANGUAGES, messagesFor } from "@/lib/i18n/messages";
import { fullName } from "@/lib/members/format";
import { passwordContextOf } from "@/lib/onboarding/links";
import { AdditionalEmails, PasswordForm, PinForm, PrimaryEmail, ProfileForm, SessionsForm } from "./_components/account-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: messagesFor(await currentLanguage()).account.title };
}

/**
 * "My Account" (SPEC §4.9, seed 001): every member's own profile, the addresses we write to, their password, voicemail
 * PIN and sessions, in their language and time zone. Managers reach it from the menu under their name too.
 */
export default async function MyAccountPage() {
  const actor = await requireMemberActor();
  const view = await accountView(await getDb(), actor);
  const { t, member: m, organization: o, language } = view;
  const when = (date: Date) => formatMemberDateTime(date, { language, timeZone: view.timeZone, messages: t });
  const { minLength, ...passwordContext } = passwordContextOf(view);
  return (
    <div className="grid max-w-3xl gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t.account.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t.account.intro}</p>
        <p className="mt-3 text-sm text-slate-700">
          <span className="font-medium">{fullName(m)}</span>
          {m.loginName && (
            <>
              {" · "}
              {t.account.loginName}: <span className="font-mono">{m.loginName}</span>
            </>
          )}
        </p>
      </div>

      <Section id="profile" title={t.account.profile.heading}>
        <ProfileForm
          language={language}
          values={{ firstName: m.firstName, lastName: m.lastName, language: m.language ?? "", timeZone: m.timeZone ?? "", listedInDirectory: m.listedInDirectory }}
          languages={EMAIL_LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          organizationDefaults={{ language: EMAIL_LANGUAGES.find((l) => l.code === o.defaultLanguage)?.name ?? o.defaultLanguage, timeZone: o.defaultTimeZone }}
          timeZones={Intl.supportedValuesOf("timeZone")}
        />
      </Section>

      <section aria-labelledby="security" className="grid gap-4">
        <h2 id="security" className="text-lg font-semibold">
          {t.account.security.heading}
        </h2>
        <Section id="primary-email" title={t.account.primary.heading} level={3}>
          <PrimaryEmail
            language={language}
            current={m.primaryEmail}
            pending={m.pendingEmail ? { address: m.pendingEmail, until: view.pendingEmailExpiresAt ? when(view.pendingEmailExpiresAt) : null } : null}
          />
        </Section>
        <Section id="additional-emails" title={t.account.additional.heading} level={3}>
          <AdditionalEmails language={language} addresses={view.additionalEmails} />
        </Section>
        <Section id="password" title={t.account.password.heading} level={3}>
          <PasswordForm language={language} minLength={minLength} context={passwordContext} />
        </Section>
        <Section id="voicemail-pin" title={t.account.pin.heading} level={3}>
          <PinForm language={language} hasPin={m.voicemailPinHash !== null} />
        </Section>
      </section>

      <Section id="sessions" title={t.account.sessions.heading}>
        <SessionsForm language={language} />
      </Section>
    </div>
  );
}

function Section({ id, title, level = 2, children }: { id: string; title: string; level?: 2 | 3; children: React.ReactNode }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-heading`} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <Heading id={`${id}-heading`} className={level === 2 ? "text-lg font-semibold" : "text-base font-semibold"}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
