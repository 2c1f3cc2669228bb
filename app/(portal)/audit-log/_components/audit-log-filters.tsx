"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { FilterDate, FilterSelect, useUrlText, type FilterOption } from "@/components/ui/filter-controls";
import { auditLogSearch, DEFAULT_AUDIT_QUERY, isAuditFiltered, type AuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { AUDIT_ACTIONS } from "@/lib/audit-log/describe";

const ACTION_OPTIONS: FilterOption[] = Object.entries(AUDIT_ACTIONS).map(([value, { label, group }]) => ({ value, label, group }));
const BY_OPTIONS: FilterOption[] = [
  { value: "support", label: "Support staff" },
  { value: "directory", label: "Directory sync" },
  { value: "system", label: "The system, or someone not signed in" },
];

/**
 * The audit log's filters (SPEC §4.13): who did it, what, to whom, between which days. A select applies at once; the
 * texts and dates with Enter or "Apply". Any change starts again at the newest events.
 */
export function AuditLogFilters({ path, query, timeZone }: { path: string; query: AuditLogQuery; timeZone: string }) {
  const router = useRouter();
  const [actor, setActor] = useUrlText(query.actor);
  const [target, setTarget] = useUrlText(query.target);
  const [from, setFrom] = useUrlText(query.from ?? "");
  const [to, setTo] = useUrlText(query.to ?? "");
  const apply = (change: Partial<AuditLogQuery> = {}) =>
    router.push(
      `${path}${auditLogSearch({ ...query, actor: actor.trim(), target: target.trim(), from: from || undefined, to: to || undefined, before: undefined, after: undefined, ...change })}`,
    );
  const cleared = `${path}${auditLogSearch({ ...DEFAULT_AUDIT_QUERY, size: query.size })}`;
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <FilterSelect id="filter-action" label="Action" all="Any action" value={query.action ?? ""} options={ACTION_OPTIONS} onChange={(v) => apply({ action: (v || undefined) as AuditLogQuery["action"] })} />
      <FilterSelect id="filter-by" label="Done by" all="Anyone" value={query.by ?? ""} options={BY_OPTIONS} onChange={(v) => apply({ by: (v || undefined) as AuditLogQuery["by"] })} />
      <TextFilter id="filter-actor" label="Person who did it" value={actor} onChange={setActor} />
      <TextFilter id="filter-target" label="User it was done to" value={target} onChange={setTarget} />
      <FilterDate id="filter-from" label="From" value={from} onChange={setFrom} max={to || undefined} />
      <FilterDate id="filter-to" label="To" value={to} onChange={setTo} min={from || undefined} />
      <div className="flex items-center gap-2">
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          Apply
        </button>
        {isAuditFiltered(query) && (
          <Link href={cleared} className="px-2 py-2 text-sm font-medium text-blue-800 underline">
            Clear filters
          </Link>
        )}
      </div>
      <p className="basis-full text-xs text-slate-600">
        People by name, extension, login name or email. Dates are days in {timeZone}, both included.
      </p>
    </form>
  );
}

function TextFilter({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="grid min-w-0 gap-1 sm:min-w-48 sm:flex-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        maxLength={100}
        onChange={(e) => onChange(e.target.value)}
        placeholder="Name, extension or email"
        className="min-w-0 rounded-md border border-slate-300 px-3 py-2 shadow-sm"
      />
    </div>
  );
}
