import { and, eq, gte, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { member, organization, token, type Member, type Organization } from "@/db/schema";
import type { PasswordContext } from "../password-rules";
import { hashTokenSecret } from "../tokens";
import type { LinkPurpose } from "./link-emails";

/**
 * What a link from an email is, now (SPEC §4.7): good to set a password with, or why not. "replaced" means a newer
 * email carries the working link; "cancelled" that the account changed since (disabled, new address, reset).
 */
export type LinkState = "valid" | "expired" | "used" | "replaced" | "cancelled" | "unknown";

export type FoundLink = {
  state: LinkState;
  token: typeof token.$inferSelect;
  member: Member;
  organization: Organization;
};

/** A link's secret is 32 random bytes in base64url: 43 characters. Anything else is not worth a query. */
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/;
export const isLinkSecret = (secret: string) => SECRET_FORMAT.test(secret);

/**
 * The link of a secret's hash and purpose with its member and organization, plus whatever `extra` columns a reader
 * needs (set-password reads its throttles in the same statement): every reader of a link finds it the same way.
 */
export function selectLink<Extra extends Record<string, SQL.Aliased | SQL>>(db: Executor, extra: Extra = {} as Extra) {
  return db
    .select({ token, member, organization, ...extra })
    .from(token)
    .innerJoin(member, eq(member.id, token.memberId))
    .innerJoin(organization, eq(organization.id, member.organizationId));
}

/**
 * Finds the link a secret names, for the purpose of the page it was opened on (a reset link on the set-password page
 * is not a link of that page), with its state. Null for an unknown secret. Reading never consumes it (SPEC §6).
 */
export async function findLink(db: Executor, secret: string, purpose: LinkPurpose, now = new Date()): Promise<FoundLink | null> {
  if (!isLinkSecret(secret)) return null;
  const [found] = await selectLink(db)
    .where(and(eq(token.secretHash, hashTokenSecret(secret)), eq(token.purpose, purpose)))
    .limit(1);
  if (!found) return null;
  return { ...found, state: await stateOf(db, found.token, found.member, now) };
}

/**
 * The state of a link already read with its member; a query only for a revoked link (replaced or cancelled). A link
 * about one address (an email verification) is replaced only by a newer one sent to that same address.
 */
export async function stateOf(db: Executor, t: typeof token.$inferSelect, m: Member, now: Date, { sameAddress = false } = {}): Promise<LinkState> {
  if (t.usedAt) return "used";
  if (t.revokedAt) {
    const [newer] = await db
      .select({ id: token.id })
      .from(token)
      // Newer, or issued in the same millisecond by a send that came after this one.
      .where(
        and(
          eq(token.memberId, t.memberId),
          eq(token.purpose, t.purpose),
          gte(token.createdAt, t.createdAt),
          ne(token.id, t.id),
          sameAddress ? eq(token.sentTo, t.sentTo) : undefined,
        ),
      )
      .limit(1);
    return newer ? "replaced" : "cancelled";
  }
  if (t.expiresAt <= now) return "expired";
  if (m.status === "disabled" || !m.portalAccess) return "cancelled";
  return "valid";
}

/**
 * What a new password is checked against on a link's page (SPEC §6): the organization's minimum, and the member's
 * login name, email and names. The page's strength meter and the POST use the same, so the meter never passes what
 * the server refuses.
 */
export function passwordContextOf(link: Pick<FoundLink, "member" | "organization">): PasswordContext {
  const { member: m, organization: o } = link;
  return { minLength: o.minPasswordLength, loginName: m.loginName, email: m.primaryEmail, names: [m.firstName, m.lastName, o.name, o.slug].filter(Boolean) };
}

/** Within this long of its delivery, an opened link is more likely a mail scanner checking it than a person. */
const SCANNER_WINDOW_MS = 10_000;
/** Openings of a link within this long of its latest "Link page opened" event are counted on it, not added. */
const OPENED_EVENT_WINDOW_SECONDS = 60;

/**
 * Puts "Link page opened" on the timeline of the email that carried the link (SPEC §4.11), marked "probably a link
 * scanner" when it was a HEAD or came within seconds of delivery: opening never consumes the link, so a scanner
 * that pre-fetches it does no harm, but a manager reading the log should not take it for the member.
 *
 * At most one event per link per minute: a link opened again within a minute of its latest event adds one to that
 * event's `occurrences` instead of a row (scanners and reloads open links by the thousand). The event stays "probably
 * a link scanner" only while every opening it counts looks like one.
 */
export async function recordLinkOpened(db: Executor, tokenId: string, method: string, now = new Date()): Promise<void> {
  // One statement, correct with concurrent openings on several instances: updating the token row makes them take
  // turns, and each re-reads the window it set (READ COMMITTED re-evaluates an UPDATE on the newest row version), so
  // all agree on the window's start; the event of that window is then upserted on the unique (message, start).
  await db.execute(sql`
    with opened as (
      update token
         set opened_event_at = case when opened_event_at > ${now}::timestamptz - make_interval(secs => ${OPENED_EVENT_WINDOW_SECONDS})
                                    then opened_event_at else ${now}::timestamptz end
       where id = ${tokenId}::uuid
      returning opened_event_at
    ), message as (
      select id, greatest(sent_at, delivered_at) as delivered_at from email_message
       where token_id = ${tokenId}::uuid order by created_at desc limit 1
    )
    insert into email_event (message_id, type, details, occurred_at, created_at)
    select message.id, 'link_opened',
           jsonb_build_object('method', ${method}::text, 'probablyScanner',
             ${method === "HEAD"}::boolean or coalesce(${now}::timestamptz - message.delivered_at < make_interval(secs => ${SCANNER_WINDOW_MS / 1000}), false)),
           opened.opened_event_at, ${now}::timestamptz
      from message, opened
    on conflict (message_id, occurred_at) where type = 'link_opened' do update
       set occurrences = email_event.occurrences + 1,
           details = jsonb_set(email_event.details, '{probablyScanner}',
             to_jsonb(coalesce((email_event.details ->> 'probablyScanner')::boolean, false) and (excluded.details ->> 'probablyScanner')::boolean))`);
}
