import { and, asc, count, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { emailEvent, emailMessage, member, organization, type EmailStatus, type Member } from "@/db/schema";
import { isUuid, type Actor } from "../actor";
import { NotFoundError } from "../errors";
import { displayName } from "../members/format";
import { assertCanInOrganization, authorizeOnMember } from "../permissions";
import { nextDay, startOfDay } from "../calendar-days";
import { escapeLike } from "../sql-like";
import type { EmailLogQuery } from "./email-log-query";
import { EMAIL_EVENT_LABELS, type EmailEventType } from "./events";

/** The email log (SPEC §4.11): per organization and per member, every message with its status timeline. */

/**
 * Counting stops here: an organization may have sent 100,000s of emails, and nobody pages that deep. Older messages
 * are reached by narrowing the dates, which the (organization_id, created_at) index answers at once.
 */
export const COUNT_LIMIT = 10_000;

export type TimelineEntry = {
  /** "queued", "dispatched" (handed to the provider), or an email_event type (lib/email/events.ts). */
  type: "queued" | "dispatched" | EmailEventType | (string & {});
  label: string;
  at: Date;
  /** In the provider's or the network's words: the error of an attempt, the reason of a bounce, a clicked link. */
  detail: string | null;
  /** When a failed attempt will be tried again. */
  retryAt: Date | null;
  /** A link page opened by a mail scanner rather than a person (a HEAD, or seconds after delivery). */
  probablyScanner: boolean;
};

export type EmailLogRow = {
  id: string;
  createdAt: Date;
  to: string;
  template: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  /** Null when the member was deleted since. */
  member: { id: string; name: string } | null;
  timeline: TimelineEntry[];
};

export type EmailLogPage = {
  rows: EmailLogRow[];
  /** Messages matching, counted up to COUNT_LIMIT. */
  total: number;
  /** More than `total` match: only the newest COUNT_LIMIT are paged through. */
  totalIsAtLeast: boolean;
  page: number;
  pageCount: number;
};

/**
 * One page of an organization's email log, newest first (SPEC §4.11), for owners, admins and support
 * (organization.viewEmailLog). Dates are read in the organization's default time zone, returned with the page so
 * the times shown use the same one.
 */
export async function listOrganizationEmails(
  db: Executor,
  actor: Actor,
  organizationId: string,
  query: EmailLogQuery,
): Promise<EmailLogPage & { timeZone: string }> {
  assertCanInOrganization(actor, "organization.viewEmailLog", organizationId);
  const [org] = isUuid(organizationId)
    ? await db.select({ timeZone: organization.defaultTimeZone }).from(organization).where(eq(organization.id, organizationId)).limit(1)
    : [];
  if (!org) throw new NotFoundError("This organization doesn't exist.");
  const where = and(eq(emailMessage.organizationId, organizationId), ...filterConditions(query, org.timeZone))!;
  return { ...(await pageOf(db, where, query)), timeZone: org.timeZone };
}

/**
 * One page of a member's email log, newest first: the member page's "Email log" tab. Needs member.viewEmailLog on
 * the member; an id the actor may not see is not found, like a missing one. Also says whether the member's primary
 * address bounced or complained, and why, so the page can ask for the address to be fixed before resending.
 */
export async function listMemberEmails(
  db: Executor,
  actor: Actor,
  memberId: string,
  query: Pick<EmailLogQuery, "page" | "size">,
): Promise<EmailLogPage & { member: Member; emailProblem: EmailProblem | null }> {
  const target = await authorizeOnMember(db, actor, "member.viewEmailLog", memberId);
  const [page, emailProblem] = await Promise.all([pageOf(db, eq(emailMessage.memberId, target.id), query), emailProblemOf(db, target)]);
  return { ...page, member: target, emailProblem };
}

export type EmailProblem = {
  kind: "bounced" | "complained";
  address: string;
  /** The reason the receiving server gave for the last bounce, when it gave one. */
  reason: string | null;
  at: Date | null;
};

/** Why the member's primary address is flagged: its last bounce or complaint (set by the email engine). */
async function emailProblemOf(db: Executor, m: Member): Promise<EmailProblem | null> {
  if (!m.primaryEmailProblem || !m.primaryEmail) return null;
  const [last] = await db
    .select({ details: emailEvent.details, at: emailEvent.occurredAt })
    .from(emailEvent)
    .innerJoin(emailMessage, eq(emailMessage.id, emailEvent.messageId))
    .where(and(eq(emailMessage.memberId, m.id), sql`lower(${emailMessage.to}) = ${m.primaryEmail}`, eq(emailEvent.type, m.primaryEmailProblem)))
    .orderBy(desc(emailEvent.occurredAt))
    .limit(1);
  return { kind: m.primaryEmailProblem, address: m.primaryEmail, reason: textOf(last?.details.reason), at: last?.at ?? null };
}

function filterConditions(query: EmailLogQuery, timeZone: string): (SQL | undefined)[] {
  return [
    query.status ? eq(emailMessage.status, query.status) : undefined,
    query.template ? eq(emailMessage.template, query.template) : undefined,
    query.recipient ? ilike(emailMessage.to, `%${escapeLike(query.recipient)}%`) : undefined,
    query.job ? eq(emailMessage.jobId, query.job) : undefined,
    query.from ? gte(emailMessage.createdAt, startOfDay(query.from, timeZone)) : undefined,
    query.to ? lt(emailMessage.createdAt, startOfDay(nextDay(query.to), timeZone)) : undefined,
  ];
}

/**
 * The rows of one page and the capped count, from the same WHERE. Both run on the index of the WHERE's first column
 * ((organization_id, created_at) or (member_id, created_at)) in time order; the id only breaks ties.
 */
async function pageOf(db: Executor, where: SQL, query: Pick<EmailLogQuery, "page" | "size">): Promise<EmailLogPage> {
  const [counted] = await db
    .select({ n: count() })
    .from(db.select({ id: emailMessage.id }).from(emailMessage).where(where).limit(COUNT_LIMIT + 1).as("matching"));
  const totalIsAtLeast = (counted?.n ?? 0) > COUNT_LIMIT;
  const total = Math.min(counted?.n ?? 0, COUNT_LIMIT);
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  if (!total) return { rows: [], total, totalIsAtLeast, page, pageCount };
  const messages = await db
    .select({
      id: emailMessage.id,
      createdAt: emailMessage.createdAt,
      to: emailMessage.to,
      template: emailMessage.template,
      subject: emailMessage.subject,
      status: emailMessage.status,
      attempts: emailMessage.attempts,
      lastError: emailMessage.lastError,
      sentAt: emailMessage.sentAt,
      memberId: emailMessage.memberId,
    })
    .from(emailMessage)
    .where(where)
    .orderBy(desc(emailMessage.createdAt), desc(emailMessage.id))
    .limit(query.size)
    .offset((page - 1) * query.size);
  // Names and timelines only for the rows shown, not for every row a deep page skips.
  const memberIds = [...new Set(messages.flatMap((m) => m.memberId ?? []))];
  const [members, timelines] = await Promise.all([
    memberIds.length
      ? db.select({ id: member.id, firstName: member.firstName, lastName: member.lastName, extension: member.extension }).from(member).where(inArray(member.id, memberIds))
      : [],
    emailTimelines(db, messages),
  ]);
  const names = new Map(members.map((m) => [m.id, displayName(m)]));
  const rows = messages.map(({ memberId, ...m }) => {
    const name = memberId ? names.get(memberId) : undefined;
    return { ...m, member: memberId && name !== undefined ? { id: memberId, name } : null, timeline: timelines.get(m.id) ?? [] };
  });
  return { rows, total, totalIsAtLeast, page, pageCount };
}

/**
 * The status timeline of each message: "Queued" when written, "Sent" when handed to the provider, then its events
 * in the order they happened. For messages the caller listed under a permission check.
 */
export async function emailTimelines(
  db: Executor,
  messages: { id: string; createdAt: Date; sentAt: Date | null }[],
): Promise<Map<string, TimelineEntry[]>> {
  const timelines = new Map<string, TimelineEntry[]>();
  if (!messages.length) return timelines;
  const events = await db
    .select({ messageId: emailEvent.messageId, type: emailEvent.type, details: emailEvent.details, occurredAt: emailEvent.occurredAt, occurrences: emailEvent.occurrences })
    .from(emailEvent)
    .where(inArray(emailEvent.messageId, messages.map((m) => m.id)))
    .orderBy(asc(emailEvent.messageId), asc(emailEvent.occurredAt), asc(emailEvent.createdAt));
  for (const m of messages) {
    const entries = [entry("queued", m.createdAt)];
    if (m.sentAt) entries.push(entry("dispatched", m.sentAt));
    timelines.set(m.id, entries);
  }
  for (const e of events) timelines.get(e.messageId)?.push(eventEntry(e));
  // Array#sort is stable: at the same instant "Queued" stays first and events keep the order they arrived in.
  for (const entries of timelines.values()) entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return timelines;
}

const entry = (type: TimelineEntry["type"], at: Date, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  type,
  label: type === "dispatched" ? "Sent" : (EMAIL_EVENT_LABELS[type as EmailEventType] ?? humanize(type)),
  at,
  detail: null,
  retryAt: null,
  probablyScanner: false,
  ...extra,
});

