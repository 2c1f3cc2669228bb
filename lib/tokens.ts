import { and, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { token } from "@/db/schema";

type TokenPurpose = (typeof token.purpose.enumValues)[number];

/** Revokes the members' links that are still usable (all purposes unless named); returns how many. */
export async function revokeOpenTokens(tx: Executor, memberIds: string[], now: Date, purposes?: TokenPurpose[]): Promise<number> {
  if (!memberIds.length) return 0;
  const revoked = await tx
    .update(token)
    .set({ revokedAt: now })
    .where(
      and(
        inArray(token.memberId, memberIds),
        isNull(token.usedAt),
        isNull(token.revokedAt),
        purposes ? inArray(token.purpose, purposes) : undefined,
      ),
    )
    .returning({ id: token.id });
  return revoked.length;
}
