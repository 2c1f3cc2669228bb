import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { currentOrganization, requireMemberActor } from "@/app/_lib/session";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { getDb } from "@/db";
import type { MemberActor } from "@/lib/actor";
import { roleOptions } from "@/lib/members/labels";
import { listMembers } from "@/lib/members/list-members";
import { placeableSites, sitesAndTeams } from "@/lib/members/placement";
import { RememberUsersSearch } from "./_components/users-search-memory";
import { isFiltered, parseUsersQuery, usersSearch, type UsersQuery } from "@/lib/members/users-query";
import { runningBulkSends } from "@/lib/onboarding/bulk-send-progress";
import { canInOrganization, grantableRoles, roleAllows } from "@/lib/permissions";
import type { BulkChoice } from "./_components/bulk-action-dialog";
import { BulkSendProgressList } from "./_components/bulk-send-progress";
import { Pagination } from "./_components/pagination";
import { userRows } from "./_components/user-rows";
import { UsersTable } from "./_components/users-table";
import { UsersToolbar } from "./_components/users-toolbar";

export async function generateMetadata(): Promise<Metadata> {
  const actor = await requireMemberActor();
  return { title: actor.role === "supervisor" ? "Agents" : "Users" };
}

/** The Users tab, "Agents" for supervisors (SPEC §4.3): the URL holds the whole query. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.listMembers", actor.organizationId)) notFound();
  const query = parseUsersQuery(await searchParams);
  const { sites, teams } = await sitesAndTeams(await getDb(), actor.organizationId);
  const title = actor.role === "supervisor" ? "Agents" : "Users";
  const mayAdd = canInOrganization(actor, "organization.addMembers", actor.organizationId);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {mayAdd && (
          <div className="flex gap-2">
            <Link href="/users/import" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
              Import
            </Link>
            <Link href="/users/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              Create
            </Link>
          </div>
        )}
      </div>
      <BulkSendProgressList
        running={await runningBulkSends(await getDb(), actor)}
        emailLog={canInOrganization(actor, "organization.viewEmailLog", actor.organizationId)}
      />
      <UsersToolbar query={query} sites={sites} teams={teams} noun={title.toLowerCase()} />
      <RememberUsersSearch search={usersSearch(query)} />
      <Suspense key={usersSearch(query)} fallback={<TableSkeleton rows={Math.min(query.size, 10)} label="Loading users" />}>
        <UsersResults actor={actor} query={query} sites={sites} teams={teams} title={title} mayAdd={mayAdd} />
      </Suspense>
    </div>
  );
}

async function UsersResults({
  actor,
  query,
  sites,
  teams,
  title,
  mayAdd,
}: {
  actor: MemberActor;
  query: UsersQuery;
  sites: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  title: string;
  mayAdd: boolean;
}) {
  const [list, organization] = await Promise.all([listMembers(await getDb(), actor, query), currentOrganization()]);
  const timeZone = organization?.defaultTimeZone ?? "UTC";
  if (list.total === 0) return <EmptyState filtered={isFiltered(query)} noun={title.toLowerCase()} mayAdd={mayAdd} />;
  const rows = userRows(list.rows, timeZone);
  const choices: BulkChoice[] = [
    ...(roleAllows(actor, "member.sendWelcome") ? (["invite"] as const) : []),
    ...(roleAllows(actor, "member.sendReset") ? (["reset"] as const) : []),
    ...(roleAllows(actor, "member.disable") ? (["disabled", "enabled"] as const) : []),
  ];
  const bulk = { edit: roleAllows(actor, "member.edit"), choices };
  return (
    <>
      <UsersTable
        rows={rows}
        total={list.total}
        query={query}
        bulk={bulk}
        sites={placeableSites(actor, sites)}
        teams={teams}
        roles={roleOptions(grantableRoles(actor))}
        noun={title.toLowerCase()}
        mayOpenAdvanced={(["member.disable", "member.resetCompletely", "member.sendWelcome", "member.sendReset"] as const).some((a) => roleAllows(actor, a))}
      />
      <Pagination query={query} page={list.page} pageCount={list.pageCount} total={list.total} shown={rows.length} />
    </>
  );
}

function EmptyState({ filtered, noun, mayAdd }: { filtered: boolean; noun: string; mayAdd: boolean }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      {filtered ? (
        <>
          <p className="font-medium">No {noun} match this search and these filters.</p>
          <p className="mt-1 text-sm text-slate-600">Check the spelling, search by extension, first or last name, site or department, or clear the filters.</p>
          <Link href="/users" className="mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Clear search and filters
          </Link>
        </>
      ) : (
        <>
          <p className="font-medium">No {noun} yet.</p>
          <p className="mt-1 text-sm text-slate-600">
            {mayAdd ? "Create the people of your organization one by one." : "People appear here once your office manager adds them to your teams."}
          </p>
          {mayAdd && (
            <Link href="/users/new" className="mt-4 inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              Create a user
            </Link>
          )}
        </>
      )}
    </div>
  );
}
