import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/**
 * The event loop's delay, measured inside the server (SPEC §7: "event-loop delay p99 ≤ 50 ms" while 50 set-password
 * submissions hash at once). Off unless EVENT_LOOP_DIAGNOSTICS=on: `npm run bench:set-password` turns it on for the
 * server it starts, and reads it from GET /api/diagnostics/event-loop.
 */
const state = globalThis as unknown as { __gatehouseLoopDelay?: IntervalHistogram };

export const eventLoopDiagnosticsOn = () => process.env.EVENT_LOOP_DIAGNOSTICS === "on";

/** Starts sampling every 5 ms (instrumentation-node.ts); later calls keep the running histogram. */
export function startEventLoopMonitor(): void {
  if (state.__gatehouseLoopDelay) return;
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  state.__gatehouseLoopDelay = histogram;
}

export type EventLoopDelay = { samples: number; p50Ms: number; p99Ms: number; maxMs: number };

/** The delays since the last reset, in milliseconds; `reset` starts counting afresh after reading. */
export function eventLoopDelay({ reset = false } = {}): EventLoopDelay | null {
  const h = state.__gatehouseLoopDelay;
  if (!h) return null;
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  const figures = { samples: h.count, p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
  if (reset) h.reset();
  return figures;
}
