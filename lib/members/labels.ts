import type { Member, Role } from "@/db/schema";
import { enPages } from "../i18n/messages/en-pages";

/** The names our users know from the seeds (SPEC §1, §4.3). */
export const ROLE_LABELS: Record<Role, string> = enPages.roles;

export type DisplayStatus = "Pending" | "Active" | "Disabled" | "No portal access";

/** The status column of the Users tab: login-less members show "No portal access" whatever their stored status. */
export function displayStatus(m: Pick<Member, "portalAccess" | "status">): DisplayStatus {
  if (m.status === "disabled") return "Disabled";
  if (!m.portalAccess) return "No portal access";
  return m.status === "active" ? "Active" : "Pending";
}

/** Choices for a role picker. */
export const roleOptions = (roles: readonly Role[]) => roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** Every role, highest first: the order of role pickers and filters. */
export const ROLES = ["owner", "admin", "site_manager", "supervisor", "member"] as const satisfies readonly Role[];

/** The status filter of the Users tab: the four statuses a manager sees (SPEC §4.3). */
export const STATUS_FILTERS = { pending: "Pending", active: "Active", disabled: "Disabled", "no-portal": "No portal access" } as const;
export type StatusFilter = keyof typeof STATUS_FILTERS;

/** The "Last email" column and the email log (SPEC §2 statuses). */
export const EMAIL_STATUS_LABELS: Record<string, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  bounced: "Bounced",
  complained: "Marked as spam",
  delayed: "Delayed",
  failed: "Failed",
};
