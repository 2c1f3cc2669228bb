"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EMAIL_STATUSES, emailLogHref, isEmailLogFiltered, NO_FILTERS, TEMPLATE_LABELS, type EmailLogQuery } from "@/lib/email/email-log-query";
import { EMAIL_STATUS_LABELS } from "@/lib/members/labels";

const PATH = "/email-log";
const STATUS_OPTIONS = EMAIL_STATUSES.map((value) => ({ value, label: EMAIL_STATUS_LABELS[value] ?? value }));
const TEMPLATE_OPTIONS = Object.entries(TEMPLATE_LABELS).map(([value, label]) => ({ value, label }));

/** A text the URL holds: follows the URL when it changes (back/forward, "Clear filters"), else keeps what was typed. */
function useUrlText(fromUrl: string) {
  const [text, setText] = useState(fromUrl);
  const [shown, setShown] = useState(fromUrl);
  if (shown !== fromUrl) {
    setShown(fromUrl);
    setText(fromUrl);
  }
  return [text, setText] as const;
}

/**
 * The email log's filters. A select applies at once; the recipient and the dates apply with Enter or "Apply", so
 * half-typed dates don't reload the page. Each applies everything in the bar and pushes one history entry.
 */
export function EmailLogFilters({ query, timeZone }: { query: EmailLogQuery; timeZone: string }) {
  const router = useRouter();
  const [recipient, setRecipient] = useUrlText(query.recipient);
  const [from, setFrom] = useUrlText(query.from ?? "");
  const [to, setTo] = useUrlText(query.to ?? "");
  const apply = (change: Partial<EmailLogQuery> = {}) =>
    router.push(emailLogHref(PATH, query, { recipient: recipient.trim().toLowerCase(), from: from || undefined, to: to || undefined, ...change }));

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
      <Select id="filter-status" label="Status" value={query.status ?? ""} options={STATUS_OPTIONS} onChange={(v) => apply({ status: (v || undefined) as EmailLogQuery["status"] })} />
      <Select id="filter-template" label="Email" value={query.template ?? ""} options={TEMPLATE_OPTIONS} onChange={(v) => apply({ template: (v || undefined) as EmailLogQuery["template"] })} />
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
      <DateInput id="filter-from" label="From" value={from} onChange={setFrom} max={to || undefined} />
      <DateInput id="filter-to" label="To" value={to} onChange={setTo} min={from || undefined} />
      <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
        Apply
      </button>
      {isEmailLogFiltered(query) && (
        <Link href={emailLogHref(PATH, query, NO_FILTERS)} className="px-2 py-2 text-sm font-medium text-blue-800 underline">
          Clear filters
        </Link>
      )}
      <p className="basis-full text-xs text-slate-600">Dates are days in {timeZone}, both included.</p>
    </form>
  );
}

function Select({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void }) {
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

function DateInput({ id, label, value, onChange, min, max }: { id: string; label: string; value: string; onChange: (value: string) => void; min?: string; max?: string }) {
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} type="date" value={value} min={min} max={max} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm" />
    </div>
  );
}
