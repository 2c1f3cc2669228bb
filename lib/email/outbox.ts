import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { senderAddress } from "./sender-address";
import type { RenderedEmail, TemplateName } from "./templates";

/** One email to queue: who it is for, what it says, and what it belongs to (the token it carries, a bulk job). */
export type EmailToQueue = {
  organizationId: string | null;
  memberId: string | null;
  tokenId?: string | null;
  jobId?: string | null;
  template: TemplateName;
  to: string;
  sender: string;
  replyTo?: string | null;
  content: RenderedEmail;
};

// Rows per INSERT: each column travels as one array parameter (unnest), so a bulk send of 10,000 welcome emails is a
// handful of statements rather than 130,000 bind parameters; chunks keep each statement's payload to a few MB.
const ROWS_PER_INSERT = 1_000;

/**
 * The outbox (SPEC §5): queues emails by writing their rows in the caller's transaction, the one that also writes the
 * token each carries. Nothing is sent here: if the transaction rolls back, no email exists; once it commits, the
 * dispatcher delivers each exactly once, however often it crashes or retries, under the idempotency key written now.
 */
export async function queueEmails(tx: Executor, emails: EmailToQueue[]): Promise<string[]> {
  const ids = emails.map(() => randomUUID());
  for (let start = 0; start < emails.length; start += ROWS_PER_INSERT) {
    const chunk = emails.slice(start, start + ROWS_PER_INSERT);
    const chunkIds = ids.slice(start, start + ROWS_PER_INSERT);
    const column = <T>(pick: (email: EmailToQueue) => T) => sql.param(chunk.map(pick));
    await tx.execute(sql`
      insert into email_message (id, organization_id, member_id, token_id, job_id, template, sender, reply_to, "to", subject, html, text, idempotency_key)
      select id, organization_id, member_id, token_id, job_id, template, sender, reply_to, "to", subject, html, text, 'gatehouse/' || id
      from unnest(
        ${sql.param(chunkIds)}::uuid[], ${column((e) => e.organizationId)}::uuid[], ${column((e) => e.memberId)}::uuid[],
        ${column((e) => e.tokenId ?? null)}::uuid[], ${column((e) => e.jobId ?? null)}::uuid[], ${column((e) => e.template)}::text[],
        ${column((e) => e.sender)}::text[], ${column((e) => e.replyTo ?? null)}::text[], ${column((e) => e.to.trim().toLowerCase())}::text[],
        ${column((e) => e.content.subject)}::text[], ${column((e) => e.content.html)}::text[], ${column((e) => e.content.text)}::text[]
      ) as queued(id, organization_id, member_id, token_id, job_id, template, sender, reply_to, "to", subject, html, text)`);
  }
  return ids;
}

/** The From header: the organization's sender display name in front of EMAIL_FROM's address (SPEC §5, §8). */
export function senderFor(senderName: string, emailFrom: string): string {
  const address = senderAddress(emailFrom);
  const name = senderName.replace(/[\r\n]+/g, " ").trim();
  if (!name) return address;
  // RFC 5322: a display name with specials (a comma in "Acme, Inc.") must be quoted.
  const quoted = /^[\w !#$%&'*+\-/=?^`{|}~]+$/.test(name) ? name : `"${name.replace(/(["\\])/g, "\\$1")}"`;
  return `${quoted} <${address}>`;
}
