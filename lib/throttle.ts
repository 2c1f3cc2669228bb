import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { throttle } from "@/db/schema";

/**
 * Attempt counting for SPEC §6: after `failures` failed attempts within `windowSeconds`, the key is blocked for
 * `blockSeconds`, then counting starts afresh. It slows guessing down and never locks an account for good. Counters
 * live in PostgreSQL, so several instances share them (SPEC §9).
 */
export type ThrottleRule = { failures: number; windowSeconds: number; blockSeconds: number };

/** Seconds until every one of these keys is free again; 0 when none is blocked. */
export async function secondsBlocked(db: Executor, keys: string[], now = new Date()): Promise<number> {
  return Math.max(0, ...(await secondsBlockedByKey(db, keys, now)).values());
}

/** For each of these keys that is blocked now, the seconds until it is free again. */
export async function secondsBlockedByKey(db: Executor, keys: string[], now = new Date()): Promise<Map<string, number>> {
  const blocked = new Map<string, number>();
  if (keys.length === 0) return blocked;
  const found = await db
    .select({ key: throttle.key, blockedUntil: throttle.blockedUntil })
    .from(throttle)
    .where(and(inArray(throttle.key, keys), gt(throttle.blockedUntil, now)));
  for (const row of found) blocked.set(row.key, Math.ceil((row.blockedUntil!.getTime() - now.getTime()) / 1000));
  return blocked;
}

/**
 * Counts one failure against the key (an atomic upsert), and starts a block when the count reaches the limit. Returns
 * whether this failure started the block, so the caller can audit the lock-out once, not on every later attempt.
 */
export async function recordFailure(db: Executor, key: string, rule: ThrottleRule, now = new Date()): Promise<{ blockedNow: boolean }> {
  const counted = await countInWindow(db, key, rule.windowSeconds, now);
  if (counted.count < rule.failures) return { blockedNow: false };
  // Concurrent failures may both reach the limit: only the one whose update sets the block reports it.
  const blocked = await db
    .update(throttle)
    .set({ blockedUntil: new Date(now.getTime() + rule.blockSeconds * 1000), failures: 0, windowStartedAt: now })
    .where(sql`${throttle.key} = ${key} and ${throttle.failures} >= ${rule.failures}`)
    .returning({ key: throttle.key });
  return { blockedNow: blocked.length > 0 };
}

/** Forgets the failures of a key (after a successful sign-in, say). */
export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.delete(throttle).where(eq(throttle.key, key));
}

/** Counts one more against the key in a window of `windowSeconds` that starts again once it has passed: one upsert. */
async function countInWindow(db: Executor, key: string, windowSeconds: number, now: Date): Promise<{ count: number; since: Date }> {
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);
  const [counted] = await db
    .insert(throttle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: throttle.key,
      set: {
        failures: sql`case when ${throttle.windowStartedAt} < ${windowStart} then 1 else ${throttle.failures} + 1 end`,
        windowStartedAt: sql`case when ${throttle.windowStartedAt} < ${windowStart} then ${now} else ${throttle.windowStartedAt} end`,
      },
    })
    .returning({ count: throttle.failures, since: throttle.windowStartedAt });
  return counted!;
}
