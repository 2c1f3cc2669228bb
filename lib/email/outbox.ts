import { randomUUID } from "node:crypto";
import type { Executor } from "@/db";
import { emailMessage } from "@/db/schema";
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

// PostgreSQL takes at most 65,535 parameters per statement; an email row uses 13.
const ROWS_PER_INSERT = 2_000;

/**
 * The outbox (SPEC §5): queues emails by writing their rows in the caller's transaction, the one that also writes the
 * token each carries. Nothing is sent here: if the transaction rolls back, no email exists; once it commits, the
 * dispatcher delivers each exactly once, however often it crashes or retries, under the idempotency key written now.
 */
export async function queueEmails(tx: Executor, emails: EmailToQueue[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < emails.length; start += ROWS_PER_INSERT) {
    const values = emails.slice(start, start + ROWS_PER_INSERT).map((email) => {
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        organizationId: email.organizationId,
        memberId: email.memberId,
        tokenId: email.tokenId ?? null,
        jobId: email.jobId ?? null,
        template: email.template,
        sender: email.sender,
        replyTo: email.replyTo ?? null,
        to: email.to.trim().toLowerCase(),
        subject: email.content.subject,
        html: email.content.html,
        text: email.content.text,
        idempotencyKey: `gatehouse/${id}`,
      };
    });
    await tx.insert(emailMessage).values(values);
  }
  return ids;
}

/** The From header: the organization's sender display name in front of EMAIL_FROM's address (SPEC §5, §8). */
export function senderFor(senderName: string, emailFrom: string): string {
  const address = /<([^<>]+)>\s*$/.exec(emailFrom)?.[1] ?? emailFrom.trim();
  const name = senderName.replace(/[\r\n]+/g, " ").trim();
  if (!name) return address;
  // RFC 5322: a display name with specials (a comma in "Acme, Inc.") must be quoted.
  const quoted = /^[\w !#$%&'*+\-/=?^`{|}~]+$/.test(name) ? name : `"${name.replace(/(["\\])/g, "\\$1")}"`;
  return `${quoted} <${address}>`;
}
