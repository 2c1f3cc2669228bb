import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { clientAddress, PEER_ADDRESS_HEADER, peerAddressStamped } from "@/lib/http/client-address";

/** The client's address for throttling and the audit log, as TRUSTED_PROXY_HOPS says to find it (lib/http/client-address.ts). */
export function clientIpFrom(get: (name: string) => string | null, trustedHops = getConfig().trustedProxyHops): string | null {
  const peer = peerAddressStamped() ? get(PEER_ADDRESS_HEADER) : null;
  return clientAddress({ peer, forwardedFor: get("x-forwarded-for"), trustedHops });
}

export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}

/** Where an act came from, for its audit event: the client's address and its User-Agent (SPEC §4.13). */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

export function requestOriginFrom(get: (name: string) => string | null): RequestOrigin {
  return { ip: clientIpFrom(get), userAgent: get("user-agent") };
}

export async function requestOrigin(): Promise<RequestOrigin> {
  const h = await headers();
  return requestOriginFrom((name) => h.get(name));
}
