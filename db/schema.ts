import { sql } from "drizzle-orm";
import {
  boolean,
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The whole data model of SPEC §2. Rules the product relies on (one extension per organization, one login name in
 * the whole system, one outstanding invite per member…) are constraints here, so a race between two requests can't
 * break them; lib/errors.ts turns their violations into messages.
 */

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};
const id = () => uuid("id").primaryKey().defaultRandom();

export const memberRole = pgEnum("member_role", ["owner", "admin", "site_manager", "supervisor", "member"]);
export const memberStatus = pgEnum("member_status", ["pending", "active", "disabled"]);
// "email-undo": the "This wasn't me" link of the notice a primary email change sends to the old address (SPEC §4.9).
export const tokenPurpose = pgEnum("token_purpose", ["invite", "reset", "email-verify", "email-undo"]);
export const emailStatus = pgEnum("email_status", [
  "queued",
  "sending",
  "sent",
  "delivered",
  "bounced",
  "complained",
  "delayed",
  "failed",
]);
export const emailProblem = pgEnum("email_problem", ["bounced", "complained"]);
export const jobKind = pgEnum("job_kind", ["import", "bulk_send"]);
export const jobStatus = pgEnum("job_status", ["queued", "running", "done", "failed", "cancelled"]);

export const organization = pgTable(
  "organization",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    senderName: text("sender_name").notNull(),
    replyTo: text("reply_to"),
    inviteLinkDays: smallint("invite_link_days").notNull().default(30),
    resetLinkMinutes: smallint("reset_link_minutes").notNull().default(360),
    minPasswordLength: smallint("min_password_length").notNull().default(15),
    defaultLanguage: text("default_language").notNull().default("en"),
    defaultTimeZone: text("default_time_zone").notNull().default("UTC"),
    // "Send the welcome email when someone is provisioned" (directory sync, SPEC §4.16): off unless the owner says.
    welcomeOnProvision: boolean("welcome_on_provision").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organization_slug_uq").on(t.slug),
    check("organization_slug_format", sql`${t.slug} ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'`),
    check("organization_invite_link_days", sql`${t.inviteLinkDays} between 1 and 30`),
    check("organization_reset_link_minutes", sql`${t.resetLinkMinutes} between 15 and 1440`),
    check("organization_min_password_length", sql`${t.minPasswordLength} between 8 and 64`),
  ],
);

export const site = pgTable(
  "site",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organization.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("site_org_name_uq").on(t.organizationId, sql`lower(${t.name})`)],
);

export const team = pgTable(
  "team",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organization.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("team_org_name_uq").on(t.organizationId, sql`lower(${t.name})`)],
);

