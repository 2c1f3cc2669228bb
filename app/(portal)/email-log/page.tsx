import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { currentOrganization, requireMemberActor } from "@/app/_lib/session";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { getDb } from "@/db";
import type { MemberActor } from "@/lib/actor";
import { COUNT_LIMIT, listOrganizationEmails } from "@/lib/email/email-log";
import { emailLogHref, emailLogSearch, isEmailLogFiltered, NO_FILTERS, parseEmailLogQuery, type EmailLogQuery } from "@/lib/email/email-log-query";
import { formatCount } from "@/lib/members/format";
import { canInOrganization } from "@/lib/permissions";
import { PAGE_SIZES } from "@/lib/url-query";
import { EmailMessagesTable } from "../_components/email-messages-table";
import { EmailLogFilters } from "./_components/email-log-filters";

export const metadata: Metadata = { title: "Email log" };

const PATH = "/email-log";

/** The organization's email log (SPEC §4.11): every message, newest first, filtered from the URL. */
export default async function EmailLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.viewEmailLog", actor.organizationId)) notFound();
  const query = parseEmailLogQuery(await searchParams);
  const timeZone = (await currentOrganization())?.defaultTimeZone ?? "UTC";
  return (
    <div className="grid gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Email log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every email sent to your users, newest first. Open a row to follow it from queued to delivered. Times are in {timeZone}.
        </p>
      </div>
      <EmailLogFilters query={query} timeZone={timeZone} />
      <Suspense key={emailLogSearch(query)} fallback={<TableSkeleton rows={Math.min(query.size, 10)} label="Loading emails" />}>
        <EmailLogResults actor={actor} query={query} />
      </Suspense>
    </div>
  );
}

async function EmailLogResults({ actor, query }: { actor: MemberActor; query: EmailLogQuery }) {
  const log = await listOrganizationEmails(await getDb(), actor, actor.organizationId, query);
  if (log.total === 0) return <EmptyState filtered={isEmailLogFiltered(query)} query={query} />;
  return (
    <>
      <EmailMessagesTable rows={log.rows} timeZone={log.timeZone} caption="Emails" showMember />
      <Pagination
        page={log.page}
        pageCount={log.pageCount}
        total={log.total}
        totalIsAtLeast={log.totalIsAtLeast}
        shown={log.rows.length}
        size={query.size}
        pageHref={(page) => emailLogHref(PATH, query, { page })}
        sizeChoices={PAGE_SIZES.map((size) => ({ size, href: emailLogHref(PATH, query, { size }) }))}
      />
      {log.totalIsAtLeast && (
        <p className="text-sm text-slate-600">
          Only the newest {formatCount(COUNT_LIMIT)} matching emails are listed. To see older ones, choose dates in From and To.
        </p>
      )}
    </>
  );
}

function EmptyState({ filtered, query }: { filtered: boolean; query: EmailLogQuery }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      {filtered ? (
        <>
          <p className="font-medium">No emails match these filters.</p>
          <p className="mt-1 text-sm text-slate-600">Check the recipient&apos;s spelling, widen the dates, or clear the filters.</p>
          <Link
            href={emailLogHref(PATH, query, NO_FILTERS)}
            className="mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100"
          >
            Clear filters
          </Link>
        </>
      ) : (
        <>
          <p className="font-medium">No emails yet.</p>
          <p className="mt-1 text-sm text-slate-600">
            Welcome emails, password resets and the other emails your users get appear here as soon as they are queued, with each step of their
            delivery: sent, delivered, or bounced with the reason.
          </p>
        </>
      )}
    </div>
  );
}
