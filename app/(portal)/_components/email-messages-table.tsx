import Link from "next/link";
import type { EmailLogRow } from "@/lib/email/email-log";
import { templateLabel } from "@/lib/email/email-log-query";
import { formatDateTime } from "@/lib/members/format";
import { EmailStatusBadge } from "./email-status-badge";
import { EmailTimeline } from "./email-timeline";
import { BreakableEmail } from "@/components/ui/breakable-email";
import { STACKED } from "@/components/ui/stacked-table";
import { MessageRows } from "./message-rows";

/** The headers below, the timeline button's included: the timeline row spans them all. */
const COLUMNS = 8;

/**
 * The messages of an email log, newest first, each with its timeline a click away: the organization's log (naming
 * the member each went to) and a member's "Email log" tab.
 */
export function EmailMessagesTable({
  rows,
  timeZone,
  caption,
  showMember,
  openFirst = false,
  memberPath = "/users",
}: {
  rows: EmailLogRow[];
  timeZone: string;
  caption: string;
  showMember: boolean;
  /** Show the newest message's timeline from the start (a member's tab, where it is usually the one asked about). */
  openFirst?: boolean;
  /** Where a member's page is: the Users tab's, or the support console's. */
  memberPath?: string;
}) {
  return (
    <div className={STACKED.frame} tabIndex={0} role="region" aria-label={`${caption}, scrolls sideways`}>
      <table role="table" className={STACKED.table}>
        <caption className="sr-only">{caption}. Open a row&apos;s timeline to see each step of its delivery.</caption>
        <thead role="rowgroup" className={`border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 ${STACKED.head}`}>
          <tr role="row">
            <th role="columnheader" scope="col" className="w-10 px-2 py-2">
              <span className="sr-only">Timeline</span>
            </th>
            <th role="columnheader" scope="col" className="px-3 py-2">Time</th>
            <th role="columnheader" scope="col" className="px-3 py-2">Recipient</th>
            <th role="columnheader" scope="col" className="px-3 py-2">Email</th>
            <th role="columnheader" scope="col" className="px-3 py-2">Subject</th>
            <th role="columnheader" scope="col" className="px-3 py-2">Status</th>
            <th role="columnheader" scope="col" className="px-3 py-2 text-right">Attempts</th>
            <th role="columnheader" scope="col" className="px-3 py-2">Last error</th>
          </tr>
        </thead>
        <tbody role="rowgroup" className={`divide-y divide-slate-100 ${STACKED.body}`}>
          {rows.map((row, i) => (
            <MessageRows
              key={row.id}
              id={row.id}
              columns={COLUMNS}
              defaultOpen={openFirst && i === 0}
              cells={
                <>
                  <td role="cell" data-label="Time" className={`px-3 py-2 align-top whitespace-nowrap tabular-nums ${STACKED.detail}`}>
                    <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt, timeZone)}</time>
                  </td>
                  <td role="cell" data-label="Recipient" className={`min-w-60 px-3 py-2 align-top max-md:min-w-0 ${STACKED.detail}`}>
                    <span className="min-w-0">
                      {showMember &&
                        (row.member ? (
                          <Link href={`${memberPath}/${row.member.id}`} className="block font-medium text-blue-800 hover:underline md:whitespace-nowrap">
                            {row.member.name}
                          </Link>
                        ) : (
                          <span className="block text-slate-500">Deleted user</span>
                        ))}
                      <span className="block break-words text-slate-700">
                        <BreakableEmail email={row.to} />
                      </span>
                    </span>
                  </td>
                  <td role="cell" data-label="Email" className={`px-3 py-2 align-top whitespace-nowrap ${STACKED.detail}`}>
                    {templateLabel(row.template)}
                  </td>
                  <td role="cell" data-label="Subject" className={`min-w-40 px-3 py-2 align-top max-md:min-w-0 ${STACKED.detail}`}>
                    {row.subject}
                  </td>
                  <td role="cell" data-label="Status" className={`px-3 py-2 align-top ${STACKED.detail}`}>
                    <EmailStatusBadge status={row.status} />
                  </td>
                  <td role="cell" data-label="Attempts" className={`px-3 py-2 text-right align-top tabular-nums max-md:text-left ${STACKED.detail}`}>
                    {row.attempts}
                  </td>
                  <td role="cell" data-label="Last error" className={`max-w-56 px-3 py-2 align-top text-slate-700 max-md:max-w-none ${row.lastError ? STACKED.detail : "max-md:hidden"}`}>
                    {row.lastError ? <span className="line-clamp-2 break-words" title={row.lastError}>{row.lastError}</span> : <span className="sr-only">None</span>}
                  </td>
                </>
              }
              timeline={<EmailTimeline entries={row.timeline} timeZone={timeZone} />}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
