import Link from "next/link";
import type { EmailLogRow } from "@/lib/email/email-log";
import { templateLabel } from "@/lib/email/email-log-query";
import { formatDateTime } from "@/lib/members/format";
import { EmailStatusBadge } from "./email-status-badge";
import { EmailTimeline } from "./email-timeline";
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
}: {
  rows: EmailLogRow[];
  timeZone: string;
  caption: string;
  showMember: boolean;
  /** Show the newest message's timeline from the start (a member's tab, where it is usually the one asked about). */
  openFirst?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={`${caption}, scrolls sideways`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}. Open a row&apos;s timeline to see each step of its delivery.</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="w-10 px-2 py-2">
              <span className="sr-only">Timeline</span>
            </th>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">Recipient</th>
            <th scope="col" className="px-3 py-2">Email</th>
            <th scope="col" className="px-3 py-2">Subject</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2 text-right">Attempts</th>
            <th scope="col" className="px-3 py-2">Last error</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, i) => (
            <MessageRows
              key={row.id}
              id={row.id}
              columns={COLUMNS}
              defaultOpen={openFirst && i === 0}
              cells={
                <>
                  <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums">
                    <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt, timeZone)}</time>
                  </td>
                  <td className="min-w-60 px-3 py-2 align-top">
                    {showMember &&
                      (row.member ? (
                        <Link href={`/users/${row.member.id}`} className="block whitespace-nowrap font-medium text-blue-800 hover:underline">
                          {row.member.name}
                        </Link>
                      ) : (
                        <span className="block text-slate-500">Deleted user</span>
                      ))}
                    <Address address={row.to} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 align-top">{templateLabel(row.template)}</td>
                  <td className="min-w-40 px-3 py-2 align-top">{row.subject}</td>
                  <td className="px-3 py-2 align-top">
                    <EmailStatusBadge status={row.status} />
                  </td>
                  <td className="px-3 py-2 text-right align-top tabular-nums">{row.attempts}</td>
                  <td className="max-w-56 px-3 py-2 align-top text-slate-700">
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

/** A long address wraps after the @ rather than mid-word. */
function Address({ address }: { address: string }) {
  const at = address.lastIndexOf("@");
  if (at < 0) return <span className="block break-all text-slate-700">{address}</span>;
  return (
    <span className="block break-words text-slate-700">
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </span>
  );
}
