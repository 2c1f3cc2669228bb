import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { currentOrganization, requireMemberActor } from "@/app/_lib/session";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { emailLogSearch, parseEmailLogQuery } from "@/lib/email/email-log-query";
import { EmailLogResults } from "../_components/email-log-results";
import { canInOrganization } from "@/lib/permissions";
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
      <EmailLogFilters path={PATH} query={query} timeZone={timeZone} />
      <Suspense key={emailLogSearch(query)} fallback={<TableSkeleton rows={Math.min(query.size, 10)} label="Loading emails" />}>
        <EmailLogResults viewer={actor} organizationId={actor.organizationId} query={query} path={PATH} />
      </Suspense>
    </div>
  );
}
