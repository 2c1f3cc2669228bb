import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { directoryToken, organization, type DirectoryToken } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { NotFoundError } from "../errors";
import { assertCanInOrganization } from "../permissions";
import { hashTokenSecret, newTokenSecret } from "../tokens";
import { isUuid } from "../actor";

/**
 * Provisioning tokens of directory sync (SPEC §4.16): an owner makes one per identity provider in the organization's
 * settings, names it, sees it once, and may revoke it; only its SHA-256 is kept. A request carrying it acts on its
 * organization alone.
 */

/** What an owner pastes into Entra, Okta or Google: recognisable in a secret scanner, 32 random bytes after it. */
const TOKEN_PREFIX = "ghscim_";

export type DirectoryTokenSummary = Pick<DirectoryToken, "id" | "name" | "createdAt" | "lastUsedAt" | "revokedAt"> & { createdBy: string | null; managed: number };

export async function listDirectoryTokens({ actor }: { actor: MemberActor }): Promise<DirectoryTokenSummary[]> {
  assertCanInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const db = await getDb();
  const rows = await db
    .select({
      id: directoryToken.id,
      name: directoryToken.name,
      createdAt: directoryToken.createdAt,
      lastUsedAt: directoryToken.lastUsedAt,
      revokedAt: directoryToken.revokedAt,
      // Spelled out: in a one-table select Drizzle leaves columns unqualified, which a correlated subquery would misread.
      createdBy: sql<string | null>`(select m.first_name || ' ' || m.last_name from member m where m.id = "directory_token"."created_by_id")`,
      managed: sql<number>`(select count(*)::int from member m where m.directory_token_id = "directory_token"."id")`,
    })
    .from(directoryToken)
    .where(eq(directoryToken.organizationId, actor.organizationId))
    .orderBy(desc(directoryToken.createdAt));
  return rows;
}

/** Makes a token and returns it, the only time it is ever readable. */
export async function createDirectoryToken({ actor, name, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; name: string; ip?: string | null; userAgent?: string | null; now?: Date }) {
  assertCanInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const { secret, hash } = newTokenSecret();
  const db = await getDb();
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(directoryToken)
      .values({ organizationId: actor.organizationId, name, secretHash: hash, createdById: actor.memberId, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, { action: "directory.token-create", target: { type: "directory-token", id: row!.id }, details: { name }, ip, userAgent, at: now });
    return row!;
  });
  return { token: `${TOKEN_PREFIX}${secret}`, id: created.id, name: created.name };
}

/** Revokes a token: its next request is refused. The members it provisioned stay as they are, still marked as synced. */
export async function revokeDirectoryToken({ actor, tokenId, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; tokenId: unknown; ip?: string | null; userAgent?: string | null; now?: Date }) {
  assertCanInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [revoked] = isUuid(tokenId)
      ? await tx
          .update(directoryToken)
          .set({ revokedAt: now, updatedAt: now })
          .where(and(eq(directoryToken.id, tokenId), eq(directoryToken.organizationId, actor.organizationId), isNull(directoryToken.revokedAt)))
          .returning()
      : [];
    if (!revoked) throw new NotFoundError("This token doesn't exist or was already revoked.");
    await recordAudit(tx, actor, { action: "directory.token-revoke", target: { type: "directory-token", id: revoked.id }, details: { name: revoked.name }, ip, userAgent, at: now });
    return revoked;
  });
}

/** The token a request carries, with what every request needs of its organization (read with it, in one look-up). */
export type DirectoryCaller = { tokenId: string; organizationId: string; name: string; organizationSlug: string; welcomeOnProvision: boolean };

/**
 * The token a SCIM request's `Authorization: Bearer …` carries, or null: unknown, malformed or revoked all answer
 * alike. Its last-used time moves at most once a minute, so a provisioning cycle doesn't write it on every request.
 */
export async function authenticateDirectoryToken(db: Executor, authorization: string | null, now = new Date()): Promise<DirectoryCaller | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = match?.[1];
  if (!presented?.startsWith(TOKEN_PREFIX) || presented.length > 200) return null;
  const [found] = await db
    .select({
      tokenId: directoryToken.id,
      organizationId: directoryToken.organizationId,
      name: directoryToken.name,
      lastUsedAt: directoryToken.lastUsedAt,
      organizationSlug: organization.slug,
      welcomeOnProvision: organization.welcomeOnProvision,
    })
    .from(directoryToken)
    .innerJoin(organization, eq(organization.id, directoryToken.organizationId))
    .where(and(eq(directoryToken.secretHash, hashTokenSecret(presented.slice(TOKEN_PREFIX.length))), isNull(directoryToken.revokedAt)))
    .limit(1);
  if (!found) return null;
  if (!found.lastUsedAt || found.lastUsedAt.getTime() < now.getTime() - 60_000) {
    await db
      .update(directoryToken)
      .set({ lastUsedAt: now })
      .where(and(eq(directoryToken.id, found.tokenId), or(isNull(directoryToken.lastUsedAt), lt(directoryToken.lastUsedAt, new Date(now.getTime() - 60_000)))));
  }
  return { tokenId: found.tokenId, organizationId: found.organizationId, name: found.name, organizationSlug: found.organizationSlug, welcomeOnProvision: found.welcomeOnProvision };
}