/** An event's details come from webhooks as well as from us: read each field only when it has the expected type. */
function eventEntry({ type, details, occurredAt: at, occurrences }: { type: string; details: Record<string, unknown>; occurredAt: Date; occurrences: number }): TimelineEntry {
  switch (type) {
    case "retry": {
      const error = textOf(details.error);
      const attempt = typeof details.attempt === "number" ? `Attempt ${details.attempt}` : null;
      const retryAt = typeof details.retryAt === "string" ? new Date(details.retryAt) : null;
      return entry(type, at, {
        detail: [attempt, error].filter(Boolean).join(": ") || null,
        retryAt: retryAt && !Number.isNaN(retryAt.getTime()) ? retryAt : null,
      });
    }
    case "failed":
      return entry(type, at, { detail: textOf(details.error) });
    case "bounced": {
      const kind = [textOf(details.bounceType), textOf(details.bounceSubType)].filter(Boolean).join(", ");
      const reason = textOf(details.reason);
      return entry(type, at, { detail: reason && kind ? `${reason} (${kind})` : reason || kind || null });
    }
    case "clicked":
      return entry(type, at, { detail: textOf(details.link) });
    case "suppressed":
      return entry(type, at, { detail: textOf(details.reason) });
    case "link_opened":
      // Openings within a minute of each other are one event (lib/onboarding/links.ts): say how many it counts.
      return entry(type, at, {
        probablyScanner: details.probablyScanner === true,
        ...(occurrences > 1 ? { label: `${EMAIL_EVENT_LABELS.link_opened} (${occurrences} times)` } : {}),
      });
    default:
      return entry(type, at);
  }
}

const textOf = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
/** An event type we have no words for yet ("email.scheduled"…): readable rather than hidden. */
const humanize = (type: string) => {
  const words = type.replace(/^email\./, "").replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
