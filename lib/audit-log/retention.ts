import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { deleteOldScimRequests } from "../scim/directory-sync";

/**
 * Audit events are kept AUDIT_RETENTION_DAYS (SPEC §8, default 400), then deleted: by the background work of each
 * instance and of `npm run worker`, never by a request. Deleted a few thousand at a time, each batch its own short
 * statement, so a first run over years of events never holds a long lock; several instances share the work (SKIP
 * LOCKED), none waits on another.
 */
export async function deleteExpiredAuditEvents(
  db: Executor,
  { retentionDays, now = new Date(), batchSize = 5_000, maxBatches = 100 }: { retentionDays: number; now?: Date; batchSize?: number; maxBatches?: number },
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const [done] = await rows<{ n: number }>(
      db,
      sql`with expired as (
            select id from audit_event where created_at < ${cutoff} order by created_at limit ${batchSize} for update skip locked
          ), gone as (
            delete from audit_event where id in (select id from expired) returning 1
          ) select count(*)::int as n from gone`,
    );
    deleted += done?.n ?? 0;
    if ((done?.n ?? 0) < batchSize) break;
  }
  return deleted;
}

/** How often the background work looks for expired events. */
const EVERY_MS = 60 * 60 * 1000;

// One per process, kept on globalThis so `next dev` reloads don't start a second one.
const state = globalThis as unknown as { __gatehouseRetention?: AbortController };

/** Starts this process's retention work (instrumentation.ts, `npm run worker`): at once, then every hour. */
export function startAuditRetention({ db, retentionDays }: { db: Executor; retentionDays: number }): void {
  if (state.__gatehouseRetention) return;
  const running = new AbortController();
  state.__gatehouseRetention = running;
  void (async () => {
    while (!running.signal.aborted) {
      try {
        const deleted = await deleteExpiredAuditEvents(db, { retentionDays });
        if (deleted) console.log(`Gatehouse: deleted ${deleted} audit events older than ${retentionDays} days.`);
        await deleteOldScimRequests(db);
      } catch (error) {
        console.error(`Gatehouse: deleting expired audit events failed (${(error as { code?: string }).code ?? "no code"}); trying again later.`);
      }
      await sleep(EVERY_MS, undefined, { signal: running.signal }).catch(() => undefined);
    }
  })();
}

export function stopAuditRetention(): void {
  state.__gatehouseRetention?.abort();
  state.__gatehouseRetention = undefined;
}
