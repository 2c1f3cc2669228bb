import { getDb } from "@/db";
import { getConfig, type Config } from "@/lib/config";
import { createDispatcher, type Dispatcher } from "./dispatcher";
import type { Transport } from "./transport";
import { outboxTransport } from "./transports/outbox";
import { resendTransport } from "./transports/resend";

/** The transport MAIL_TRANSPORT names (SPEC §8). */
export function transportFor(config: Config): Transport {
  if (config.mailTransport === "outbox") return outboxTransport;
  return resendTransport({ apiKey: config.resendApiKey!, baseUrl: config.resendBaseUrl });
}

// One dispatcher per process, kept on globalThis so `next dev` reloads don't start a second one.
const state = globalThis as unknown as { __gatehouseDispatcher?: Promise<Dispatcher> };

/** A dispatcher for this process's database and configuration, not started. */
export async function configuredDispatcher(): Promise<Dispatcher> {
  const config = getConfig();
  return createDispatcher({ db: await getDb(), transport: transportFor(config), settings: { ratePerSecond: config.emailRateLimit } });
}

/** Starts this process's dispatcher (instrumentation.ts, `npm run worker`); later calls return the same one. */
export function startDispatcher(): Promise<Dispatcher> {
  return (state.__gatehouseDispatcher ??= configuredDispatcher().then((dispatcher) => {
    dispatcher.start();
    return dispatcher;
  }));
}

/**
 * Emails were just queued and committed: deliver now instead of at the next poll. A no-op in a process without a
 * dispatcher (a script, a test), where the next poll of whichever dispatcher runs picks them up.
 */
export function nudgeDispatcher(): void {
  void state.__gatehouseDispatcher?.then((d) => d.nudge());
}

export async function stopDispatcher(): Promise<void> {
  const running = state.__gatehouseDispatcher;
  state.__gatehouseDispatcher = undefined;
  if (running) await (await running).stop();
}
