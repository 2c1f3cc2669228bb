import type { Metadata } from "next";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { emailLogSearch, parseEmailLogQuery } from "@/lib/email/email-log-query";
import { EmailLogResults } from "../../../../_components/email-log-results";
import { EmailLogFilters } from "../../../../email-log/_components/email-log-filters";
import { loadSupportOrganization } from "../../../_components/load-organization";
import { supportPaths } from "../../../_components/support-paths";

export const metadata: Metadata = { title: "Email log" };

/** An organization's email log in the support console (seed 003's "we check the email logs for you"): every email, each with its timeline. */
export default async function SupportEmailLogPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const { viewer, organization } = await loadSupportOrganization(id);
  const query = parseEmailLogQuery(await searchParams);
  const path = supportPaths.emailLog(id);
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600">
        Every email sent to {organization.name}&apos;s users, newest first. Open a row to follow it from queued to delivered. Times are in {organization.defaultTimeZone}.
      </p>
      <EmailLogFilters path={path} query={query} timeZone={organization.defaultTimeZone} />
      <Suspense key={emailLogSearch(query)} fallback={<TableSkeleton rows={Math.min(query.size, 10)} label="Loading emails" />}>
        <EmailLogResults viewer={viewer} organizationId={viewer.organizationId} query={query} path={path} memberPath={supportPaths.members} />
      </Suspense>
    </div>
  );
}
