import type { Executor } from "@/db";
import { scimRequest } from "@/db/schema";

/** One SCIM request as the "Directory sync" page lists it: what the directory asked, and what it was told. */
export type LoggedScimRequest = {
  organizationId: string;
  tokenId: string;
  method: string;
  path: string;
  status: number;
  scimType?: string | null;
  detail?: string | null;
  memberId?: string | null;
  at: Date;
};

export async function logScimRequest(db: Executor, entry: LoggedScimRequest): Promise<void> {
  await db.insert(scimRequest).values({
    organizationId: entry.organizationId,
    tokenId: entry.tokenId,
    method: entry.method,
    path: entry.path.slice(0, 500),
    status: entry.status,
    scimType: entry.scimType ?? null,
    detail: entry.detail?.slice(0, 500) ?? null,
    memberId: entry.memberId ?? null,
    createdAt: entry.at,
  });
}
