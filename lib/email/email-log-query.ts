import { z } from "zod";
import { lineOfText } from "../validation";
import type { EmailStatus } from "@/db/schema";
import { firstValues, pagingFields, searchOf, type SearchParams } from "../url-query";
import { TEMPLATES, type TemplateName } from "./templates";

/**
 * The email log's query as the URL holds it, and the words for its filters. Free of database code, so the filter bar
 * in the browser can share it.
 */

/** Every status in the order a message moves through them; a test checks it against the schema's enum. */
export const EMAIL_STATUSES = ["queued", "sending", "sent", "delivered", "delayed", "bounced", "complained", "failed"] as const satisfies readonly EmailStatus[];

/** What a manager calls each email. */
export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  welcome: "Welcome",
  "password-reset": "Password reset",
  "password-changed": "Password changed",
  "email-verify": "Email verification",
  "email-changed": "Email change notice",
};

export const templateLabel = (template: string) => TEMPLATE_LABELS[template as TemplateName] ?? template;

const day = z.iso.date().optional().catch(undefined);

/**
 * The log's filters and page, read from the URL; a bad value falls back to its default, so a hand-edited URL still
 * opens. `recipient` is any part of the To address, in any case. `from` and `to` are calendar days (YYYY-MM-DD) in the
 * organization's default time zone, both included; given the wrong way round, they are swapped.
 */
export const emailLogQuery = z
  .object({
    status: z.enum(EMAIL_STATUSES).optional().catch(undefined),
    template: z.enum(TEMPLATES).optional().catch(undefined),
    recipient: lineOfText().toLowerCase().max(254).catch("").default(""),
    /** The emails of one bulk send (the audit log links its event here). */
    job: z.uuid().optional().catch(undefined),
    from: day,
    to: day,
    ...pagingFields,
  })
  .transform((q) => (q.from && q.to && q.from > q.to ? { ...q, from: q.to, to: q.from } : q));
export type EmailLogQuery = z.infer<typeof emailLogQuery>;

export const DEFAULT_EMAIL_LOG_QUERY: EmailLogQuery = emailLogQuery.parse({});

export function parseEmailLogQuery(params: SearchParams): EmailLogQuery {
  return emailLogQuery.parse(firstValues(params));
}

/** The URL search string of a query, without the defaults. */
export function emailLogSearch(query: EmailLogQuery): string {
  return searchOf(query, DEFAULT_EMAIL_LOG_QUERY);
}

/** A link to a log (the organization's or a member's) with a change applied; any change but paging starts at page 1. */
export function emailLogHref(path: string, query: EmailLogQuery, change: Partial<EmailLogQuery>): string {
  return `${path}${emailLogSearch({ ...query, page: 1, ...change })}`;
}

/** The change that clears every filter and keeps the page size: "Clear filters". */
export const NO_FILTERS: Partial<EmailLogQuery> = { status: undefined, template: undefined, recipient: "", job: undefined, from: undefined, to: undefined };

export function isEmailLogFiltered(query: EmailLogQuery): boolean {
  return Boolean(query.status || query.template || query.recipient || query.job || query.from || query.to);
}
