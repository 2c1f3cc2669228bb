import type { EmailStatus } from "@/db/schema";
import { EMAIL_STATUS_LABELS } from "@/lib/members/labels";

/** Colour helps scanning; the word says it, so nobody needs to tell red from green. */
const STATUS_STYLES: Record<EmailStatus, string> = {
  queued: "bg-slate-100 text-slate-800 ring-slate-300",
  sending: "bg-sky-50 text-sky-900 ring-sky-200",
  sent: "bg-blue-50 text-blue-900 ring-blue-200",
  delivered: "bg-green-50 text-green-900 ring-green-200",
  delayed: "bg-amber-50 text-amber-900 ring-amber-300",
  bounced: "bg-red-50 text-red-800 ring-red-200",
  complained: "bg-red-50 text-red-800 ring-red-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return (
    <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS_STYLES[status]}`}>
      {EMAIL_STATUS_LABELS[status] ?? status}
    </span>
  );
}
