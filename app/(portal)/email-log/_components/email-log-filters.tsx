"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { FilterDate, FilterSelect, useUrlText } from "@/components/ui/filter-controls";
import { EMAIL_STATUSES, emailLogHref, isEmailLogFiltered, NO_FILTERS, TEMPLATE_LABELS, type EmailLogQuery } from "@/lib/email/email-log-query";
import { EMAIL_STATUS_LABELS } from "@/lib/members/labels";

const STATUS_OPTIONS = EMAIL_STATUSES.map((value) => ({ value, label: EMAIL_STATUS_LABELS[value] ?? value }));
const TEMPLATE_OPTIONS = Object.entries(TEMPLATE_LABELS).map(([value, label]) => ({ value, label }));

/**
 * The email log's filters. A select applies at once; the recipient and the dates apply with Enter or "Apply", so
 * half-typed dates don't reload the page. Each applies everything in the bar and pushes one history entry.
 */
export function EmailLogFilters({ path, query, timeZone }: { path: string; query: EmailLogQuery; timeZone: string }) {
  const router = useRouter();
  const [recipient, setRecipient] = useUrlText(query.recipient);
  const [from, setFrom] = useUrlText(query.from ?? "");
  const [to, setTo] = useUrlText(query.to ?? "");
  const apply = (change: Partial<EmailLogQuery> = {}) =>
    router.push(emailLogHref(path, query, { recipient: recipient.trim().toLowerCase(), from: from || undefined, to: to || undefined, ...change }));

  return (
    <form
      role="search"
      aria-label="Filter the email log"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <FilterSelect id="filter-status" label="Status" value={query.status ?? ""} options={STATUS_OPTIONS} onChange={(v) => apply({ status: (v || undefined) as EmailLogQuery["status"] })} />
      <FilterSelect id="filter-template" label="Email" value={query.template ?? ""} options={TEMPLATE_OPTIONS} onChange={(v) => apply({ template: (v || undefined) as EmailLogQuery["template"] })} />
      <div className="grid min-w-56 flex-1 gap-1">
        <label htmlFor="filter-recipient" className="text-sm font-medium text-slate-800">
          Recipient
        </label>
        <input
          id="filter-recipient"
          type="search"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
          placeholder="All or part of an email address"
          className="rounded-md border border-slate-300 px-3 py-2 shadow-sm"
        />
      </div>
      <FilterDate id="filter-from" label="From" value={from} onChange={setFrom} max={to || undefined} />
      <FilterDate id="filter-to" label="To" value={to} onChange={setTo} min={from || undefined} />
      <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
        Apply
      </button>
      {isEmailLogFiltered(query) && (
        <Link href={emailLogHref(path, query, NO_FILTERS)} className="px-2 py-2 text-sm font-medium text-blue-800 underline">
          Clear filters
        </Link>
      )}
      <p className="basis-full text-xs text-slate-600">
        {query.job && "Showing the emails of one bulk send. "}Dates are days in {timeZone}, both included.
      </p>
    </form>
  );
}
