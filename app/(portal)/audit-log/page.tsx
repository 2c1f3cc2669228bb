import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requireMemberActor } from "@/app/_lib/session";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { getDb } from "@/db";
import type { MemberActor } from "@/lib/actor";
import { auditLogPage, viewerTimeZone } from "@/lib/audit-log/audit-log";
import { auditLogSearch, DEFAULT_AUDIT_QUERY, isAuditFiltered, parseAuditLogQuery, type AuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { canInOrganization } from "@/lib/permissions";
import { AuditEventsTable, AuditPager } from "../_components/audit-events";
import { AuditLogFilters } from "./_components/audit-log-filters";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/audit-log";

/**
 * The audit log (SPEC §4.13): who did what to whom and when, for owners and admins (site managers: the events about
 * their sites' people), filtered and paged from the URL, and exported as CSV with the same filters.
 */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.viewAuditLog", actor.organizationId)) notFound();
  const query = parseAuditLogQuery(await searchParams);
  const timeZone = await viewerTimeZone(await getDb(), actor, actor.organizationId);
  const exportHref = `/api/audit-log/export${auditLogSearch({ ...query, before: undefined, after: undefined })}`;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-sm text-slate-600">
            {actor.role === "site_manager"
              ? "Who did what to the people of your sites, and when, newest first."
              : "Who did what in your organization, to whom and when, newest first. Support staff's acts are marked, with their reason."}
          </p>
        </div>
        <a href={exportHref} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100" download>
          Export CSV
        </a>
      </div>
      <AuditLogFilters path={PATH} query={query} timeZone={timeZone} />
      <Suspense key={auditLogSearch(query)} fallback={<TableSkeleton rows={10} label="Loading the audit log" />}>
        <AuditLogResults actor={actor} query={query} />
      </Suspense>
    </div>
  );
}

async function AuditLogResults({ actor, query }: { actor: MemberActor; query: AuditLogQuery }) {
  const page = await auditLogPage(await getDb(), { viewer: actor, organizationId: actor.organizationId, query });
  return (
    <>
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          {isAuditFiltered(query) ? (
            <>
              <p className="font-medium">No events match these filters.</p>
              <p className="mt-1 text-sm text-slate-600">Check the names, widen the dates, or clear the filters.</p>
              <Link href={`${PATH}${auditLogSearch({ ...DEFAULT_AUDIT_QUERY, size: query.size })}`} className="mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
                Clear filters
              </Link>
            </>
          ) : (
            <p className="font-medium">Nothing has happened yet.</p>
          )}
        </div>
      ) : (
        <>
          <AuditEventsTable rows={page.rows} timeZone={page.timeZone} caption="Audit events" />
          <AuditPager path={PATH} query={query} page={page} />
        </>
      )}
    </>
  );
}
