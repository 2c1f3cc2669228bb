import { headers } from "next/headers";

/** The client's address for throttling and the audit log: the first hop of X-Forwarded-For, as the load balancer set it. */
export function clientIpFrom(get: (name: string) => string | null): string | null {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip") || null;
}

export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}
