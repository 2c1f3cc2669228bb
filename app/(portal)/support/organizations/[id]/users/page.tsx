import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { getDb } from "@/db";
import type { SupportViewer } from "@/lib/actor";
import { listMembers } from "@/lib/members/list-members";
import { sitesAndTeams } from "@/lib/members/placement";
import { isFiltered, parseUsersQuery, usersHref, usersSearch, type UsersQuery } from "@/lib/members/users-query";
import { Pagination } from "../../../../users/_components/pagination";
import { userRows } from "../../../../users/_components/user-rows";
import { UsersTable } from "../../../../users/_components/users-table";
import { UsersToolbar } from "../../../../users/_components/users-toolbar";
import { loadSupportOrganization } from "../../../_components/load-organization";
import { supportPaths } from "../../../_components/support-paths";

export const metadata: Metadata = { title: "Users" };

/** An organization's Users tab in the support console: the same search, filters and columns, nothing to select or change. */
export default async function SupportUsersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const { viewer, organization } = await loadSupportOrganization(id);
  const query = parseUsersQuery(await searchParams);
  const { sites, teams } = await sitesAndTeams(await getDb(), viewer.organizationId);
  const path = supportPaths.users(id);
  return (
    <div className="grid gap-4">
      <UsersToolbar query={query} sites={sites} teams={teams} noun="users" path={path} />
      <Suspense key={usersSearch(query)} fallback={<TableSkeleton rows={Math.min(query.size, 10)} label="Loading users" />}>
        <SupportUsersResults viewer={viewer} query={query} path={path} timeZone={organization.defaultTimeZone} />
      </Suspense>
    </div>
  );
}

async function SupportUsersResults({ viewer, query, path, timeZone }: { viewer: SupportViewer; query: UsersQuery; path: string; timeZone: string }) {
  const list = await listMembers(await getDb(), viewer, query);
  if (list.total === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium">{isFiltered(query) ? "No users match this search and these filters." : "This organization has no users yet."}</p>
        {isFiltered(query) && (
          <Link href={usersHref(query, { q: "", status: undefined, role: undefined, site: undefined, team: undefined }, path)} className="mt-4 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Clear search and filters
          </Link>
        )}
      </div>
    );
  }
  return (
    <>
      <UsersTable
        rows={userRows(list.rows, timeZone)}
        total={list.total}
        query={query}
        bulk={{ edit: false, choices: [] }}
        sites={[]}
        teams={[]}
        roles={[]}
        noun="users"
        mayOpenAdvanced={false}
        path={path}
        memberPath={supportPaths.members}
      />
      <Pagination query={query} page={list.page} pageCount={list.pageCount} total={list.total} shown={list.rows.length} path={path} />
    </>
  );
}
