"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useState } from "react";
import type { MemberSelection } from "@/lib/members/schemas";
import { formatCount } from "@/lib/members/format";
import { usersHref, type UsersQuery } from "@/lib/members/users-query";
import { BulkActionDialog, type BulkChoice } from "./bulk-action-dialog";
import { BulkEditDialog, type BulkEditOptions } from "./bulk-edit-dialog";
import { EmailProblemBadge } from "./email-problem-badge";
import { BreakableEmail } from "@/components/ui/breakable-email";
import { STACKED } from "@/components/ui/stacked-table";
import { MemberStatusBadge } from "../../_components/member-status-badge";

export type UserRow = {
  id: string;
  extension: string;
  name: string;
  /** The name, or "Extension 201" for a member cleared by "Reset user completely". */
  label: string;
  loginName: string;
  email: string;
  emailProblem: "bounced" | "complained" | null;
  role: string;
  site: string;
  department: string;
  team: string;
  status: string;
  confirmationSent: string;
  confirmedAt: string;
  lastEmail: string;
};

/** An empty cell, so a blank never reads as "not loaded yet". */
const NONE = "—";

/**
 * The table with its selection: rows picked on this page, or "Select all N matching", which selects the query itself
 * (the server re-runs it), never a list of ids held here.
 */
export function UsersTable({
  rows,
  total,
  query,
  bulk,
  noun,
  mayOpenAdvanced,
  path = "/users",
  memberPath = "/users",
  ...options
}: {
  rows: UserRow[];
  total: number;
  query: UsersQuery;
  bulk: { edit: boolean; choices: BulkChoice[] };
  noun: string;
  mayOpenAdvanced: boolean;
  /** Where this list lives and where its members' pages are: the Users tab's, or the support console's (read-only). */
  path?: string;
  memberPath?: string;
} & BulkEditOptions) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [dialog, setDialog] = useState<"action" | "edit" | "activate" | null>(null);
  const selectable = bulk.edit || bulk.choices.length > 0;
  // Seed 004: with the "Pending" filter on, one button sends activation emails to every pending member it shows.
  const mayActivate = query.status === "pending" && bulk.choices.includes("invite");
  const pageIds = rows.map((r) => r.id);
  const pageSelected = allMatching || (pageIds.length > 0 && pageIds.every((id) => picked.has(id)));
  const someSelected = !pageSelected && pageIds.some((id) => picked.has(id));
  const count = allMatching ? total : picked.size;
  const selection: MemberSelection = allMatching ? { kind: "query", query } : { kind: "ids", ids: [...picked] };

  function toggleRow(id: string, on: boolean) {
    const next = new Set(allMatching ? pageIds : picked);
    if (on) next.add(id);
    else next.delete(id);
    setAllMatching(false);
    setPicked(next);
  }
  function togglePage(on: boolean) {
    setAllMatching(false);
    setPicked(on ? new Set(pageIds) : new Set());
  }
  function clearSelection() {
    setAllMatching(false);
    setPicked(new Set());
  }

  return (
    <div className="grid min-w-0 gap-3">
      {mayActivate && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2">
          <p className="text-sm text-amber-950">
            {total === 1 ? "1 pending user hasn't" : `${formatCount(total)} pending ${noun} haven't`} set a password yet.
          </p>
          <button type="button" onClick={() => setDialog("activate")} className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
            Send Activation Emails ({formatCount(total)})
          </button>
        </div>
      )}
      {selectable && count > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-4 py-2" role="region" aria-label="Selection">
          <p className="text-sm font-medium text-blue-900" aria-live="polite">
            {formatCount(count)} selected
          </p>
          {bulk.choices.length > 0 && (
            <button type="button" onClick={() => setDialog("action")} className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
              Bulk Action ({formatCount(count)})
            </button>
          )}
          {bulk.edit && (
            <button type="button" onClick={() => setDialog("edit")} className="rounded-md border border-blue-300 bg-white px-3 py-1.5 text-sm font-medium text-blue-900 hover:bg-blue-100">
              Bulk Edit ({formatCount(count)})
            </button>
          )}
          <button type="button" onClick={clearSelection} className="text-sm font-medium text-blue-900 underline">
            Clear selection
          </button>
        </div>
      )}
      {selectable && pageSelected && total > rows.length && (
        <p className="rounded-md bg-slate-100 px-4 py-2 text-center text-sm text-slate-800">
          {allMatching ? (
            <>
              All {formatCount(total)} matching {noun} are selected.{" "}
              <button type="button" onClick={clearSelection} className="font-medium text-blue-800 underline">
                Clear selection
              </button>
            </>
          ) : (
            <>
              All {rows.length} {noun} on this page are selected.{" "}
              <button type="button" onClick={() => setAllMatching(true)} className="font-medium text-blue-800 underline">
                Select all {formatCount(total)} matching
              </button>
            </>
          )}
        </p>
      )}
      {/* One table for every screen: below md its rows are stacked cards (CSS only, so nothing is rendered twice);
          explicit roles keep it a table for screen readers whatever its display. */}
      <div
        className={STACKED.frame}
        tabIndex={0}
        role="region"
        aria-label={`${noun} table`}
      >
        <table role="table" className={STACKED.table}>
          <thead role="rowgroup" className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase max-md:block max-md:border-0 max-md:bg-transparent">
            <tr
              role="row"
              className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-2 max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:bg-white max-md:px-1 max-md:py-1"
            >
              {selectable && (
                <th role="columnheader" scope="col" className="w-9 px-2 py-2 max-md:flex max-md:w-auto max-md:items-center max-md:gap-2">
                  <input
                    type="checkbox"
                    id="select-page"
                    aria-label="Select all on this page"
                    checked={pageSelected}
                    ref={(el) => {
                      if (el) el.indeterminate = someSelected;
                    }}
                    onChange={(e) => togglePage(e.target.checked)}
                    className="size-4"
                  />
                  <label htmlFor="select-page" aria-hidden="true" className="normal-case md:hidden">
                    Select all
                  </label>
                </th>
              )}
              <SortHeader path={path} query={query} sort="extension" label="Extension" />
              <SortHeader path={path} query={query} sort="name" label="Name" />
              <SortHeader path={path} query={query} sort="status" label="Status" />
              {["Email", "Role", "Site", "Department", "Team", "Confirmation sent", "Confirmed at", "Last email"].map((label) => (
                <th key={label} role="columnheader" scope="col" className={`px-2 py-2 ${STACKED.head}`}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup" className={`divide-y divide-slate-100 max-md:mt-2 ${STACKED.body}`}>
            {rows.map((row) => {
              const checked = allMatching || picked.has(row.id);
              return (
                <tr
                  key={row.id}
                  role="row"
                  className={`${checked ? "bg-blue-50/60" : "hover:bg-slate-50 max-md:bg-white"} ${STACKED.row}`}
                >
                  {selectable && (
                    <td role="cell" className="px-2 py-2 max-md:col-start-1 max-md:row-start-1 max-md:p-0 max-md:pt-0.5">
                      <input type="checkbox" aria-label={`Select ${row.label}`} checked={checked} onChange={(e) => toggleRow(row.id, e.target.checked)} className="size-4" />
                    </td>
                  )}
                  <td role="cell" data-label="Extension" className={`px-2 py-2 font-mono whitespace-nowrap ${STACKED.detail}`}>
                    {row.extension || NONE}
                  </td>
                  <td role="cell" className="px-2 py-2 max-md:col-start-2 max-md:row-start-1 max-md:min-w-0 max-md:p-0">
                    <div className="flex items-center gap-1">
                      <Link href={`${memberPath}/${row.id}`} className="font-medium text-blue-800 hover:underline">
                        {/* The Extension column already shows the number: an emptied name reads "No name yet" here. */}
                        {row.name || <span className="text-slate-600 italic">{row.extension ? "No name yet" : row.label}</span>}
                      </Link>
                      {/* The pencil opens the member's tabs; the support console's member page has none. */}
                      {memberPath === "/users" && <RowMenu id={row.id} label={row.label} mayOpenAdvanced={mayOpenAdvanced} />}
                    </div>
                    {row.loginName && <div className="text-xs break-all text-slate-600">{row.loginName}</div>}
                  </td>
                  <td role="cell" className="px-2 py-2 max-md:col-start-3 max-md:row-start-1 max-md:p-0">
                    <MemberStatusBadge status={row.status} />
                  </td>
                  <td role="cell" data-label="Email" className={`px-2 py-2 ${STACKED.detail}`}>
                    <span className="break-words max-md:min-w-0">{row.email ? <BreakableEmail email={row.email} /> : NONE}</span>
                    {row.emailProblem && <EmailProblemBadge problem={row.emailProblem} />}
                  </td>
                  <td role="cell" data-label="Role" className="px-2 py-2 max-md:hidden">
                    {row.role}
                  </td>
                  <td role="cell" data-label="Site" className={`px-2 py-2 ${STACKED.detail}`}>
                    {row.site || NONE}
                  </td>
                  <td role="cell" data-label="Department" className="px-2 py-2 max-md:hidden">
                    {row.department || NONE}
                  </td>
                  <td role="cell" data-label="Team" className={`px-2 py-2 ${STACKED.detail}`}>
                    {row.team}
                  </td>
                  <td role="cell" data-label="Confirmation sent" className={`min-w-[6.5rem] px-2 py-2 ${STACKED.detail}`}>
                    {row.confirmationSent || NONE}
                  </td>
                  <td role="cell" data-label="Confirmed at" className={`min-w-[6.5rem] px-2 py-2 ${STACKED.detail}`}>
                    {row.confirmedAt || NONE}
                  </td>
                  <td role="cell" data-label="Last email" className={`px-2 py-2 ${STACKED.detail}`}>
                    {row.lastEmail || NONE}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {dialog === "action" && (
        <BulkActionDialog
          selection={selection}
          count={count}
          names={allMatching ? null : rows.filter((r) => picked.has(r.id))}
          choices={bulk.choices}
          onClose={() => setDialog(null)}
          onDone={clearSelection}
        />
      )}
      {dialog === "activate" && (
        <BulkActionDialog
          title="Send Activation Emails"
          selection={{ kind: "query", query }}
          count={total}
          names={null}
          choices={["invite"]}
          onClose={() => setDialog(null)}
          onDone={clearSelection}
        />
      )}
      {dialog === "edit" && <BulkEditDialog selection={selection} count={count} onClose={() => setDialog(null)} onDone={clearSelection} {...options} />}
    </div>
  );
}

function SortHeader({ query, sort, label, path }: { query: UsersQuery; sort: UsersQuery["sort"]; label: string; path: string }) {
  const active = query.sort === sort;
  const nextDir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th role="columnheader" scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined} className="px-2 py-2 whitespace-nowrap max-md:px-2">
      <Link href={usersHref(query, { sort, dir: nextDir }, path)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
        {label}
        <span aria-hidden="true">{active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}</span>
        <span className="sr-only">{active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}. Sort ${nextDir === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </Link>
    </th>
  );
}

/** The pencil: Profile or Advanced, as managers know it from the old portal (seed 002). */
function RowMenu({ id, label, mayOpenAdvanced }: { id: string; label: string; mayOpenAdvanced: boolean }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label={`Open ${label}`} className="rounded p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M13.6 2.9a2 2 0 0 1 2.8 0l.7.7a2 2 0 0 1 0 2.8l-9.2 9.2-3.9 1 1-3.9 8.6-9.8Z" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" className="z-30 min-w-36 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          <DropdownMenu.Item asChild>
            <Link href={`/users/${id}`} className="block rounded px-3 py-1.5 outline-none data-[highlighted]:bg-blue-50">
              Profile
            </Link>
          </DropdownMenu.Item>
          {mayOpenAdvanced && (
            <DropdownMenu.Item asChild>
              <Link href={`/users/${id}/advanced`} className="block rounded px-3 py-1.5 outline-none data-[highlighted]:bg-blue-50">
                Advanced
              </Link>
            </DropdownMenu.Item>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
