import { sql } from "drizzle-orm";
import { getDb, rows } from "@/db";
import { queueEmails } from "@/lib/email/outbox";
import { createOrganization } from "../../factories";

/** Queues n simple emails (each with a link, to recipient-<i>@example.test) the way a feature would: in a transaction. */
export async function queueTestEmails(n: number, { organizationId, to }: { organizationId?: string; to?: (i: number) => string } = {}) {
  const db = await getDb();
  const orgId = organizationId ?? (await createOrganization("Acme Dental")).id;
  return db.transaction((tx) =>
    queueEmails(
      tx,
      Array.from({ length: n }, (_, i) => ({
        organizationId: orgId,
        memberId: null,
        template: "welcome" as const,
        to: to ? to(i) : `recipient-${i}@example.test`,
        sender: "Acme Dental <onboarding@acme.example>",
        content: {
          subject: `Your account has been created! (${i})`,
          html: `<p>Hello ${i}</p><a href="http://localhost:3000/set-password/secret-${i}?a=1&amp;b=2">Set your password</a>`,
          text: `Hello ${i}\nhttp://localhost:3000/set-password/secret-${i}?a=1&b=2`,
        },
      })),
    ),
  );
}

export type MessageRow = { id: string; status: string; attempts: number; provider_id: string | null; last_error: string | null; batch_key: string | null };

export async function messagesByStatus(): Promise<Record<string, number>> {
  const found = await rows<{ status: string; n: number | string }>(await getDb(), sql`select status, count(*) as n from email_message group by status`);
  return Object.fromEntries(found.map((r) => [r.status, Number(r.n)]));
}

export async function message(id: string): Promise<MessageRow> {
  const [found] = await rows<MessageRow>(await getDb(), sql`select id, status, attempts, provider_id, last_error, batch_key from email_message where id = ${id}`);
  return found!;
}

export async function eventsOf(id: string): Promise<{ type: string; details: Record<string, unknown> }[]> {
  return rows(await getDb(), sql`select type, details from email_event where message_id = ${id} order by occurred_at, created_at`);
}
