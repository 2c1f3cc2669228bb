import type { listMembers } from "@/lib/members/list-members";
import { displayName, formatDateTime, fullName } from "@/lib/members/format";
import { displayStatus, EMAIL_STATUS_LABELS, ROLE_LABELS } from "@/lib/members/labels";
import type { UserRow } from "./users-table";

/** The Users tab's rows as the table shows them, dates in the organization's time zone (also the support console's). */
export function userRows(members: Awaited<ReturnType<typeof listMembers>>["rows"], timeZone: string): UserRow[] {
  return members.map((m) => ({
    id: m.id,
    extension: m.extension ?? "",
    name: fullName(m),
    label: displayName(m),
    loginName: m.loginName ?? "",
    email: m.email ?? "",
    emailProblem: m.emailProblem,
    role: ROLE_LABELS[m.role],
    site: m.siteName ?? "",
    department: m.department ?? "",
    team: m.teamName ?? "No Team",
    status: displayStatus(m),
    confirmationSent: formatDateTime(m.confirmationSentAt, timeZone),
    confirmedAt: formatDateTime(m.confirmedAt, timeZone),
    lastEmail: m.lastEmailStatus ? (EMAIL_STATUS_LABELS[m.lastEmailStatus] ?? m.lastEmailStatus) : "",
  }));
}
