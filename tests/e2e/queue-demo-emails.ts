/**
 * Browser-test data for the email engine: Adam Ashby, the demo's office manager, sends a welcome email to five pending
 * demo members, as "Send Welcome Email" does (queueLinkEmails: token, outbox row, "Confirmation sent", audit), before
 * the "email" server starts; its dispatcher then delivers them to the development mailbox. Run after `npm run db:seed`, with the server's database settings.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { member, organization } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { DEMO_SLUG } from "@/lib/demo/seed-demo";
import { queueLinkEmails } from "@/lib/onboarding/link-emails";
import { runScript } from "@/scripts/run-script";

await runScript(async () => {
  const db = await getDb();
  const [org] = await db.select().from(organization).where(eq(organization.slug, DEMO_SLUG));
  const [adam] = await db.select().from(member).where(and(eq(member.organizationId, org!.id), eq(member.extension, "101")));
  const actor = await memberActorOf(db, adam!);
  const pending = await db
    .select()
    .from(member)
    .where(and(eq(member.organizationId, org!.id), eq(member.status, "pending"), eq(member.portalAccess, true), isNotNull(member.primaryEmail)))
    .orderBy(asc(member.extension))
    .limit(5);
  await db.transaction((tx) => queueLinkEmails(tx, { organization: org!, recipients: pending, purpose: "invite", actor }));
  console.log(`Queued welcome emails to ${pending.map((m) => m.primaryEmail).join(", ")}`);
});
