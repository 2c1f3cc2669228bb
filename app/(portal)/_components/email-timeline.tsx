import type { TimelineEntry } from "@/lib/email/email-log";

const DOT_STYLES: Record<string, string> = {
  delivered: "bg-green-600",
  bounced: "bg-red-600",
  complained: "bg-red-600",
  failed: "bg-red-600",
  retry: "bg-amber-500",
  delivery_delayed: "bg-amber-500",
  suppressed: "bg-amber-500",
};

/** One message's status timeline (SPEC §4.11), oldest first, with seconds: a scanner shows up seconds after delivery. */
export function EmailTimeline({ entries, timeZone }: { entries: TimelineEntry[]; timeZone: string }) {
  const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone });
  return (
    <ol className="grid gap-2">
      {entries.map((e, i) => (
        <li key={i} className="grid grid-cols-[auto_13rem_1fr] items-baseline gap-x-3 text-sm">
          <span aria-hidden="true" className={`size-2.5 translate-y-[-1px] rounded-full ${DOT_STYLES[e.type] ?? "bg-slate-400"}`} />
          <time dateTime={e.at.toISOString()} className="tabular-nums text-slate-600">
            {time.format(e.at)}
          </time>
          <span className="text-slate-900">
            <span className="font-medium">{e.label}</span>
            {e.probablyScanner && (
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300">probably a link scanner</span>
            )}
            {e.detail && <span className="block break-words text-slate-700">{e.detail}</span>}
            {e.retryAt && <span className="block text-slate-600">Next try {time.format(e.retryAt)}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
