import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { token } from "@/db/schema";

export type TokenPurpose = (typeof token.purpose.enumValues)[number];

/**
 * Revokes the members' links that are still usable (all purposes unless named); returns how many. The ids travel as
 * one array parameter, so a bulk send's 10,000 members are one statement.
 */
export async function revokeOpenTokens(tx: Executor, memberIds: string[], now: Date, purposes?: TokenPurpose[]): Promise<number> {
  if (!memberIds.length) return 0;
  const revoked = await rows<{ n: number }>(
    tx,
    sql`with revoked as (
          update token set revoked_at = ${now}
          where member_id = any(${sql.param(memberIds)}::uuid[]) and used_at is null and revoked_at is null
            ${purposes ? sql`and purpose::text = any(${sql.param(purposes)}::text[])` : sql``}
          returning 1
        ) select count(*)::int as n from revoked`,
  );
  return revoked[0]?.n ?? 0;
}

/** SPEC §6: 32 random bytes, base64url; only the SHA-256 (hex) is stored. */
export function newTokenSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashTokenSecret(secret) };
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Writes a token in the caller's transaction (the one that queues the email carrying it); returns its raw secret. */
export async function issueToken(
  tx: Executor,
  { memberId, purpose, sentTo, expiresAt, now = new Date() }: { memberId: string; purpose: TokenPurpose; sentTo: string; expiresAt: Date; now?: Date },
): Promise<{ id: string; secret: string; expiresAt: Date }> {
  const { secret, hash } = newTokenSecret();
  const [created] = await tx
    .insert(token)
    .values({ memberId, purpose, secretHash: hash, sentTo, expiresAt, createdAt: now })
    .returning({ id: token.id });
  return { id: created!.id, secret, expiresAt };
}
