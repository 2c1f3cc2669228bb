import { z } from "zod";
import { firstValues, searchOf, type SearchParams } from "../url-query";
import { lineOfText } from "../validation";
import { AUDIT_ACTION_KEYS } from "./describe";

/**
 * The audit log's query as the URL holds it (SPEC §4.13): who did it, what, to whom, between which days, and where the
 * page starts. Free of database code, so the filter bar in the browser can share it. Every key falls back to its
 * default, so a hand-edited URL still opens.
 */

const day = z.iso.date().optional().catch(undefined);

/**
 * Where a page starts, as a keyset: the time of an event in microseconds since 1970 and its id. `before` pages go
 * back in time from there (older events), `after` pages forward (newer ones).
 */
const CURSOR = /^(\d{1,17})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export type AuditCursor = { micros: string; id: string };
const cursor = z
  .string()
  .transform((value, ctx) => {
    const match = CURSOR.exec(value);
    if (!match) {
      ctx.addIssue({ code: "custom", message: "not a cursor" });
      return z.NEVER;
    }
    return { micros: match[1]!, id: match[2]! } satisfies AuditCursor;
  })
  .optional()
  .catch(undefined);
export const cursorText = (c: AuditCursor) => `${c.micros}.${c.id}`;

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

export const auditLogQuery = z.object({
  /**
   * Done by support staff, by directory sync, or by the rest of the system (scripts, the dispatcher, visitors not
   * signed in), rather than by a person of the organization.
   */
  by: z.enum(["support", "directory", "system"]).optional().catch(undefined),
  /** A person who did it: part of their name, their extension, login name or email. */
  actor: lineOfText().max(100).catch("").default(""),
  action: z.enum(AUDIT_ACTION_KEYS).optional().catch(undefined),
  /** The person it was done to: part of their name, their extension, login name or email. */
  target: lineOfText().max(100).catch("").default(""),
  from: day,
  to: day,
  before: cursor,
  after: cursor,
  size: z.coerce
    .number()
    .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n))
    .catch(50)
    .default(50),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;
export const DEFAULT_AUDIT_QUERY: AuditLogQuery = auditLogQuery.parse({});

export function parseAuditLogQuery(params: SearchParams): AuditLogQuery {
  const query = auditLogQuery.parse(firstValues(params));
  // The days given the wrong way round mean the same days.
  return query.from && query.to && query.from > query.to ? { ...query, from: query.to, to: query.from } : query;
}

/** The URL search string of a query, without defaults and with its cursors written back as text. */
export function auditLogSearch(query: AuditLogQuery): string {
  const { before, after, ...rest } = query;
  const plain = { ...rest, before: before && cursorText(before), after: after && cursorText(after) };
  return searchOf(plain, { ...DEFAULT_AUDIT_QUERY, before: undefined, after: undefined });
}

/** Does the query narrow the log, as opposed to only paging it? */
export const isAuditFiltered = (q: AuditLogQuery) => Boolean(q.by || q.actor || q.action || q.target || q.from || q.to);
