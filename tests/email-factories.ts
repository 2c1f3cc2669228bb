import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { emailEvent, emailMessage, type EmailEvent, type EmailMessage } from "@/db/schema";

/**
 * Email log rows written straight to the database, as the outbox, the dispatcher and the webhooks would have left
 * them, so a test can set up any history (a bounce a week ago, a retry storm) without sending anything.
 */

export type EmailOverrides = Partial<typeof emailMessage.$inferInsert>;

/** A welcome email, queued, unless overridden; each gets an idempotency key of its own. */
export async function insertEmail(organizationId: string, overrides: EmailOverrides = {}): Promise<EmailMessage> {
  const [row] = await insertEmails(organizationId, [overrides]);
  return row!;
}

export async function insertEmails(organizationId: string, rows: EmailOverrides[]): Promise<EmailMessage[]> {
  const db = await getDb();
  return db
    .insert(emailMessage)
    .values(
      rows.map((row) => ({
        organizationId,
        template: "welcome",
        sender: "Acme <onboarding@localhost>",
        to: "dana@example.test",
        subject: "Your account has been created!",
        html: "<p>Welcome</p>",
        text: "Welcome",
        idempotencyKey: `test/${randomUUID()}`,
        ...row,
      })),
    )
    .returning();
}

export type EventInput = { type: string; occurredAt: Date; details?: Record<string, unknown> };

export async function insertEvents(messageId: string, events: EventInput[]): Promise<EmailEvent[]> {
  const db = await getDb();
  return db
    .insert(emailEvent)
    .values(events.map((e) => ({ messageId, type: e.type, occurredAt: e.occurredAt, details: e.details ?? {} })))
    .returning();
}

/** Many delivered emails in one statement, one a minute back from `newest`: for counts and deep pages. */
export async function insertManyEmails(organizationId: string, count: number, newest = new Date()): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into ${emailMessage} (organization_id, template, sender, "to", subject, html, text, status, idempotency_key, created_at)
    select ${organizationId}::uuid, 'welcome', 'Acme <onboarding@localhost>', 'bulk' || n || '@example.test',
           'Your account has been created!', '<p>Welcome</p>', 'Welcome', 'delivered', 'test/' || gen_random_uuid(),
           ${newest.toISOString()}::timestamptz - make_interval(mins => n)
    from generate_series(1, ${count}) as n`);
}
