import { randomUUID } from "node:crypto";
import type { Executor } from "@/db";
import { insertRows } from "@/db/insert-rows";
import { senderAddress } from "./sender-address";
import { isDeferred, type DeferredContent } from "./deferred-content";
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
  /** Rendered now, or the template's props for the dispatcher to render (lib/email/deferred-content.ts). */
  content: RenderedEmail | DeferredContent;
};

const COLUMNS = {
  id: "uuid",
  organization_id: "uuid",
  member_id: "uuid",
  token_id: "uuid",
  job_id: "uuid",
  template: "text",
  sender: "text",
  reply_to: "text",
  to: "text",
  subject: "text",
  html: "text",
  text: "text",
  render_props: "jsonb",
  idempotency_key: "text",
};

/**
 * The outbox (SPEC §5): queues emails by writing their rows in the caller's transaction, the one that also writes the
 * token each carries. Nothing is sent here: if the transaction rolls back, no email exists; once it commits, the
 * dispatcher delivers each exactly once, however often it crashes or retries, under the idempotency key written now.
 */
export async function queueEmails(tx: Executor, emails: EmailToQueue[]): Promise<string[]> {
  const ids = emails.map(() => randomUUID());
  await insertRows(
    tx,
    "email_message",
    COLUMNS,
    emails.map((email, i) => {
      const deferred = isDeferred(email.content);
      return {
        id: ids[i],
        organization_id: email.organizationId,
        member_id: email.memberId,
        token_id: email.tokenId ?? null,
        job_id: email.jobId ?? null,
        template: email.template,
        sender: email.sender,
        reply_to: email.replyTo ?? null,
        to: email.to.trim().toLowerCase(),
        subject: email.content.subject,
        html: deferred ? null : (email.content as RenderedEmail).html,
        text: deferred ? null : (email.content as RenderedEmail).text,
        render_props: deferred ? (email.content as DeferredContent).renderProps : null,
        idempotency_key: `gatehouse/${ids[i]}`,
      };
    }),
  );
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
