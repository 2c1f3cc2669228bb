import Link from "next/link";
import { getDb } from "@/db";
import type { Actor } from "@/lib/actor";
import { auditLogPage } from "@/lib/audit-log/audit-log";
import { auditLogSearch, DEFAULT_AUDIT_QUERY, isAuditFiltered, type AuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { AuditEventsTable, AuditPager, type AuditLinks } from "./audit-events";

/**
 * One page of an organization's audit log with Newer/Older, or what to do when it's empty: the Audit log tab's, and
 * the support console's copy of it (its own path, and its own pages for members and bulk sends).
 */
export async function AuditLogResults({
  viewer,
  organizationId,
  query,
  path,
  links,
}: {
  viewer: Actor;
  organizationId: string;
  query: AuditLogQuery;
  path: string;
  links?: AuditLinks;
}) {
  const page = await auditLogPage(await getDb(), { viewer, organizationId, query });
  return (
    <>
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          {isAuditFiltered(query) ? (
            <>
              <p className="font-medium">No events match these filters.</p>
              <p className="mt-1 text-sm text-slate-600">Check the names, widen the dates, or clear the filters.</p>
              <Link href={`${path}${auditLogSearch({ ...DEFAULT_AUDIT_QUERY, size: query.size })}`} className="mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
                Clear filters
              </Link>
            </>
          ) : (
            <p className="font-medium">Nothing has happened yet.</p>
          )}
        </div>
      ) : (
        <>
          <AuditEventsTable rows={page.rows} timeZone={page.timeZone} caption="Audit events" links={links} />
          <AuditPager path={path} query={query} page={page} />
        </>
      )}
    </>
  );
}
