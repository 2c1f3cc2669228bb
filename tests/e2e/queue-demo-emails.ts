/**
 * Browser-test data for the email engine: queues a real welcome email (token, rendered template, outbox row) to five
 * pending demo members, the way a send does, before the "email" server starts; its dispatcher then delivers them to
 * the development mailbox. Run after `npm run db:seed`, with the server's database settings.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { member, organization } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { emailBaseFor, envelopeFor } from "@/lib/email/compose";
import { queueEmails } from "@/lib/email/outbox";
import { renderEmail } from "@/lib/email/render-email";
import { DEMO_SLUG } from "@/lib/demo/seed-demo";
import { issueToken } from "@/lib/tokens";
import { runScript } from "@/scripts/run-script";

await runScript(async () => {
  const db = await getDb();
  const config = getConfig();
  const [org] = await db.select().from(organization).where(eq(organization.slug, DEMO_SLUG));
  const pending = await db
    .select()
    .from(member)
    .where(and(eq(member.organizationId, org!.id), eq(member.status, "pending"), eq(member.portalAccess, true), isNotNull(member.primaryEmail)))
    .orderBy(asc(member.extension))
    .limit(5);
  const now = new Date();
  await db.transaction(async (tx) => {
    const emails = [];
    for (const recipient of pending) {
      const expiresAt = new Date(now.getTime() + org!.inviteLinkDays * 86_400_000);
      const token = await issueToken(tx, { memberId: recipient.id, purpose: "invite", sentTo: recipient.primaryEmail!, expiresAt, now });
      const content = await renderEmail("welcome", {
        ...emailBaseFor(org!, recipient, config.appUrl),
        link: `${config.appUrl}/set-password/${token.secret}`,
        expiresAt,
        directNumber: recipient.directNumber,
        sentBy: "Adam Ashby (Office Manager)",
      });
      emails.push({ organizationId: org!.id, memberId: recipient.id, tokenId: token.id, template: "welcome" as const, to: recipient.primaryEmail!, content, ...envelopeFor(org!, config.emailFrom) });
      await tx.update(member).set({ confirmationSentAt: now }).where(eq(member.id, recipient.id));
    }
    await queueEmails(tx, emails);
  });
  console.log(`Queued welcome emails to ${pending.map((m) => m.primaryEmail).join(", ")}`);
});
