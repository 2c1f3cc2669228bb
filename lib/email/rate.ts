import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db";

/**
 * The provider's request budget for the whole deployment (SPEC §9). Every dispatcher of every instance reserves its
 * next request slot from one provider_rate row: the upsert advances the row by one interval under its row lock, so
 * however many instances run, slots are at least one interval apart. Times come from the database's clock, so
 * instances with skewed clocks still agree.
 */

/**
 * A little spacing beyond 1/rate: a request sent a few milliseconds after its slot must not land in the same one-second
 * window as the request ten slots later, which a sliding-window limiter (Resend's) would refuse with a 429.
 */
const SLACK = 1.03;

export function slotIntervalSeconds(ratePerSecond: number): number {
  return (1 / ratePerSecond) * SLACK;
}

/** Reserves the next free slot; returns how long to wait for it (ms, ≥ 0). */
export async function reserveSlot(db: Executor, provider: string, ratePerSecond: number): Promise<number> {
  const interval = slotIntervalSeconds(ratePerSecond);
  const [row] = await rows<{ wait_ms: number | string }>(
    db,
    sql`insert into provider_rate (provider, next_slot_at) values (${provider}, clock_timestamp() + make_interval(secs => ${interval}))
        on conflict (provider) do update
          set next_slot_at = greatest(provider_rate.next_slot_at, clock_timestamp()) + make_interval(secs => ${interval})
        returning greatest(0, extract(epoch from (next_slot_at - make_interval(secs => ${interval}) - clock_timestamp())) * 1000) as wait_ms`,
  );
  return Math.ceil(Number(row?.wait_ms ?? 0));
}

/** The provider said "not before" (a 429's retry-after): nobody in the deployment sends until then. */
export async function holdProviderUntil(db: Executor, provider: string, delayMs: number): Promise<void> {
  await db.execute(
    sql`insert into provider_rate (provider, next_slot_at) values (${provider}, clock_timestamp() + make_interval(secs => ${delayMs / 1000}))
        on conflict (provider) do update
          set next_slot_at = greatest(provider_rate.next_slot_at, clock_timestamp() + make_interval(secs => ${delayMs / 1000}))`,
  );
}
