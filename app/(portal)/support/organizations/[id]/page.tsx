import type { Metadata } from "next";
import Link from "next/link";
import { BreakableEmail } from "@/components/ui/breakable-email";
import { FactList } from "@/components/ui/fact-list";
import { getDb } from "@/db";
import { EMAIL_LANGUAGES } from "@/lib/i18n/messages";
import { formatCount, formatDateTime } from "@/lib/members/format";
import { ROLE_LABELS, STATUS_FILTERS, type StatusFilter } from "@/lib/members/labels";
import { DEFAULT_QUERY, usersHref } from "@/lib/members/users-query";
import { durationText } from "@/lib/organizations/duration";
import { supportOrganizationSummary, type RecentBulkSend } from "@/lib/support/organization-summary";
import { loadSupportOrganization } from "../../_components/load-organization";
import { supportPaths } from "../../_components/support-paths";

export const metadata: Metadata = { title: "Organization overview" };

/**
 * An organization's overview in the support console (SPEC §4.14): its people by status, whom to ask for a change,
 * its settings (what its links and passwords are like), and its last bulk sends with where each stands.
 */
export default async function SupportOrganizationOverview({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, organization } = await loadSupportOrganization(id);
  const summary = await supportOrganizationSummary(await getDb(), viewer);
  const language = EMAIL_LANGUAGES.find((l) => l.code === organization.defaultLanguage)?.name ?? organization.defaultLanguage;
  return (
    <div className="grid gap-8">
      <section aria-labelledby="people-heading" className="grid gap-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          People
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {Object.entries(summary.overview.membersByStatus).map(([status, n]) => {
            const filter = (Object.keys(STATUS_FILTERS) as StatusFilter[]).find((key) => STATUS_FILTERS[key] === status);
            return (
              <div key={status} className="relative rounded-lg border border-slate-200 bg-white p-4 focus-within:ring-2 focus-within:ring-blue-600 hover:border-blue-300">
                <dt className="text-sm text-slate-600">
                  <Link href={usersHref(DEFAULT_QUERY, { status: filter }, supportPaths.users(id))} className="after:absolute after:inset-0 focus:outline-none">
                    {status}
                  </Link>
                </dt>
                <dd className="mt-1 text-2xl font-semibold">{formatCount(n)}</dd>
              </div>
            );
          })}
        </dl>
        <p className="text-sm text-slate-600">
          {summary.overview.sites} {summary.overview.sites === 1 ? "site" : "sites"} and {summary.overview.teams} {summary.overview.teams === 1 ? "team" : "teams"}.
        </p>
      </section>

      <section aria-labelledby="contacts-heading" className="grid gap-3">
        <h2 id="contacts-heading" className="text-lg font-semibold">
          Who runs it
        </h2>
        <p className="text-sm text-slate-600">The people who can correct an address or a profile. Support changes nothing of the customer&apos;s.</p>
        {summary.owners.length === 0 ? (
          <p className="text-sm text-slate-700">No active owner or office manager.</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {summary.owners.map((o) => (
              <li key={o.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <Link href={supportPaths.member(o.id)} className="font-medium text-blue-800 hover:underline">
                  {o.name}
                </Link>
                <span className="text-slate-600"> · {ROLE_LABELS[o.role]}</span>
                <div className="mt-1 text-slate-700">
                  {o.email ? <BreakableEmail email={o.email} /> : "No email address"}
                  {o.extension && <span className="text-slate-600"> · extension {o.extension}</span>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sends-heading" className="grid gap-3">
        <h2 id="sends-heading" className="text-lg font-semibold">
          Recent bulk sends
        </h2>
        {summary.recentSends.length === 0 ? (
          <p className="text-sm text-slate-700">No bulk sends yet.</p>
        ) : (
          <ul className="grid gap-2">
            {summary.recentSends.map((send) => (
              <BulkSend key={send.id} send={send} emailLog={`${supportPaths.emailLog(id)}?job=${send.id}`} timeZone={organization.defaultTimeZone} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="settings-heading" className="grid gap-3">
        <h2 id="settings-heading" className="text-lg font-semibold">
          Settings
        </h2>
        <FactList
          facts={[
            ["Name", organization.name],
            ["Short name", organization.slug],
            ["Emails come from", organization.senderName],
            ["Replies go to", organization.replyTo ?? "The sender address"],
            ["Welcome links last", durationText(organization.inviteLinkDays * 24 * 60)],
            ["Reset links last", durationText(organization.resetLinkMinutes)],
            ["Minimum password length", `${organization.minPasswordLength} characters`],
            ["Language", language],
            ["Time zone", organization.defaultTimeZone],
          ]}
        />
      </section>
    </div>
  );
}

function BulkSend({ send, emailLog, timeZone }: { send: RecentBulkSend; emailLog: string; timeZone: string }) {
  const done = send.delivered + send.sent + send.failed;
  const label = `${send.template === "welcome" ? "Welcome emails" : "Password resets"} to ${formatCount(send.total)} ${send.total === 1 ? "person" : "people"}`;
  return (
    <li className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Link href={emailLog} className="font-medium text-blue-800 hover:underline">
          {label}
        </Link>
        <span className="text-slate-600">
          {formatDateTime(send.createdAt, timeZone)}
          {send.createdBy && ` · by ${send.createdBy}`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={send.total}
        aria-valuenow={done}
        className="flex h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="bg-green-600" style={{ width: `${(send.delivered / Math.max(1, send.total)) * 100}%` }} />
        <div className="bg-blue-500" style={{ width: `${(send.sent / Math.max(1, send.total)) * 100}%` }} />
        <div className="bg-red-600" style={{ width: `${(send.failed / Math.max(1, send.total)) * 100}%` }} />
      </div>
      <p className="text-slate-700">
        {formatCount(send.delivered)} delivered · {formatCount(send.sent)} sent · {formatCount(send.queued)} queued · {formatCount(send.failed)} failed
      </p>
    </li>
  );
}
