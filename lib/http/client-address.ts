import http from "node:http";
import { isIP } from "node:net";

/**
 * The client's address for throttling and the audit log (SPEC §6), which nothing a client writes may choose.
 *
 * Next.js hands pages and actions the request headers only, and keeps a client's own X-Forwarded-For as it came;
 * the TCP peer's address is lost. So every HTTP server of this process stamps each request with its peer's address
 * in a header of ours, overwriting any copy the client sent, before Next.js sees it. Installed from next.config.ts
 * (loaded before the server takes its first request) and again from instrumentation (idempotent).
 */
export const PEER_ADDRESS_HEADER = "x-gatehouse-peer-address";
const INSTALLED = Symbol.for("gatehouse.peer-address-stamp");

export function installPeerAddressStamp(): void {
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function stampPeerAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  registry[INSTALLED] = true;
}

/** Whether this process stamps requests; without it the header could be the client's own, so it is not read. */
export function peerAddressStamped(): boolean {
  return (globalThis as { [INSTALLED]?: boolean })[INSTALLED] === true;
}

/**
 * With no proxy in front (trustedHops 0) the client is the TCP peer. Behind N trusted proxies it is the N-th
 * X-Forwarded-For entry from the right: the one the nearest trusted proxy wrote; entries further left were written
 * by the client and are ignored. A chain shorter than N gives its leftmost entry, as Express's "trust proxy" does.
 */
export function clientAddress({ peer, forwardedFor, trustedHops }: { peer: string | null; forwardedFor: string | null; trustedHops: number }): string | null {
  if (!peer) return null;
  const chain = [...(trustedHops > 0 && forwardedFor ? forwardedFor.split(",").map((entry) => entry.trim()) : []), peer];
  const chosen = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  const address = chosen.startsWith("::ffff:") && isIP(chosen.slice(7)) === 4 ? chosen.slice(7) : chosen;
  return isIP(address) ? address : null;
}
