import { ROLE_LABELS } from "../members/labels";
import { durationText } from "../organizations/duration";
import type { Role } from "@/db/schema";

/**
 * The audit log's words (SPEC §4.13): what each recorded action is called ("Sent a welcome email"), and what changed,
 * field by field, from and to. Plain functions of the stored event, so the page, the member's Activity tab and the CSV
 * export say the same.
 */

/** Every action the product records, in the words of the log, grouped as its filter offers them. */
export const AUDIT_ACTIONS = {
  "member.create": { label: "Created a user", group: "Users" },
  "member.import": { label: "Imported users", group: "Users" },
  "member.update": { label: "Edited a user", group: "Users" },
  "member.disable": { label: "Disabled a user", group: "Users" },
  "member.enable": { label: "Enabled a user", group: "Users" },
  "member.reset-completely": { label: "Reset a user completely", group: "Users" },
  "member.welcome-sent": { label: "Sent a welcome email", group: "Emails" },
  "member.reset-sent": { label: "Sent a password reset", group: "Emails" },
  "members.welcome-sent": { label: "Sent welcome emails", group: "Emails" },
  "members.reset-sent": { label: "Sent password resets", group: "Emails" },
  "member.password-set": { label: "Set their password", group: "Sign-in and passwords" },
  "sign-in.locked-out": { label: "Sign-in paused after failed attempts", group: "Sign-in and passwords" },
  "account.password-change": { label: "Changed their password", group: "Sign-in and passwords" },
  "account.sign-out-elsewhere": { label: "Signed out everywhere else", group: "Sign-in and passwords" },
  "account.voicemail-pin-change": { label: "Changed their voicemail PIN", group: "Sign-in and passwords" },
  "account.profile-update": { label: "Edited their profile", group: "My Account" },
  "account.email-change-request": { label: "Asked to change their email address", group: "My Account" },
  "account.email-change-resend": { label: "Asked for a new link to their new email address", group: "My Account" },
  "account.email-change-cancel": { label: "Cancelled their email address change", group: "My Account" },
  "account.email-change": { label: "Changed their email address", group: "My Account" },
  "account.email-change-undo": { label: "Undid an email address change (\"This wasn't me\")", group: "My Account" },
  "account.email-add": { label: "Added an email address", group: "My Account" },
  "account.email-add-resend": { label: "Asked for a new link to an added email address", group: "My Account" },
  "account.email-verify": { label: "Confirmed an added email address", group: "My Account" },
  "account.email-remove": { label: "Removed an added email address", group: "My Account" },
  "site.create": { label: "Created a site", group: "Organization" },
  "site.rename": { label: "Renamed a site", group: "Organization" },
  "site.delete": { label: "Deleted a site", group: "Organization" },
  "site.manager-add": { label: "Made a site manager", group: "Organization" },
  "site.manager-remove": { label: "Removed a site manager", group: "Organization" },
  "team.create": { label: "Created a team", group: "Organization" },
  "team.rename": { label: "Renamed a team", group: "Organization" },
  "team.delete": { label: "Deleted a team", group: "Organization" },
  "team.manager-add": { label: "Made a supervisor", group: "Organization" },
  "team.manager-remove": { label: "Removed a supervisor", group: "Organization" },
  "organization.setup": { label: "Set up the organization", group: "Organization" },
  "organization.settings-changed": { label: "Changed the organization's settings", group: "Organization" },
  "organization.seed-demo": { label: "Created the demo organization", group: "Organization" },
  "directory.token-create": { label: "Made a directory sync token", group: "Directory sync" },
  "directory.token-revoke": { label: "Revoked a directory sync token", group: "Directory sync" },
} as const satisfies Record<string, { label: string; group: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** An action we have no words for (one recorded by a later version, say): readable rather than hidden. */
const humanize = (action: string) => {
  const words = action.replace(/[._-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Names the log needs that events store as ids: sites and teams (looked up once per page). */
export type AuditNames = { sites: Map<string, string | null>; teams: Map<string, string | null> };

export type AuditChange = { field: string; from: string; to: string };
export type AuditDescription = { what: string; changes: AuditChange[]; notes: string[] };

const FIELD_LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  extension: "Extension",
  loginName: "Login name",
  role: "Role",
  siteId: "Site",
  teamId: "Team",
  department: "Department",
  directNumber: "Direct number",
  portalAccess: "Portal access",
  primaryEmail: "Email",
  status: "Status",
  language: "Language",
  timeZone: "Time zone",
  listedInDirectory: "Listed in directory",
  name: "Name",
  senderName: "Sender name",
  replyTo: "Reply-to address",
  inviteLinkDays: "Welcome links work for",
  resetLinkMinutes: "Password reset links work for",
  minPasswordLength: "Minimum password length",
  defaultLanguage: "Default language",
  defaultTimeZone: "Default time zone",
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** A stored value as the log shows it: names for ids and roles, "Yes"/"No", "—" for nothing. */
function shown(field: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === "") return field === "siteId" ? "No site" : field === "teamId" ? "No Team" : "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (field === "role" && typeof value === "string" && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (field === "siteId") return names.sites.get(String(value)) ?? "A deleted site";
  if (field === "teamId") return names.teams.get(String(value)) ?? "A deleted team";
  if (field === "status") return value === "disabled" ? "Disabled" : value === "active" ? "Active" : String(value);
  if (field === "inviteLinkDays" && typeof value === "number") return durationText(value * 24 * 60);
  if (field === "resetLinkMinutes" && typeof value === "number") return durationText(value);
  return String(value);
}

/** The changes an event's details record: `changes: { field: { from, to } }`, or a bulk edit's fields set to a value. */
function changesOf(details: Record<string, unknown>, names: AuditNames): AuditChange[] {
  if (isRecord(details.changes)) {
    return Object.entries(details.changes).flatMap(([field, change]) =>
      isRecord(change) ? [{ field: FIELD_LABELS[field] ?? field, from: shown(field, change.from, names), to: shown(field, change.to, names) }] : [],
    );
  }
  if (details.bulk === true) {
    return Object.entries(details)
      .filter(([field]) => field !== "bulk")
      .map(([field, value]) => ({ field: FIELD_LABELS[field] ?? field, from: "", to: shown(field, value, names) }));
  }
  return [];
}

/** What an event says, in words: its action (made precise by its details), the changes, and notes worth a line. */
export function describeAuditEvent(event: { action: string; details: Record<string, unknown> }, names: AuditNames): AuditDescription {
  const d = event.details;
  const changes = changesOf(d, names);
  const notes: string[] = [];
  let what: string = AUDIT_ACTIONS[event.action as AuditAction]?.label ?? humanize(event.action);
  switch (event.action) {
    case "member.update": {
      const role = changes.find((c) => c.field === "Role");
      // "Changed role from Member to Site Manager": the change a manager looks for, said as one.
      if (role && changes.length === 1 && role.from) what = `Changed role from ${role.from} to ${role.to}`;
      else if (d.bulk === true) what = "Edited users in a bulk edit";
      break;
    }
    case "member.welcome-sent":
    case "member.reset-sent":
      if (text(d.to)) notes.push(`To ${text(d.to)}`);
      if (d.requestedBy === "member") notes.push(d.via === "forgot-password" ? "Asked for with “Forgot your password?”" : "Asked for with “Send me a new link”");
      if (text(d.correctedFrom)) notes.push(`Resent to a corrected address: the email to ${text(d.correctedFrom)} didn't arrive`);
      break;
    case "members.welcome-sent":
    case "members.reset-sent":
      if (typeof d.emails === "number") what = `${what.replace(/s$/, "")}s: ${d.emails} ${d.emails === 1 ? "email" : "emails"}`;
      break;
    case "member.import":
      what = `Imported ${typeof d.imported === "number" ? `${d.imported} ${d.imported === 1 ? "user" : "users"}` : "users"}${text(d.fileName) ? ` from ${text(d.fileName)}` : ""}`;
      break;
    case "sign-in.locked-out":
      if (typeof d.minutes === "number") notes.push(`Paused for ${durationText(d.minutes)}`);
      if (text(d.identifier)) notes.push(`Typed: ${text(d.identifier)}`);
      break;
    case "account.email-change-request":
    case "account.email-change":
      if (text(d.to)) changes.push({ field: "Email", from: text(d.from) || "—", to: text(d.to) });
      break;
    case "account.email-change-undo":
      if (text(d.restored)) changes.push({ field: "Email", from: text(d.replaced) || "—", to: text(d.restored) });
      notes.push("Every session was signed out");
      break;
    case "account.email-add":
    case "account.email-add-resend":
    case "account.email-verify":
    case "account.email-remove":
      if (text(d.address)) notes.push(text(d.address));
      break;
    case "member.reset-completely":
      if (text(d.previousName)) notes.push(`Was ${text(d.previousName)}`);
      break;
  }
  // Support's reason stands beside their name ("Support · name — reason"), not among the notes (SPEC §4.14).
  return { what, changes, notes };
}
