import { and, desc, eq, isNull, sql } from "drizzle-orm";
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

/** How many requests a token may send in a window, shared by every instance (SPEC §9). */
export type TokenRate = { limit: number; windowSeconds: number };

/**
 * The token a SCIM request's `Authorization: Bearer …` carries, or null: unknown, malformed or revoked all answer
 * alike. The same statement counts the request against the token's rate and moves its last-used time, since a
 * provisioning cycle sends hundreds of requests a second and each round trip to the database costs.
 */
export async function authenticateDirectoryToken(
  db: Executor,
  authorization: string | null,
  rate: TokenRate,
  now = new Date(),
): Promise<(DirectoryCaller & { retryAfterSeconds: number }) | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = match?.[1];
  if (!presented?.startsWith(TOKEN_PREFIX) || presented.length > 200) return null;
  let authenticate = preparedAuthentication.get(db);
  if (!authenticate) preparedAuthentication.set(db, (authenticate = prepareAuthentication(db)));
  const [found] = await authenticate.execute({
    hash: hashTokenSecret(presented.slice(TOKEN_PREFIX.length)),
    now,
    windowStart: new Date(now.getTime() - rate.windowSeconds * 1000),
  });
  if (!found) return null;
  const { requests, windowStartedAt, ...caller } = found;
  const windowEnds = windowStartedAt!.getTime() + rate.windowSeconds * 1000;
  return { ...caller, retryAfterSeconds: requests <= rate.limit ? 0 : Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
}

/** Built once per database: every SCIM request runs it, and a prepared statement is neither rebuilt nor re-planned. */
const preparedAuthentication = new WeakMap<Executor, ReturnType<typeof prepareAuthentication>>();

function prepareAuthentication(db: Executor) {
  const now = sql.placeholder("now");
  const windowOver = sql`(${directoryToken.rateWindowStartedAt} is null or ${directoryToken.rateWindowStartedAt} <= ${sql.placeholder("windowStart")})`;
  return db
    .update(directoryToken)
    .set({
      lastUsedAt: sql`${now}`,
      rateWindowRequests: sql`case when ${windowOver} then 1 else ${directoryToken.rateWindowRequests} + 1 end`,
      rateWindowStartedAt: sql`case when ${windowOver} then ${now} else ${directoryToken.rateWindowStartedAt} end`,
    })
    .from(organization)
    .where(and(eq(organization.id, directoryToken.organizationId), eq(directoryToken.secretHash, sql.placeholder("hash")), isNull(directoryToken.revokedAt)))
    .returning({
      tokenId: directoryToken.id,
      organizationId: directoryToken.organizationId,
      name: directoryToken.name,
      organizationSlug: organization.slug,
      welcomeOnProvision: organization.welcomeOnProvision,
      requests: directoryToken.rateWindowRequests,
      windowStartedAt: directoryToken.rateWindowStartedAt,
    })
    .prepare("scim_authenticate");
}
