import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { auditLogPage } from "@/lib/audit-log/audit-log";
import { parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { displayName } from "@/lib/members/format";
import { AuditEventsTable, AuditPager } from "../../../_components/audit-events";
import { loadProfile } from "../load-profile";

export const metadata: Metadata = { title: "Activity" };

/** The member page's "Activity" tab (SPEC §4.13): the audit events about them, newest first. */
export default async function MemberActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { actor, member: m, may } = await loadProfile(id);
  if (!may.viewActivity) notFound();
  // Only paging applies here: the tab lists everything about this one person.
  const { before, after, size } = parseAuditLogQuery(await searchParams);
  const query = { ...parseAuditLogQuery({}), before, after, size };
  const page = await auditLogPage(await getDb(), { viewer: actor, organizationId: m.organizationId, query, about: m.id });
  const path = `/users/${m.id}/activity`;
  const name = displayName(m);
  if (page.rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium">Nothing has been done to {name} yet.</p>
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600">
        What was done to {name}, and what they did to their own account, newest first. Times are in {page.timeZone}.
      </p>
      <AuditEventsTable rows={page.rows} timeZone={page.timeZone} caption={`Activity of ${name}`} showTarget={false} />
      <AuditPager path={path} query={query} page={page} />
    </div>
  );
}
