import Link from "next/link";
import { STACKED } from "@/components/ui/stacked-table";
import { StackedTableFrame } from "@/components/ui/stacked-table-frame";
import type { AuditLogPage, AuditRow } from "@/lib/audit-log/audit-log";
import { auditLogSearch, type AuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { formatDateTime } from "@/lib/members/format";

/**
 * Audit events, newest first (SPEC §4.13): when, who, what in words with each field's from and to, to whom, and from
 * where (IP and browser). The organization's audit log and a member's Activity tab; stacked cards on a phone.
 */
/** Where the events' members and bulk sends open: the portal's own pages, or the support console's. */
export type AuditLinks = { memberPath: string; emailLogPath: string };
const PORTAL_LINKS: AuditLinks = { memberPath: "/users", emailLogPath: "/email-log" };

export function AuditEventsTable({
  rows,
  timeZone,
  caption,
  showTarget = true,
  links = PORTAL_LINKS,
}: {
  rows: AuditRow[];
  timeZone: string;
  caption: string;
  showTarget?: boolean;
  links?: AuditLinks;
}) {
  return (
    <StackedTableFrame
      caption={caption}
      columns={[{ label: "Time" }, { label: "Done by" }, { label: "Action" }, ...(showTarget ? [{ label: "User or item" }] : []), { label: "From" }]}
    >
      {rows.map((row) => (
        <tr key={row.id} role="row" className={`bg-white align-top ${STACKED.row}`}>
          <td role="cell" data-label="Time" className={`px-3 py-2 whitespace-nowrap tabular-nums ${STACKED.detail}`}>
            <time dateTime={row.at.toISOString()}>{formatDateTime(row.at, timeZone)}</time>
          </td>
          <td role="cell" data-label="Done by" className={`px-3 py-2 ${STACKED.detail}`}>
            <Actor row={row} />
          </td>
          <td role="cell" data-label="Action" className={`min-w-64 px-3 py-2 max-md:min-w-0 ${STACKED.detail}`}>
            <span className="grid min-w-0 gap-1">
              <span className="font-medium text-slate-900">{row.description.what}</span>
              {row.description.changes.length > 0 && (
                <ul className="grid gap-0.5 text-slate-700">
                  {row.description.changes.map((c) => (
                    <li key={c.field} className="[overflow-wrap:anywhere]">
                      <span className="text-slate-500">{c.field}:</span> {c.from && <>{c.from} → </>}
                      {c.to}
                    </li>
                  ))}
                </ul>
              )}
              {row.description.notes.map((note) => (
                <span key={note} className="text-slate-600 [overflow-wrap:anywhere]">
                  {note}
                </span>
              ))}
            </span>
          </td>
          {showTarget && (
            <td role="cell" data-label="User or item" className={`px-3 py-2 ${STACKED.detail}`}>
              <Target row={row} links={links} />
            </td>
          )}
          <td role="cell" data-label="From" className={`max-w-56 px-3 py-2 text-xs text-slate-600 max-md:max-w-none ${STACKED.detail}`}>
            <span className="grid min-w-0 gap-0.5">
              <span className="tabular-nums">{row.ip ?? "—"}</span>
              {row.userAgent && (
                <span className="line-clamp-2 [overflow-wrap:anywhere]" title={row.userAgent}>
                  {row.userAgent}
                </span>
              )}
            </span>
          </td>
        </tr>
      ))}
    </StackedTableFrame>
  );
}

function Actor({ row }: { row: AuditRow }) {
  switch (row.actor.kind) {
    case "support":
      return (
        // "Support · name — reason" (SPEC §4.14): the badge reads "Support ·" to a screen reader too.
        <span>
          <span className="mr-1 rounded bg-violet-50 px-1.5 py-0.5 text-xs font-semibold text-violet-900 ring-1 ring-violet-200">
            Support<span className="sr-only"> ·</span>
          </span>
          {row.actor.name}
          {row.actor.reason && <span className="text-slate-700"> — {row.actor.reason}</span>}
        </span>
      );
    case "system":
      return <span className="text-slate-600">{row.actor.name}</span>;
    case "member":
      return <span>{row.actor.name}</span>;
  }
}

function Target({ row, links }: { row: AuditRow; links: AuditLinks }) {
  const target = row.target;
  if (!target) return <span className="text-slate-500">—</span>;
  switch (target.kind) {
    case "member": {
      const label = target.extension ? `${target.name} (${target.extension})` : target.name;
      return target.linked ? (
        <Link href={`${links.memberPath}/${target.id}`} className="font-medium text-blue-800 hover:underline">
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      );
    }
    case "job":
      return (
        <Link href={`${links.emailLogPath}?job=${target.id}`} className="font-medium text-blue-800 hover:underline">
          {target.name}
        </Link>
      );
    case "other":
      return <span>{target.name}</span>;
  }
}

/** "Newer" and "Older": keyset pages, as links, so the back button and a shared link work. */
export function AuditPager({ path, query, page }: { path: string; query: AuditLogQuery; page: AuditLogPage }) {
  const href = (change: Partial<AuditLogQuery>) => `${path}${auditLogSearch({ ...query, before: undefined, after: undefined, ...change })}`;
  const cursor = (text: string) => {
    const [micros, id] = text.split(".");
    return { micros: micros!, id: id! };
  };
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100";
  const off = "rounded-md border border-slate-200 px-3 py-2 text-sm text-slate-400";
  return (
    <nav aria-label="Pages of the audit log" className="flex flex-wrap items-center gap-2">
      {page.newer ? (
        <>
          <Link href={href({})} className={link}>
            Newest
          </Link>
          <Link href={href({ after: cursor(page.newer) })} className={link}>
            ← Newer
          </Link>
        </>
      ) : (
        <span className={off} aria-disabled="true">
          ← Newer
        </span>
      )}
      {page.older ? (
        <Link href={href({ before: cursor(page.older) })} className={link}>
          Older →
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          Older →
        </span>
      )}
    </nav>
  );
}
