import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailMessage, job } from "@/db/schema";
import type { MemberActor } from "@/lib/actor";
import { createDispatcher } from "@/lib/email/dispatcher";
import { outboxTransport } from "@/lib/email/transports/outbox";
import { NotFoundError } from "@/lib/errors";
import { bulkSendProgress, runningBulkSends } from "@/lib/onboarding/bulk-send-progress";
import { sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { seedOrganization, type SeededOrganization } from "@/tests/factories";
import { withEmptyDatabase } from "../fresh-database";
import { expectRejection, pendingMember } from "./helpers";

/**
 * The progress bar of a bulk send (SPEC §4.6: "queued / sent / delivered / failed"), read from the emails themselves
 * as the dispatcher delivers them through the outbox transport.
 */

// A dispatcher delivers every due email in its database: this file gets a database of its own.
withEmptyDatabase();

/** Delivers every queued email the way the app's dispatcher does in development. */
async function deliverAll() {
  await createDispatcher({ db: await getDb(), transport: outboxTransport, settings: { pollMs: 20, ratePerSecond: 1000 } }).drain();
}

/** The office manager (or another actor) sends welcome emails to n new pending members; returns the job. */
async function bulkSend(org: SeededOrganization, n: number, actor: MemberActor = org.actors.admin) {
  const members = await Promise.all(Array.from({ length: n }, () => pendingMember(org)));
  const sent = await sendLinkEmails({ actor, selection: { kind: "ids", ids: members.map((m) => m.id) }, purpose: "invite" });
  return sent.jobId!;
}

describe("bulk send progress", () => {
  it("[Office Manager] everything is queued at first; once delivered, all sent and done, and the job is marked done", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const jobId = await bulkSend(org, 4);
    expect(await bulkSendProgress(db, org.actors.admin, jobId)).toEqual({ jobId, template: "welcome", total: 4, queued: 4, sent: 0, delivered: 0, failed: 0, done: false });
    expect(await runningBulkSends(db, org.actors.admin)).toMatchObject([{ jobId, queued: 4 }]);

    await deliverAll();
    expect(await bulkSendProgress(db, org.actors.admin, jobId)).toMatchObject({ total: 4, queued: 0, sent: 4, done: true });
    expect(await db.select().from(job).where(eq(job.id, jobId))).toMatchObject([{ status: "done", done: 4, failed: 0, finishedAt: expect.any(Date) }]);
    expect(await runningBulkSends(db, org.actors.admin)).toEqual([]);
  });

  it("[Office Manager] delivered and bounced emails show as delivered and failed", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const jobId = await bulkSend(org, 3);
    await deliverAll();
    const [first, second] = await db.select({ id: emailMessage.id }).from(emailMessage).where(eq(emailMessage.jobId, jobId));
    await db.update(emailMessage).set({ status: "delivered" }).where(eq(emailMessage.id, first!.id));
    await db.update(emailMessage).set({ status: "bounced" }).where(eq(emailMessage.id, second!.id));
    expect(await bulkSendProgress(db, org.actors.admin, jobId)).toMatchObject({ total: 3, queued: 0, sent: 1, delivered: 1, failed: 1, done: true });
  });

  it("[Site Manager] follows the progress of a send they started, after a reload too", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const jobId = await bulkSend(org, 1, org.actors.siteManager);
    expect(await runningBulkSends(db, org.actors.siteManager)).toEqual([expect.objectContaining({ jobId, total: 1, queued: 1 })]);
    await expect(bulkSendProgress(db, org.actors.siteManager, jobId)).resolves.toMatchObject({ done: false });
  });

  it("[Owner] may follow a send an office manager started; another organization and a site manager who didn't start it may not", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const db = await getDb();
    const jobId = await bulkSend(org, 1);
    await expect(bulkSendProgress(db, org.actors.owner, jobId)).resolves.toMatchObject({ total: 1 });
    for (const actor of [other.actors.admin, other.actors.owner, org.actors.siteManager, org.actors.supervisor]) {
      await expectRejection(bulkSendProgress(db, actor, jobId), NotFoundError);
      expect(await runningBulkSends(db, actor)).toEqual([]);
    }
  });
});
