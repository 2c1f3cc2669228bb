import { and, eq, gte, ne, sql } from "drizzle-orm";
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

/**
 * Finds the link a secret names, for the purpose of the page it was opened on (a reset link on the set-password page
 * is not a link of that page), with its state. Null for an unknown secret. Reading never consumes it (SPEC §6).
 */
export async function findLink(db: Executor, secret: string, purpose: LinkPurpose, now = new Date()): Promise<FoundLink | null> {
  if (!SECRET_FORMAT.test(secret)) return null;
  const [found] = await db
    .select({ token, member, organization })
    .from(token)
    .innerJoin(member, eq(member.id, token.memberId))
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(token.secretHash, hashTokenSecret(secret)), eq(token.purpose, purpose)))
    .limit(1);
  if (!found) return null;
  return { ...found, state: await stateOf(db, found.token, found.member, now) };
}

async function stateOf(db: Executor, t: typeof token.$inferSelect, m: Member, now: Date): Promise<LinkState> {
  if (t.usedAt) return "used";
  if (t.revokedAt) {
    const [newer] = await db
      .select({ id: token.id })
      .from(token)
      // Newer, or issued in the same millisecond by a send that came after this one.
      .where(and(eq(token.memberId, t.memberId), eq(token.purpose, t.purpose), gte(token.createdAt, t.createdAt), ne(token.id, t.id)))
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

/**
 * Puts "Link page opened" on the timeline of the email that carried the link (SPEC §4.11), marked "probably a link
 * scanner" when it was a HEAD or came within seconds of delivery: opening never consumes the link, so a scanner
 * that pre-fetches it does no harm, but a manager reading the log should not take it for the member.
 */
export async function recordLinkOpened(db: Executor, tokenId: string, method: string, now = new Date()): Promise<void> {
  // One statement: the page's GET already looked the link up, and mail scanners open links by the thousand.
  await db.execute(sql`
    insert into email_event (message_id, type, details, occurred_at, created_at)
    select id, 'link_opened',
           jsonb_build_object('method', ${method}::text, 'probablyScanner',
             ${method === "HEAD"}::boolean or coalesce(${now}::timestamptz - greatest(sent_at, delivered_at) < make_interval(secs => ${SCANNER_WINDOW_MS / 1000}), false)),
           ${now}::timestamptz, ${now}::timestamptz
    from email_message where token_id = ${tokenId}::uuid
    order by created_at desc limit 1`);
}
