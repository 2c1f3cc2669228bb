import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rows, type Database, type Executor } from "@/db";
import { emailEvent, emailMessage, member, type EmailStatus } from "@/db/schema";
import { isUuid } from "@/lib/actor";
import type { EmailEventDetails, EmailEventType } from "./events";

/** The part of a Resend webhook (`email.*` events) that Gatehouse reads. */
export const resendEvent = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().optional(),
      created_at: z.string().optional(),
      // Resend sends tags as an object; the API took them as [{name, value}]. Accept both.
      tags: z.union([z.record(z.string(), z.unknown()), z.array(z.object({ name: z.string(), value: z.unknown() }))]).optional(),
      bounce: z.object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() }).optional(),
      failed: z.object({ reason: z.string().optional() }).optional(),
      click: z.object({ link: z.string().optional() }).optional(),
      suppressed: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
    })
    .passthrough(),
});
export type ResendEvent = z.infer<typeof resendEvent>;

/** How far along a status is: an event never moves a message back (a late "delayed" after "delivered"). */
const PROGRESS: Record<EmailStatus, number> = { queued: 0, sending: 1, sent: 2, delayed: 3, delivered: 4, failed: 5, bounced: 5, complained: 6 };

/** What each Resend event means for the message's status (events without one are only stored). */
const STATUS_OF: Partial<Record<string, EmailStatus>> = {
  "email.sent": "sent",
  "email.delivered": "delivered",
  "email.delivery_delayed": "delayed",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
  "email.suppressed": "failed",
};

export type WebhookResult = "applied" | "duplicate" | "unknown-message" | "ignored";

/** What Svix signs a request with; without all three nothing can be verified, so the body is not even read. */
export const SIGNATURE_HEADERS = ["svix-id", "svix-timestamp", "svix-signature"] as const;
/** Resend's events are a few kB: a body past this is not one of them, and reading stops there (413). */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** The signature headers a request lacks (or sends empty), in the order Svix names them. */
export function missingSignatureHeaders(headers: Headers): string[] {
  return SIGNATURE_HEADERS.filter((name) => !headers.get(name));
}

/**
 * Applies one verified Resend event (SPEC §4.11): stores it on the message's timeline, moves the status forward, and
 * flags the member's address when it bounced or complained, so the manager fixes it before resending. Idempotent per
 * event id: Resend delivers at least once, and a redelivery changes nothing.
 */
export async function applyResendEvent(db: Database, eventId: string, event: ResendEvent): Promise<WebhookResult> {
  if (!event.type.startsWith("email.")) return "ignored";
  const type = event.type.slice("email.".length) as EmailEventType;
  const occurredAt = parseDate(event.data.created_at) ?? parseDate(event.created_at) ?? new Date();
  const status = STATUS_OF[event.type];

  return db.transaction(async (tx) => {
    // The message is found and locked before anything is written: an event about an email we never sent (or one
    // deleted since) leaves no row behind, yet is answered 200 so Resend stops retrying it.
    const messageId = await findMessage(tx, event);
    const [message] = messageId
      ? await tx
          .select({ status: emailMessage.status, memberId: emailMessage.memberId, to: emailMessage.to })
          .from(emailMessage)
          .where(eq(emailMessage.id, messageId))
          .for("update")
      : [];
    if (!messageId || !message) return "unknown-message";
    const [stored] = await tx
      .insert(emailEvent)
      .values({ messageId, type, providerEventId: eventId, details: detailsOf(type, event), occurredAt })
      .onConflictDoNothing({ target: emailEvent.providerEventId })
      .returning({ id: emailEvent.id });
    if (!stored) return "duplicate";

    const moves = status && PROGRESS[status] > PROGRESS[message.status];
    await tx
      .update(emailMessage)
      .set({
        ...(moves ? { status, updatedAt: new Date() } : {}),
        ...(moves && status === "delivered" ? { deliveredAt: occurredAt } : {}),
        ...(moves && (status === "bounced" || status === "failed") ? { lastError: errorOf(event) } : {}),
        // The provider id may arrive here first, when the dispatcher has not recorded it yet.
        ...(event.data.email_id ? { providerId: sql`coalesce(${emailMessage.providerId}, ${event.data.email_id})` } : {}),
      })
      .where(eq(emailMessage.id, messageId));
    if ((status === "bounced" || status === "complained") && message.memberId) {
      await tx
        .update(member)
        .set({ primaryEmailProblem: status, updatedAt: new Date() })
        .where(and(eq(member.id, message.memberId), eq(member.primaryEmail, message.to)));
    }
    return "applied";
  });
}

/** By our own tag first (set on every send), then by the provider's id. */
async function findMessage(db: Executor, event: ResendEvent): Promise<string | null> {
  const tagged = tagValue(event.data.tags, "message_id");
  if (tagged && isUuid(tagged)) {
    const [found] = await rows<{ id: string }>(db, sql`select id from email_message where id = ${tagged}`);
    if (found) return found.id;
  }
  if (!event.data.email_id) return null;
  const [found] = await db.select({ id: emailMessage.id }).from(emailMessage).where(eq(emailMessage.providerId, event.data.email_id));
  return found?.id ?? null;
}

function tagValue(tags: ResendEvent["data"]["tags"], name: string): string | undefined {
  if (!tags) return undefined;
  const value = Array.isArray(tags) ? tags.find((t) => t.name === name)?.value : tags[name];
  return typeof value === "string" ? value : undefined;
}

function detailsOf(type: EmailEventType, event: ResendEvent): Record<string, unknown> {
  const { bounce, click, suppressed } = event.data;
  if (type === "bounced") {
    return { reason: bounce?.message ?? "The receiving server refused the email", bounceType: bounce?.type, bounceSubType: bounce?.subType } satisfies EmailEventDetails["bounced"];
  }
  if (type === "failed") return { error: errorOf(event) } satisfies EmailEventDetails["failed"];
  if (type === "clicked") return { link: click?.link } satisfies EmailEventDetails["clicked"];
  if (type === "suppressed") return { reason: suppressed?.message } satisfies EmailEventDetails["suppressed"];
  return {};
}

function errorOf(event: ResendEvent): string {
  const { bounce, failed, suppressed } = event.data;
  return bounce?.message ?? failed?.reason ?? suppressed?.message ?? event.type;
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
