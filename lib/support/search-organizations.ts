import { asc, count, eq, ilike, or } from "drizzle-orm";
import { getDb } from "@/db";
import { member, organization } from "@/db/schema";
import type { Actor } from "../actor";
import { assertCanInOrganization } from "../permissions";
import { escapeLike } from "../sql-like";

/** Contains the text, with LIKE's wildcards escaped: a search for "50%" means those three characters. */
const likePattern = (text: string) => `%${escapeLike(text)}%`;

/** Support finds any organization by name or short name (SPEC §4.14); 50 at most, with their member counts. */
export async function searchOrganizations({ actor, query }: { actor: Actor; query: string }) {
  assertCanInOrganization(actor, "support.searchPlatform", "");
  const db = await getDb();
  const q = query.trim().slice(0, 100);
  return db
    .select({ id: organization.id, name: organization.name, slug: organization.slug, createdAt: organization.createdAt, members: count(member.id) })
    .from(organization)
    .leftJoin(member, eq(member.organizationId, organization.id))
    .where(q ? or(ilike(organization.name, likePattern(q)), ilike(organization.slug, likePattern(q))) : undefined)
    .groupBy(organization.id)
    .orderBy(asc(organization.name))
    .limit(50);
}
