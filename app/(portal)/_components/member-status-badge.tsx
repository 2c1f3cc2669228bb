const STATUS_STYLES: Record<string, string> = {
  Pending: "bg-amber-50 text-amber-900 ring-amber-200",
  Active: "bg-green-50 text-green-900 ring-green-200",
  Disabled: "bg-slate-100 text-slate-700 ring-slate-300",
  "No portal access": "bg-blue-50 text-blue-900 ring-blue-200",
};

/** A member's status as the lists show it: Pending, Active, Disabled or No portal access. */
export function MemberStatusBadge({ status }: { status: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STATUS_STYLES[status] ?? ""}`}>{status}</span>;
}
