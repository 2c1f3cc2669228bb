"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { roleOptions, ROLES, STATUS_FILTERS } from "@/lib/members/labels";
import { isFiltered, usersHref, type UsersQuery } from "@/lib/members/users-query";

type Option = { id: string; name: string };

/**
 * The search box and filters of the Users tab. Typing replaces the URL after a pause (no history entry per letter);
 * a filter pushes one, so the back button steps back through them.
 */
export function UsersToolbar({ query, sites, teams, noun, path = "/users" }: { query: UsersQuery; sites: Option[]; teams: Option[]; noun: string; path?: string }) {
  const router = useRouter();
  const [text, setText] = useState(query.q);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Back/forward changes the URL under us: show what it holds (adjusting state while rendering, as React advises).
  // What we typed ourselves arriving back must not overwrite letters typed since.
  const [shownQuery, setShownQuery] = useState(query.q);
  const [pushed, setPushed] = useState(query.q);
  if (shownQuery !== query.q) {
    setShownQuery(query.q);
    if (query.q !== pushed) {
      setText(query.q);
      setPushed(query.q);
    }
  }
  useEffect(() => () => clearTimeout(typing.current), []);

  function search(value: string) {
    setText(value);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => {
      setPushed(value.trim());
      router.replace(usersHref(query, { q: value.trim() }, path));
    }, 300);
  }
  const filter = (change: Partial<UsersQuery>) => router.push(usersHref(query, change, path));

  return (
    <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <form
        role="search"
        className="grid min-w-64 flex-1 gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          clearTimeout(typing.current);
          setPushed(text.trim());
          router.push(usersHref(query, { q: text.trim() }, path));
        }}
      >
        <label htmlFor="users-search" className="text-sm font-medium text-slate-800">
          Search
        </label>
        <input
          id="users-search"
          type="search"
          value={text}
          onChange={(e) => search(e.target.value)}
          placeholder="Name, extension, email, login name, site or department"
          aria-describedby="users-search-hint"
          className="rounded-md border border-slate-300 px-3 py-2 shadow-sm"
        />
        <span id="users-search-hint" className="sr-only">
          Results update as you type.
        </span>
      </form>
      <Filter
        id="filter-status"
        label="Status"
        value={query.status ?? ""}
        onChange={(v) => filter({ status: (v || undefined) as UsersQuery["status"] })}
        options={Object.entries(STATUS_FILTERS).map(([value, label]) => ({ value, label }))}
      />
      <Filter
        id="filter-role"
        label="Role"
        value={query.role ?? ""}
        onChange={(v) => filter({ role: (v || undefined) as UsersQuery["role"] })}
        options={roleOptions(ROLES)}
      />
      {sites.length > 0 && (
        <Filter
          id="filter-site"
          label="Site"
          value={query.site ?? ""}
          onChange={(v) => filter({ site: v || undefined })}
          options={[...sites.map((s) => ({ value: s.id, label: s.name })), { value: "none", label: "No site" }]}
        />
      )}
      {teams.length > 0 && (
        <Filter
          id="filter-team"
          label="Team"
          value={query.team ?? ""}
          onChange={(v) => filter({ team: v || undefined })}
          options={[...teams.map((t) => ({ value: t.id, label: t.name })), { value: "none", label: "No Team" }]}
        />
      )}
      {isFiltered(query) && (
        <Link href={usersHref(query, { q: "", status: undefined, role: undefined, site: undefined, team: undefined }, path)} className="px-2 py-2 text-sm font-medium text-blue-800 underline">
          Clear filters
        </Link>
      )}
      <p className="sr-only" aria-live="polite">
        {isFiltered(query) ? `Showing ${noun} matching your search and filters` : ""}
      </p>
    </div>
  );
}

function Filter({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm">
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
