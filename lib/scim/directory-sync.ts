import { and, count, desc, eq, isNotNull, lt } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { directoryToken, member, organization, scimRequest } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { displayName } from "../members/format";
import { displayStatus, type DisplayStatus } from "../members/labels";
import { assertCanInOrganization } from "../permissions";
import { listDirectoryTokens } from "./tokens";

/**
 * Organization → "Directory sync" (SPEC §4.16), the owner's: the tokens, what the directory asked lately and how it
 * was answered, how many people it manages, and whether a provisioned person is welcomed by email at once.
 */

export const REQUESTS_SHOWN = 100;

export async function directorySyncPage({ actor }: { actor: MemberActor }) {
  assertCanInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const db = await getDb();
  const [tokens, counts, requests, [org]] = await Promise.all([
    listDirectoryTokens({ actor }),
    db
      .select({ status: member.status, portalAccess: member.portalAccess, n: count() })
      .from(member)
      .where(and(eq(member.organizationId, actor.organizationId), isNotNull(member.directoryTokenId)))
      .groupBy(member.status, member.portalAccess),
    db
      .select({
        id: scimRequest.id,
        at: scimRequest.createdAt,
        method: scimRequest.method,
        path: scimRequest.path,
        status: scimRequest.status,
        scimType: scimRequest.scimType,
        detail: scimRequest.detail,
        token: directoryToken.name,
        memberId: member.id,
        firstName: member.firstName,
        lastName: member.lastName,
        extension: member.extension,
      })
      .from(scimRequest)
      .leftJoin(directoryToken, eq(directoryToken.id, scimRequest.tokenId))
      .leftJoin(member, eq(member.id, scimRequest.memberId))
      .where(eq(scimRequest.organizationId, actor.organizationId))
      .orderBy(desc(scimRequest.createdAt))
      .limit(REQUESTS_SHOWN),
    db.select({ welcomeOnProvision: organization.welcomeOnProvision }).from(organization).where(eq(organization.id, actor.organizationId)),
  ]);
  const managed: Record<DisplayStatus, number> = { Pending: 0, Active: 0, Disabled: 0, "No portal access": 0 };
  for (const row of counts) managed[displayStatus(row)] += row.n;
  return {
    tokens,
    managed,
    welcomeOnProvision: org?.welcomeOnProvision ?? false,
    requests: requests.map(({ memberId, firstName, lastName, extension, ...r }) => ({
      ...r,
      member: memberId ? { id: memberId, name: displayName({ firstName: firstName ?? "", lastName: lastName ?? "", extension }) } : null,
    })),
  };
}
export type DirectorySyncPage = Awaited<ReturnType<typeof directorySyncPage>>;

/** "Send the welcome email when someone is provisioned": off by default; audited like every setting. */
export async function setWelcomeOnProvision({ actor, on, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; on: boolean; ip?: string | null; userAgent?: string | null; now?: Date }) {
  assertCanInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ id: organization.id, welcomeOnProvision: organization.welcomeOnProvision }).from(organization).where(eq(organization.id, actor.organizationId)).for("update");
    if (!current || current.welcomeOnProvision === on) return false;
    await tx.update(organization).set({ welcomeOnProvision: on, updatedAt: now }).where(eq(organization.id, current.id));
    await recordAudit(tx, actor, {
      action: "organization.settings-changed",
      target: { type: "organization", id: current.id },
      details: { changes: { welcomeOnProvision: { from: current.welcomeOnProvision, to: on } } },
      ip,
      userAgent,
      at: now,
    });
    return true;
  });
}

/** Keeps the request log to its last weeks (the background work's, with audit retention): the page shows the newest 100. */
export async function deleteOldScimRequests(db: Executor, { olderThanDays = 30, now = new Date() }: { olderThanDays?: number; now?: Date } = {}): Promise<number> {
  const gone = await db
    .delete(scimRequest)
    .where(lt(scimRequest.createdAt, new Date(now.getTime() - olderThanDays * 86_400_000)))
    .returning({ id: scimRequest.id });
  return gone.length;
}