export const member = pgTable(
  "member",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organization.id, { onDelete: "cascade" }),
    extension: text("extension"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    // Null only for "No Portal Access" members, who never sign in.
    loginName: text("login_name"),
    role: memberRole("role").notNull().default("member"),
    siteId: uuid("site_id").references(() => site.id, { onDelete: "set null" }),
    department: text("department"),
    teamId: uuid("team_id").references(() => team.id, { onDelete: "set null" }),
    directNumber: text("direct_number"),
    portalAccess: boolean("portal_access").notNull().default(true),
    status: memberStatus("status").notNull().default("pending"),
    // Stored lower-cased; may be shared by several members (SPEC §2).
    primaryEmail: text("primary_email"),
    // Set by the email engine when the address bounced or complained, cleared when the address changes (SPEC §4.11).
    primaryEmailProblem: emailProblem("primary_email_problem"),
    // The address a member asked to make primary in My Account, until its verification link is used (SPEC §4.9).
    pendingEmail: text("pending_email"),
    passwordHash: text("password_hash"),
    voicemailPinHash: text("voicemail_pin_hash"),
    devicePinHash: text("device_pin_hash"),
    language: text("language"),
    timeZone: text("time_zone"),
    listedInDirectory: boolean("listed_in_directory").notNull().default(true),
    confirmationSentAt: timestamp("confirmation_sent_at", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    createdById: uuid("created_by_id"),
    // Carried in the session cookie; bumping it ends every session of the member (SPEC §6).
    sessionVersion: integer("session_version").notNull().default(1),
    // Directory sync (SPEC §4.16): the identity provider's own id and user name for the member, and the token that
    // provisions them. A member with a token is "Managed by directory sync": the fields the directory owns are its.
    externalId: text("external_id"),
    directoryUserName: text("directory_user_name"),
    directoryTokenId: uuid("directory_token_id").references((): AnyPgColumn => directoryToken.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("member_org_extension_uq").on(t.organizationId, t.extension),
    uniqueIndex("member_org_external_id_uq").on(t.organizationId, t.externalId),
    uniqueIndex("member_org_directory_user_name_uq").on(t.organizationId, sql`lower(${t.directoryUserName})`),
    uniqueIndex("member_login_name_uq").on(t.loginName),
    index("member_org_extension_pattern_idx").on(t.organizationId, sql`${t.extension} text_pattern_ops`),
    index("member_org_name_idx").on(t.organizationId, t.lastName, t.firstName, t.id),
    // The Users tab's sorts (SPEC §4.3, §7): each ends with id so pages never overlap, and scans backwards for "desc".
    // Extensions sort as numbers (99 before 100): by length, then text.
    index("member_org_extension_sort_idx").on(t.organizationId, sql`length(${t.extension})`, t.extension, t.id),
    index("member_org_status_sort_idx").on(t.organizationId, t.status, t.portalAccess.desc(), t.lastName, t.firstName, t.id),
    index("member_org_role_idx").on(t.organizationId, t.role),
    index("member_site_idx").on(t.siteId),
    index("member_team_idx").on(t.teamId),
    index("member_primary_email_idx").on(t.primaryEmail),
    index("member_first_name_trgm").using("gin", t.firstName.op("gin_trgm_ops")),
    index("member_last_name_trgm").using("gin", t.lastName.op("gin_trgm_ops")),
    index("member_department_trgm").using("gin", t.department.op("gin_trgm_ops")),
    // The Users tab's search also finds people by the address or login name a manager remembers (issue 14).
    index("member_primary_email_trgm").using("gin", t.primaryEmail.op("gin_trgm_ops")),
    index("member_login_name_trgm").using("gin", t.loginName.op("gin_trgm_ops")),
    // The support console finds people across every organization (SPEC §4.14): by extension, and by any part of a
    // direct number.
    index("member_extension_pattern_idx").on(sql`${t.extension} text_pattern_ops`),
    index("member_direct_number_trgm").using("gin", t.directNumber.op("gin_trgm_ops")),
    check("member_extension_digits", sql`${t.extension} ~ '^[0-9]{2,8}$'`),
    check("member_direct_number_e164", sql`${t.directNumber} ~ '^\\+[1-9][0-9]{6,14}$'`),
    check("member_email_lowercase", sql`${t.primaryEmail} = lower(${t.primaryEmail})`),
    check("member_pending_email_lowercase", sql`${t.pendingEmail} = lower(${t.pendingEmail})`),
    check("member_login_name_lowercase", sql`${t.loginName} = lower(${t.loginName})`),
    // A portal member may lack an email for a while: "Reset user completely" clears it until the new employee's is
    // entered (SPEC §4.10, seed 002). Forms still require one; a welcome email skips "no email".
    check("member_portal_access_needs_login", sql`not ${t.portalAccess} or ${t.loginName} is not null`),
    check("member_no_portal_no_password", sql`${t.portalAccess} or ${t.passwordHash} is null`),
  ],
);

/** Sites a site manager manages (SPEC §1). */
export const siteManager = pgTable(
  "site_manager",
  {
    siteId: uuid("site_id").notNull().references(() => site.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").notNull().references(() => member.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.memberId] }), index("site_manager_member_idx").on(t.memberId)],
);

/** Teams a call-center supervisor supervises (SPEC §1). */
export const teamSupervisor = pgTable(
  "team_supervisor",
  {
    teamId: uuid("team_id").notNull().references(() => team.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").notNull().references(() => member.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.memberId] }), index("team_supervisor_member_idx").on(t.memberId)],
);

/** Up to 4 additional addresses per member, each verified before use (SPEC §4.9); the limit is kept by lib/. */
export const memberEmail = pgTable(
  "member_email",
  {
    id: id(),
    memberId: uuid("member_id").notNull().references(() => member.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("member_email_member_email_uq").on(t.memberId, t.email),
    check("member_email_email_lowercase", sql`${t.email} = lower(${t.email})`),
  ],
);

export const token = pgTable(
  "token",
  {
    id: id(),
    memberId: uuid("member_id").notNull().references(() => member.id, { onDelete: "cascade" }),
    purpose: tokenPurpose("purpose").notNull(),
    // SHA-256 of the secret, hex; the secret itself is only ever in the email (SPEC §6).
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    sentTo: text("sent_to").notNull(),
    // When the link's latest "Link page opened" event began: openings within a minute of it are counted on that
    // event instead of adding rows (lib/onboarding/links.ts). Updating it is what serializes concurrent openings.
    openedEventAt: timestamp("opened_event_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("token_secret_hash_uq").on(t.secretHash),
    // Resending an invite revokes the earlier one first (SPEC §4.6): at most one can be outstanding.
    uniqueIndex("token_one_open_invite_uq")
      .on(t.memberId)
      .where(sql`${t.purpose} = 'invite' and ${t.usedAt} is null and ${t.revokedAt} is null`),
    index("token_member_idx").on(t.memberId, t.purpose),
  ],
);

/** The outbox and the email log at once (SPEC §2, §5). */
export const emailMessage = pgTable(
  "email_message",
  {
    id: id(),
    organizationId: uuid("organization_id").references(() => organization.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => member.id, { onDelete: "set null" }),
    tokenId: uuid("token_id").references(() => token.id, { onDelete: "set null" }),
    jobId: uuid("job_id").references(() => job.id, { onDelete: "set null" }),
    template: text("template").notNull(),
    // The From and Reply-To as they were when queued: a retry must send the very same request (idempotency).
    sender: text("sender").notNull(),
    replyTo: text("reply_to"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    // Written when queued, or by the dispatcher just before the first attempt from render_props (the template's
    // props): a bulk send of 10,000 writes 10,000 small rows, not 10,000 rendered pages (lib/email/deferred-content.ts).
    html: text("html"),
    text: text("text"),
    renderProps: jsonb("render_props").$type<Record<string, unknown>>(),
    status: emailStatus("status").notNull().default("queued"),
    providerId: text("provider_id"),
    // "gatehouse/<id>" (lib/email/outbox.ts): unique because the id is, so it needs no index of its own, which would
    // cost a bulk send of 10,000 a fifth of its outbox write. Nothing looks an email up by it.
    idempotencyKey: text("idempotency_key").notNull(),
    // Fixed when a batch is claimed, so a retried batch keeps the same members and key (issue: email engine).
    batchKey: text("batch_key"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // Partial: a queued email has no provider id yet, and 10,000 of them needn't be written into this index.
    uniqueIndex("email_message_provider_id_uq").on(t.providerId).where(sql`${t.providerId} is not null`),
    index("email_message_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
    index("email_message_member_idx").on(t.memberId, t.createdAt),
    index("email_message_org_idx").on(t.organizationId, t.createdAt),
    // The email log's status filter and recipient search (lib/email/email-log.ts), fast at 100k+ emails per organization.
    index("email_message_org_status_idx").on(t.organizationId, t.status, t.createdAt),
    index("email_message_to_trgm").using("gin", sql`${t.to} gin_trgm_ops`),
    index("email_message_to_idx").on(t.to, t.createdAt),
    index("email_message_job_idx").on(t.jobId),
    index("email_message_batch_idx").on(t.batchKey).where(sql`${t.batchKey} is not null and ${t.status} in ('queued', 'sending')`),
    check("email_message_content", sql`(${t.html} is not null and ${t.text} is not null) or ${t.renderProps} is not null`),
  ],
);

export const emailEvent = pgTable(
  "email_event",
  {
    id: id(),
    messageId: uuid("message_id").notNull().references(() => emailMessage.id, { onDelete: "cascade" }),
    // queued, sent, delivered, bounced, complained, delayed, failed, link_opened…
    type: text("type").notNull(),
    // The provider's event id (svix-id) makes webhooks idempotent.
    providerEventId: text("provider_event_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // How many times it happened: a link page opened again within a minute counts here rather than adding a row.
    occurrences: integer("occurrences").notNull().default(1),
  },
  (t) => [
    uniqueIndex("email_event_provider_event_uq").on(t.providerEventId),
    index("email_event_message_idx").on(t.messageId, t.occurredAt),
    // One "Link page opened" event per window (it starts at the window's first opening): the upsert's target.
    uniqueIndex("email_event_link_opened_uq").on(t.messageId, t.occurredAt).where(sql`${t.type} = 'link_opened'`),
  ],
);

/** Platform staff, outside every organization (SPEC §1); created with `npm run support:create`. */
export const supportStaff = pgTable(
  "support_staff",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    sessionVersion: integer("session_version").notNull().default(1),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("support_staff_email_uq").on(t.email),
    check("support_staff_email_lowercase", sql`${t.email} = lower(${t.email})`),
  ],
);

/** Who did what to whom, written in the transaction of the act (SPEC §2, §4.13). */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: id(),
    // Null for acts outside any organization (a lock-out of an unknown login, a support sign-in).
    organizationId: uuid("organization_id").references(() => organization.id, { onDelete: "cascade" }),
    actorMemberId: uuid("actor_member_id").references(() => member.id, { onDelete: "set null" }),
    actorSupportId: uuid("actor_support_id").references(() => supportStaff.id, { onDelete: "set null" }),
    // Kept as written, so the log still reads right after the actor is renamed or reset.
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    // The browser or program the act came from, as it named itself (for "was that me?"), cut to 512 characters.
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The audit log's pages walk one of these newest first, by (created_at, id) keyset (lib/audit/audit-log.ts).
    index("audit_event_org_time_idx").on(t.organizationId, t.createdAt, t.id),
    index("audit_event_org_action_idx").on(t.organizationId, t.action, t.createdAt, t.id),
    index("audit_event_org_actor_idx").on(t.organizationId, t.actorMemberId, t.createdAt, t.id).where(sql`${t.actorMemberId} is not null`),
    index("audit_event_org_support_idx").on(t.organizationId, t.createdAt, t.id).where(sql`${t.actorSupportId} is not null`),
    index("audit_event_target_idx").on(t.targetId, t.createdAt, t.id),
    // Retention deletes the oldest events of every organization, and those of none (AUDIT_RETENTION_DAYS).
    index("audit_event_time_idx").on(t.createdAt),
  ],
);

/** Long work (import, bulk send): what progress bars read (SPEC §2). */
export const job = pgTable(
  "job",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organization.id, { onDelete: "cascade" }),
    kind: jobKind("kind").notNull(),
    status: jobStatus("status").notNull().default("queued"),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdById: uuid("created_by_id").references(() => member.id, { onDelete: "set null" }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("job_org_idx").on(t.organizationId, t.createdAt)],
);

/**
 * An import file between its check and its import (SPEC §4.5): its header and its rows with errors, for the preview
 * and the download; its valid rows wait in import_row, so the file is read once.
 */
export const importFile = pgTable("import_file", {
  jobId: uuid("job_id")
    .primaryKey()
    .references(() => job.id, { onDelete: "cascade" }),
  type: text("type").notNull(),
  fileName: text("file_name").notNull(),
  /** The rows with errors as they were in the file, and why, for the preview and the download of error rows. */
  errorRows: jsonb("error_rows").$type<unknown[]>(),
  header: jsonb("header").$type<string[]>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The valid rows of a checked import file, as "Import N members" will write them (SPEC §4.5): staged while the file is
 * checked, in batches the database takes in while the next rows are checked, then moved into member by one
 * INSERT … SELECT. No foreign keys or unique indexes here: member's own constraints decide at import time.
 */
export const importRow = pgTable(
  "import_row",
  {
    jobId: uuid("job_id").notNull(),
    extension: text("extension"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    loginName: text("login_name"),
    role: memberRole("role").notNull(),
    siteId: uuid("site_id"),
    department: text("department"),
    teamId: uuid("team_id"),
    directNumber: text("direct_number"),
    portalAccess: boolean("portal_access").notNull(),
    primaryEmail: text("primary_email"),
  },
  (t) => [index("import_row_job_idx").on(t.jobId)],
);

/**
 * Attempt counters for throttling (SPEC §6), keyed like "sign-in:account:201@acme" or "sign-in:ip:203.0.113.9".
 * Kept in PostgreSQL so every instance sees the same counts (SPEC §9).
 */
export const throttle = pgTable("throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

/**
 * Sessions ended by "Sign out" before their cookie expires. The cookie is a self-contained JWT, so it stays readable
 * after sign-out; every request looks its id up here (lib/actor.ts), on every instance. A row is kept until the
 * cookie it ends would have expired anyway.
 */
export const endedSession = pgTable("ended_session", {
  id: uuid("id").primaryKey(),
  endedAt: timestamp("ended_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/**
 * The provider's request budget for the whole deployment (SPEC §9): one row per provider, whose next free send slot
 * every dispatcher advances under a row lock, so N instances together never exceed EMAIL_RATE_LIMIT.
 */
export const providerRate = pgTable("provider_rate", {
  provider: text("provider").primaryKey(),
  nextSlotAt: timestamp("next_slot_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organization.$inferSelect;
export type Site = typeof site.$inferSelect;
export type Team = typeof team.$inferSelect;
export type Member = typeof member.$inferSelect;
export type Role = (typeof memberRole.enumValues)[number];
export type MemberStatus = (typeof memberStatus.enumValues)[number];
export type SupportStaff = typeof supportStaff.$inferSelect;
export type AuditEvent = typeof auditEvent.$inferSelect;
export type EmailMessage = typeof emailMessage.$inferSelect;
export type EmailStatus = (typeof emailStatus.enumValues)[number];
export type EmailEvent = typeof emailEvent.$inferSelect;

/**
 * A provisioning token of directory sync (SPEC §4.16): made by an owner in the organization's settings, shown once,
 * kept as its SHA-256 only; every SCIM request with it acts on its organization alone, as "Directory sync (name)".
 */
export const directoryToken = pgTable(
  "directory_token",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organization.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdById: uuid("created_by_id").references((): AnyPgColumn => member.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The token's rate (SCIM_RATE): requests counted since the window started, in the statement that authenticates. */
    rateWindowStartedAt: timestamp("rate_window_started_at", { withTimezone: true }),
    rateWindowRequests: integer("rate_window_requests").notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex("directory_token_secret_uq").on(t.secretHash), index("directory_token_org_idx").on(t.organizationId, t.createdAt)],
);

/** The SCIM requests of an organization, for its "Directory sync" page: what the identity provider asked and the answer. */
export const scimRequest = pgTable(
  "scim_request",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organization.id, { onDelete: "cascade" }),
    tokenId: uuid("token_id").references(() => directoryToken.id, { onDelete: "set null" }),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: smallint("status").notNull(),
    scimType: text("scim_type"),
    detail: text("detail"),
    memberId: uuid("member_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("scim_request_org_time_idx").on(t.organizationId, t.createdAt)],
);
export type DirectoryToken = typeof directoryToken.$inferSelect;
