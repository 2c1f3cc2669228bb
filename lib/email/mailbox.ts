import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { emailMessage } from "@/db/schema";

/** One email as the development mailbox shows it; the JSON of GET /api/dev/mailbox (SPEC §5). */
export type MailboxEmail = { id: string; to: string; subject: string; text: string; html: string; links: string[]; createdAt: string };

/**
 * The `outbox` transport's mailbox: every email it has delivered (marked sent), newest first, optionally only those
 * to one address (addresses are stored in lower case, so the one asked for is lowered too).
 */
export async function mailboxEmails(db: Executor, { to, limit = 100 }: { to?: string; limit?: number } = {}): Promise<MailboxEmail[]> {
  const found = await db
    .select({
      id: emailMessage.id,
      to: emailMessage.to,
      subject: emailMessage.subject,
      text: emailMessage.text,
      html: emailMessage.html,
      createdAt: emailMessage.createdAt,
    })
    .from(emailMessage)
    .where(and(isNotNull(emailMessage.sentAt), to ? eq(emailMessage.to, to.trim().toLowerCase()) : undefined))
    .orderBy(desc(emailMessage.createdAt), desc(emailMessage.id))
    .limit(limit);
  // Sent emails are always rendered (the dispatcher renders before sending); "" only satisfies the types.
  return found.map((m) => ({ ...m, html: m.html ?? "", text: m.text ?? "", links: linksOf(m.html ?? ""), createdAt: m.createdAt.toISOString() }));
}

export async function mailboxEmail(db: Executor, id: string): Promise<MailboxEmail | null> {
  const [found] = await db.select().from(emailMessage).where(and(eq(emailMessage.id, id), isNotNull(emailMessage.sentAt)));
  if (!found) return null;
  const html = found.html ?? "";
  return { id: found.id, to: found.to, subject: found.subject, text: found.text ?? "", html, links: linksOf(html), createdAt: found.createdAt.toISOString() };
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };

/** An HTML attribute's value as written by React (its five escaped characters), back to text. */
export function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|#x27|#39|lt|gt);/g, (e) => ENTITIES[e] ?? e);
}

/** The distinct http(s) links of an email's HTML, in order: what a test (or a person) follows. */
export function linksOf(html: string): string[] {
  const links = [...html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)]
    .map((m) => decodeAttribute(m[1]!))
    .filter((href) => /^https?:\/\//i.test(href));
  return [...new Set(links)];
}
