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
