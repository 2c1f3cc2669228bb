import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSupportActor } from "@/app/_lib/session";
import { BreakableEmail } from "@/components/ui/breakable-email";
import { FactList } from "@/components/ui/fact-list";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { isUuid, type SupportActor } from "@/lib/actor";
import { auditLogPage } from "@/lib/audit-log/audit-log";
import { parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { listMemberEmails } from "@/lib/email/email-log";
import { DEFAULT_EMAIL_LOG_QUERY, emailLogHref, parseEmailLogQuery } from "@/lib/email/email-log-query";
import { NotFoundError } from "@/lib/errors";
import { displayName, formatDateTime, fullName } from "@/lib/members/format";
import { displayStatus, ROLE_LABELS } from "@/lib/members/labels";
import { formatDirectNumber } from "@/lib/members/phone";
import { supportMemberView, type CustomerContact, type UndeliveredLinkEmail } from "@/lib/support/member-help";
import { AuditEventsTable } from "../../../_components/audit-events";
import { EmailMessagesTable } from "../../../_components/email-messages-table";
import { EmailProblemBadge } from "../../../users/_components/email-problem-badge";
import { OnBehalfButton } from "../../_components/on-behalf-button";
import { supportPaths } from "../../_components/support-paths";

export const metadata: Metadata = { title: "User" };

const EMAILS_PER_PAGE = 10;
const EVENTS_SHOWN = 25;

async function load(actor: SupportActor, id: string) {
  if (!isUuid(id)) notFound();
  try {
    return await supportMemberView(await getDb(), actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/**
 * A member in the support console (SPEC §4.14, seeds 002 and 003): who they are, what to send them on the customer's
 * behalf, the email that didn't arrive and what to do about it, their emails with each one's timeline ("did it
 * arrive?" in one look), and what was done to them.
 */
export default async function SupportMemberPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireSupportActor();
  const { id } = await params;
  const view = await load(actor, id);
  const { member: m, organization } = view;
  const db = await getDb();
  const { page } = parseEmailLogQuery(await searchParams);
  const emailQuery = {
    ...DEFAULT_EMAIL_LOG_QUERY,
    page,
    size: EMAILS_PER_PAGE,
  };
  const viewer = { ...actor, organizationId: organization.id };
  const [emails, activity] = await Promise.all([
    listMemberEmails(db, actor, m.id, emailQuery),
    auditLogPage(db, {
      viewer,
      organizationId: organization.id,
      query: parseAuditLogQuery({ size: String(EVENTS_SHOWN) }),
      about: m.id,
    }),
  ]);
  const name = displayName(m);
  const timeZone = organization.timeZone;
  const path = supportPaths.member(m.id);
  return (
    <div className="grid gap-8">
      <PageHeading
        back={{
          href: supportPaths.users(organization.id),
          label: `${organization.name} · Users`,
        }}
        title={name}
      >
        {[m.extension && `Extension ${m.extension}`, m.loginName, ROLE_LABELS[m.role], displayStatus(m)].filter(Boolean).join(" · ")}
      </PageHeading>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <section aria-labelledby="details-heading" className="grid content-start gap-3">
          <h2 id="details-heading" className="text-lg font-semibold">
            Details
          </h2>
          <FactList
            className=""
            facts={[
              [
                "Organization",
                <Link key="o" href={supportPaths.organization(organization.id)} className="text-blue-800 hover:underline">
                  {organization.name}
                </Link>,
              ],
              ["Name", fullName(m)],
              ["Extension", m.extension],
              ["Login name", m.loginName ?? "No portal access"],
              [
                "Email",
                m.primaryEmail && (
                  <>
                    <BreakableEmail email={m.primaryEmail} />
                    {m.primaryEmailProblem && <EmailProblemBadge problem={m.primaryEmailProblem} />}
                  </>
                ),
              ],
              ["Role", ROLE_LABELS[m.role]],
              ["Site", view.siteName],
              ["Department", m.department],
              ["Team", view.teamName ?? "No Team"],
              ["Direct number", formatDirectNumber(m.directNumber)],
              ["Confirmation sent", formatDateTime(m.confirmationSentAt, timeZone)],
              ["Confirmed at", formatDateTime(m.confirmedAt, timeZone)],
            ]}
          />
        </section>

        <section aria-labelledby="help-heading" className="grid content-start gap-3">
          <h2 id="help-heading" tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            Help {m.firstName || name}
          </h2>
          <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            {view.undelivered ? (
              <Undelivered
                email={view.undelivered}
                memberId={m.id}
                name={name}
                currentAddress={m.primaryEmail}
                contacts={view.contacts}
                organizationName={organization.name}
                timeZone={timeZone}
              />
            ) : view.link.problem ? (
              <p className="text-slate-700">{view.link.problem}.</p>
            ) : (
              <SendNow memberId={m.id} name={name} to={m.primaryEmail!} purpose={view.link.purpose} organizationName={organization.name} />
            )}
          </div>
        </section>
      </div>

      <section aria-labelledby="emails-heading" className="grid gap-3">
        <h2 id="emails-heading" className="text-lg font-semibold">
          Emails
        </h2>
        {emails.total === 0 ? (
          <p className="text-sm text-slate-700">
            {m.portalAccess ? `No emails to ${name} yet.` : `${name} has no portal access, so Gatehouse sends them no emails.`}
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-600">Newest first; the newest is open. Times are in {timeZone}.</p>
            <EmailMessagesTable
              rows={emails.rows}
              timeZone={timeZone}
              caption={`Emails to ${name}`}
              showMember={false}
              openFirst={emails.page === 1}
              memberPath={supportPaths.members}
            />
            {emails.pageCount > 1 && (
              <Pagination
                page={emails.page}
                pageCount={emails.pageCount}
                total={emails.total}
                totalIsAtLeast={emails.totalIsAtLeast}
                shown={emails.rows.length}
                size={EMAILS_PER_PAGE}
                pageHref={(to) => emailLogHref(path, emailQuery, { page: to })}
                sizeChoices={[]}
              />
            )}
          </>
        )}
      </section>

      <section aria-labelledby="activity-heading" className="grid gap-3">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Activity
        </h2>
        {activity.rows.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing has been done to {name} yet.</p>
        ) : (
          <>
            <AuditEventsTable
              rows={activity.rows}
              timeZone={activity.timeZone}
              caption={`What was done to ${name}`}
              showTarget={false}
              links={{
                memberPath: supportPaths.members,
                emailLogPath: supportPaths.emailLog(organization.id),
              }}
            />
            {activity.older && (
              <p className="text-sm text-slate-600">
                The newest {EVENTS_SHOWN}.{" "}
                <Link
                  href={`${supportPaths.auditLog(organization.id)}?target=${encodeURIComponent(m.loginName ?? m.extension ?? fullName(m))}`}
                  className="font-medium text-blue-800 hover:underline"
                >
                  See the rest in {organization.name}&apos;s audit log
                </Link>
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function SendNow({
  memberId,
  name,
  to,
  purpose,
  organizationName,
}: {
  memberId: string;
  name: string;
  to: string;
  purpose: "invite" | "reset";
  organizationName: string;
}) {
  const label = purpose === "invite" ? "Send Welcome Email" : "Send Password Reset";
  return (
    <>
      <p className="text-slate-700">
        {purpose === "invite"
          ? `${name} hasn't set a password yet. A welcome email gives them their login name and a new link to set one.`
          : `${name} has a password. A password reset email gives them a link to choose a new one.`}{" "}
        It goes to <BreakableEmail email={to} />; earlier links of the same kind stop working.
      </p>
      <div>
        <OnBehalfButton
          memberId={memberId}
          act={{ kind: "send", purpose }}
          label={label}
          title={`${label} to ${name}`}
          description={
            <>
              It goes to <BreakableEmail email={to} />, sent on {organizationName}&apos;s behalf.
            </>
          }
          organizationName={organizationName}
        />
      </div>
    </>
  );
}

const UNDELIVERED_WORDS: Record<UndeliveredLinkEmail["status"], string> = {
  bounced: "bounced",
  failed: "couldn't be sent",
  complained: "was marked as spam",
};

function Undelivered({
  email,
  memberId,
  name,
  currentAddress,
  contacts,
  organizationName,
  timeZone,
}: {
  email: UndeliveredLinkEmail;
  memberId: string;
  name: string;
  currentAddress: string | null;
  contacts: CustomerContact[];
  organizationName: string;
  timeZone: string;
}) {
  const kind = email.template === "welcome" ? "welcome email" : "password reset email";
  return (
    <>
      <p role="status" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
        The {kind} of {formatDateTime(email.at, timeZone)} to <BreakableEmail email={email.to} /> {UNDELIVERED_WORDS[email.status]}
        {email.reason ? `: ${email.reason}` : "."}
      </p>
      {email.corrected && currentAddress ? (
        <>
          <p className="text-slate-700">
            The customer has corrected the address: it is now <BreakableEmail email={currentAddress} />.
          </p>
          <div>
            <OnBehalfButton
              memberId={memberId}
              act={{ kind: "resend", messageId: email.id }}
              label="Resend to a corrected address"
              title={`Resend to ${name}`}
              description={
                <>
                  A new {kind} goes to <BreakableEmail email={currentAddress} /> instead of {email.to}, sent on {organizationName}&apos;s behalf.
                </>
              }
              organizationName={organizationName}
              focusAfter="help-heading"
            />
          </div>
        </>
      ) : (
        <>
          <p className="text-slate-700">
            Ask the customer to correct the address on {name}&apos;s Profile; support can&apos;t change it. Then come back here to resend. Who can correct it:
          </p>
          {contacts.length === 0 ? (
            <p className="text-slate-700">No active owner or office manager: ask the person who contacted you.</p>
          ) : (
            <ul className="grid gap-1">
              {contacts.map((c) => (
                <li key={c.id}>
                  <span className="font-medium text-slate-900">{c.name}</span>
                  <span className="text-slate-600"> · {ROLE_LABELS[c.role]}</span>
                  {c.email && (
                    <>
                      {" · "}
                      <BreakableEmail email={c.email} />
                    </>
                  )}
                  {c.extension && <span className="text-slate-600"> · extension {c.extension}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
