import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requireMemberActor } from "@/app/_lib/session";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { getDb } from "@/db";
import { viewerTimeZone } from "@/lib/audit-log/audit-log";
import { auditLogSearch, parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { canInOrganization } from "@/lib/permissions";
import { AuditLogResults } from "../_components/audit-log-results";
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
        <AuditLogResults viewer={actor} organizationId={actor.organizationId} query={query} path={PATH} />
      </Suspense>
    </div>
  );
}
