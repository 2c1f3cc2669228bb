import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvent } from "@/db/schema";
import { recordAudits } from "@/lib/audit";
import { deleteExpiredAuditEvents } from "@/lib/audit-log/retention";
import { seedOrganization } from "@/tests/factories";

/** AUDIT_RETENTION_DAYS (SPEC §8): events older than the retention are deleted in batches; younger ones stay. */

describe("audit retention", () => {
  it("deletes the events older than the retention, a batch at a time, and keeps every younger one", async () => {
    const db = await getDb();
    const org = await seedOrganization();
    // A year of this organization's history, long ago so no other test's events fall before the cutoff.
    const start = Date.UTC(2000, 0, 1);
    const day = 86_400_000;
    await recordAudits(
      db,
      org.actors.admin,
      Array.from({ length: 366 }, (_, i) => ({ action: "member.welcome-sent", organizationId: org.organization.id, at: new Date(start + i * day + 3_600_000) })),
    );
    await recordAudits(db, org.actors.admin, [{ action: "member.welcome-sent", organizationId: org.organization.id }]);
    const now = new Date(start + 366 * day);

    // 100 days kept: the 266 oldest go, in batches of 50.
    expect(await deleteExpiredAuditEvents(db, { retentionDays: 100, now, batchSize: 50 })).toBe(266);
    const left = await db.select({ at: auditEvent.createdAt }).from(auditEvent).where(eq(auditEvent.organizationId, org.organization.id));
    const history = left.filter((e) => e.at.getTime() < Date.UTC(2001, 0, 2));
    expect(history).toHaveLength(100);
    expect(Math.min(...history.map((e) => e.at.getTime()))).toBeGreaterThanOrEqual(now.getTime() - 100 * day);
    // Today's event is untouched; a second pass finds nothing more.
    expect(left).toHaveLength(101);
    expect(await deleteExpiredAuditEvents(db, { retentionDays: 100, now, batchSize: 50 })).toBe(0);
  });

  it("stops after its batch allowance and finishes on the next pass", async () => {
    const db = await getDb();
    const org = await seedOrganization();
    const start = Date.UTC(1999, 0, 1);
    await recordAudits(
      db,
      org.actors.admin,
      Array.from({ length: 30 }, (_, i) => ({ action: "member.welcome-sent", organizationId: org.organization.id, at: new Date(start + i * 60_000) })),
    );
    const now = new Date(Date.UTC(1999, 11, 31));
    expect(await deleteExpiredAuditEvents(db, { retentionDays: 30, now, batchSize: 10, maxBatches: 2 })).toBe(20);
    expect(await deleteExpiredAuditEvents(db, { retentionDays: 30, now, batchSize: 10, maxBatches: 2 })).toBe(10);
  });
});
