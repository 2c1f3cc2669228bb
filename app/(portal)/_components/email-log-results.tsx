import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import type { Actor } from "@/lib/actor";
import { COUNT_LIMIT, listOrganizationEmails } from "@/lib/email/email-log";
import { emailLogHref, isEmailLogFiltered, NO_FILTERS, type EmailLogQuery } from "@/lib/email/email-log-query";
import { formatCount } from "@/lib/members/format";
import { PAGE_SIZES } from "@/lib/url-query";
import { EmailMessagesTable } from "./email-messages-table";

/**
 * One page of an organization's email log with its pager, or what to do when it's empty: the Email log tab's, and
 * the support console's copy of it (its own path, its own member pages).
 */
export async function EmailLogResults({
  viewer,
  organizationId,
  query,
  path,
  memberPath = "/users",
}: {
  viewer: Actor;
  organizationId: string;
  query: EmailLogQuery;
  path: string;
  memberPath?: string;
}) {
  const log = await listOrganizationEmails(await getDb(), viewer, organizationId, query);
  if (log.total === 0) return <EmptyState filtered={isEmailLogFiltered(query)} query={query} path={path} />;
  return (
    <>
      <EmailMessagesTable rows={log.rows} timeZone={log.timeZone} caption="Emails" showMember memberPath={memberPath} />
      <Pagination
        page={log.page}
        pageCount={log.pageCount}
        total={log.total}
        totalIsAtLeast={log.totalIsAtLeast}
        shown={log.rows.length}
        size={query.size}
        pageHref={(page) => emailLogHref(path, query, { page })}
        sizeChoices={PAGE_SIZES.map((size) => ({ size, href: emailLogHref(path, query, { size }) }))}
      />
      {log.totalIsAtLeast && (
        <p className="text-sm text-slate-600">
          Only the newest {formatCount(COUNT_LIMIT)} matching emails are listed. To see older ones, choose dates in From and To.
        </p>
      )}
    </>
  );
}

function EmptyState({ filtered, query, path }: { filtered: boolean; query: EmailLogQuery; path: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      {filtered ? (
        <>
          <p className="font-medium">No emails match these filters.</p>
          <p className="mt-1 text-sm text-slate-600">Check the recipient&apos;s spelling, widen the dates, or clear the filters.</p>
          <Link
            href={emailLogHref(path, query, NO_FILTERS)}
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
