import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentOrganization } from "@/app/_lib/session";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { listMemberEmails } from "@/lib/email/email-log";
import { DEFAULT_EMAIL_LOG_QUERY, emailLogHref, parseEmailLogQuery } from "@/lib/email/email-log-query";
import { displayName } from "@/lib/members/format";
import { PAGE_SIZES } from "@/lib/url-query";
import { EmailMessagesTable } from "../../../_components/email-messages-table";
import { EmailProblemAlert } from "../email-problem-alert";
import { loadProfile } from "../load-profile";

export const metadata: Metadata = { title: "Email log" };

/** The member page's "Email log" tab (SPEC §4.11): their emails, newest first, each with its timeline. */
export default async function MemberEmailLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { actor, member: m, may } = await loadProfile(id);
  if (!may.viewEmailLog) notFound();
  // Only paging applies here: the tab lists everything sent to this one person.
  const { page, size } = parseEmailLogQuery(await searchParams);
  const query = { ...DEFAULT_EMAIL_LOG_QUERY, page, size };
  const [log, organization] = await Promise.all([listMemberEmails(await getDb(), actor, m.id, query), currentOrganization()]);
  const timeZone = organization?.defaultTimeZone ?? "UTC";
  const path = `/users/${m.id}/email-log`;
  const name = displayName(m);
  return (
    <div className="grid gap-4">
      {log.emailProblem && (
        <EmailProblemAlert
          problem={log.emailProblem.kind}
          address={log.emailProblem.address}
          reason={log.emailProblem.reason}
          memberName={name}
          profileHref={may.edit ? `/users/${m.id}` : null}
        />
      )}
      {log.total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium">No emails to {name} yet.</p>
          <p className="mt-1 text-sm text-slate-600">
            {m.portalAccess
              ? "Their welcome email, password resets and other emails appear here as soon as they are queued, with each step of their delivery."
              : `${name} has no portal access, so Gatehouse sends them no emails.`}
          </p>
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-600">Newest first. Open a row to follow it from queued to delivered. Times are in {timeZone}.</p>
          <EmailMessagesTable rows={log.rows} timeZone={timeZone} caption={`Emails to ${name}`} showMember={false} openFirst={log.page === 1} />
          {log.pageCount > 1 && (
            <Pagination
              page={log.page}
              pageCount={log.pageCount}
              total={log.total}
              totalIsAtLeast={log.totalIsAtLeast}
              shown={log.rows.length}
              size={query.size}
              pageHref={(to) => emailLogHref(path, query, { page: to })}
              sizeChoices={PAGE_SIZES.map((s) => ({ size: s, href: emailLogHref(path, query, { size: s }) }))}
            />
          )}
        </>
      )}
    </div>
  );
}
