import type { Metadata } from "next";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { getDb } from "@/db";
import { viewerTimeZone } from "@/lib/audit-log/audit-log";
import { auditLogSearch, parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { AuditLogResults } from "../../../../_components/audit-log-results";
import { AuditLogFilters } from "../../../../audit-log/_components/audit-log-filters";
import { loadSupportOrganization } from "../../../_components/load-organization";
import { supportPaths } from "../../../_components/support-paths";

export const metadata: Metadata = { title: "Audit log" };

/** An organization's audit log in the support console: what its owner reads, with the same filters. */
export default async function SupportAuditLogPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const { viewer, organization } = await loadSupportOrganization(id);
  const query = parseAuditLogQuery(await searchParams);
  const timeZone = await viewerTimeZone(await getDb(), viewer, viewer.organizationId);
  const path = supportPaths.auditLog(id);
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600">Who did what in {organization.name}, to whom and when, newest first. Support&apos;s acts show with their reason.</p>
      <AuditLogFilters path={path} query={query} timeZone={timeZone} />
      <Suspense key={auditLogSearch(query)} fallback={<TableSkeleton rows={10} label="Loading the audit log" />}>
        <AuditLogResults viewer={viewer} organizationId={viewer.organizationId} query={query} path={path} links={{ memberPath: supportPaths.members, emailLogPath: supportPaths.emailLog(id) }} />
      </Suspense>
    </div>
  );
}
