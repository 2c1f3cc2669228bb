import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { emailMessage, member, site, team } from "@/db/schema";
import type { OrganizationViewer } from "../actor";
import { escapeLike } from "../sql-like";
import { visibleMembers } from "../permissions";
import type { UsersQuery } from "./users-query";

/**
 * One word of the search box (SPEC §4.3). Digits find extensions starting with them (btree). Other words find first
 * names, last names, departments, email addresses, login names and sites: containing the word from three letters on (trigram index), starting with
 * it when shorter, because a one- or two-letter fragment matches nearly everyone and the index can't help.
 */
const isDigits = (word: string) => /^\d+$/.test(word);
const namePattern = (word: string) => (word.length >= 3 ? `%${escapeLike(word)}%` : `${escapeLike(word)}%`);

function wordCondition(word: string, siteIds: string[]): SQL {
  if (isDigits(word)) return sql`${member.extension} like ${`${escapeLike(word)}%`}`;
  const pattern = namePattern(word);
  return or(
    ilike(member.firstName, pattern),
    ilike(member.lastName, pattern),
    ilike(member.department, pattern),
    ilike(member.primaryEmail, pattern),
    ilike(member.loginName, pattern),
    siteIds.length ? inArray(member.siteId, siteIds) : undefined,
  )!;
}

const searchWords = (q: string) => q.split(/\s+/).filter(Boolean).slice(0, 5);

/**
 * Members whose name, extension, email address or login name match every word of a search, as the Users tab finds
 * them (its indexes), without its site names: how the audit log finds who did something, or to whom.
 */
export function personSearchCondition(q: string): SQL | undefined {
  const words = searchWords(q);
  return words.length ? and(...words.map((word) => wordCondition(word, []))) : undefined;
}

/**
 * The WHERE clause of the query under the actor's scope: what the page shows and what "Select all N matching" selects.
 * Sites are matched by name first (a small table), so the member search stays one indexable OR per word.
 */
export async function membersMatching(db: Executor, actor: OrganizationViewer, query: UsersQuery): Promise<SQL> {
  const words = searchWords(query.q);
  const sitesByWord = await Promise.all(
    words.map(async (word) => {
      if (isDigits(word)) return [];
      const found = await db
        .select({ id: site.id })
        .from(site)
        .where(and(eq(site.organizationId, actor.organizationId), ilike(site.name, namePattern(word))));
      return found.map((s) => s.id);
    }),
  );
  return and(
    visibleMembers(actor),
    ...words.map((word, i) => wordCondition(word, sitesByWord[i]!)),
    statusCondition(query.status),
    query.role ? eq(member.role, query.role) : undefined,
    query.site === "none" ? isNull(member.siteId) : query.site ? eq(member.siteId, query.site) : undefined,
    query.team === "none" ? isNull(member.teamId) : query.team ? eq(member.teamId, query.team) : undefined,
  )!;
}

function statusCondition(status: UsersQuery["status"]): SQL | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case "no-portal":
      return and(eq(member.portalAccess, false), ne(member.status, "disabled"));
    case "disabled":
      return eq(member.status, "disabled");
    default:
      return and(eq(member.portalAccess, true), eq(member.status, status));
  }
}

/** Orders that match the indexes of db/schema.ts column for column, each ending with the id. */
function orderBy(query: UsersQuery): SQL[] {
  const d = query.dir === "desc" ? desc : asc;
  const name = [d(member.lastName), d(member.firstName), d(member.id)];
  switch (query.sort) {
    case "extension":
      return [d(sql`length(${member.extension})`), d(member.extension), d(member.id)];
    case "status":
      // Pending, then "No portal access" (stored as pending), Active, Disabled; the index has portal_access desc.
      return [
        d(member.status),
        query.dir === "desc" ? sql`${member.portalAccess} asc nulls first` : sql`${member.portalAccess} desc nulls last`,
        ...name,
      ];
    case "name":
      return name;
  }
}

/** What the sorts read, kept in the CTE of pageIds under the column names the ORDER BY uses. */
const sortColumns = {
  id: member.id,
  lastName: member.lastName,
  firstName: member.firstName,
  extension: member.extension,
  status: member.status,
  portalAccess: member.portalAccess,
};

/** Up to this many matches, sorting them all beats walking a sort index in search of a few (see pageIds). */
const SORT_IN_MEMORY_UP_TO = 10_000;

/**
 * One page of the Users tab (SPEC §4.3) and the number of members matching, from the same WHERE clause, so the page
 * count and "Select all N matching" agree with the rows.
 */
export async function listMembers(db: Executor, actor: OrganizationViewer, query: UsersQuery) {
  const where = await membersMatching(db, actor, query);
  const { total, page, pageCount, ids } = await matchingPage(db, where, query);
  if (!ids.length) return { rows: [], total, page, pageCount };
  // Names of site and team and the last email only for the rows shown, not for every row a deep page skips.
  const found = await db
    .select({
      id: member.id,
      organizationId: member.organizationId,
      extension: member.extension,
      firstName: member.firstName,
      lastName: member.lastName,
      loginName: member.loginName,
      email: member.primaryEmail,
      emailProblem: member.primaryEmailProblem,
      role: member.role,
      siteName: site.name,
      department: member.department,
      teamName: team.name,
      status: member.status,
      portalAccess: member.portalAccess,
      confirmationSentAt: member.confirmationSentAt,
      confirmedAt: member.confirmedAt,
      lastEmailStatus: sql<string | null>`(
        select ${emailMessage.status} from ${emailMessage}
        where ${emailMessage.memberId} = ${member.id}
        order by ${emailMessage.createdAt} desc limit 1)`,
    })
    .from(member)
    .leftJoin(site, eq(site.id, member.siteId))
    .leftJoin(team, eq(team.id, member.teamId))
    .where(inArray(member.id, ids));
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  return { rows, total, page, pageCount };
}

/**
 * How many members match and the ids of the page asked for (the last page when it asks past the end). A search by
 * name, department, address or site usually matches few members: they are collected once, then counted and sorted
 * together, instead of a count and a page that each scan the same matches. Extension prefixes (an index-only count),
 * searches matching more, and the unsearched list count and page apart.
 */
async function matchingPage(db: Executor, where: SQL, query: UsersQuery) {
  const paging = (total: number) => {
    const pageCount = Math.max(1, Math.ceil(total / query.size));
    return { total, pageCount, page: Math.min(query.page, pageCount) };
  };
  if (searchWords(query.q).some((word) => !isDigits(word))) {
    const [found] = await rows<{ total: number; ids: string[] }>(
      db,
      sql`with "member" as materialized (${db.select(sortColumns).from(member).where(where).limit(SORT_IN_MEMORY_UP_TO + 1).getSQL()})
          select (select count(*) from "member")::int as "total",
                 array(select "member"."id" from "member" order by ${sql.join(orderBy(query), sql`, `)}
                       limit ${query.size} offset ${(query.page - 1) * query.size}) as "ids"`,
    );
    const { total, ids } = found!;
    if (total <= SORT_IN_MEMORY_UP_TO) {
      const at = paging(total);
      if (at.page === query.page) return { ...at, ids };
      return { ...at, ids: await pageIds(db, where, query, at.page, total) };
    }
  }
  const at = paging(await countWhere(db, where));
  return { ...at, ids: at.total ? await pageIds(db, where, query, at.page, at.total) : [] };
}

/**
 * The ids of one page, in order. Many matches: walk the sort's index (db/schema.ts) and stop after the page. Few
 * matches (a name search): the planner can't know they all sit at one end of the index and might walk all of it, so
 * collect them through the search indexes first and sort just those.
 */
async function pageIds(db: Executor, where: SQL, query: UsersQuery, page: number, total: number): Promise<string[]> {
  const offset = (page - 1) * query.size;
  if (total > SORT_IN_MEMORY_UP_TO) {
    const rows = await db.select({ id: member.id }).from(member).where(where).orderBy(...orderBy(query)).limit(query.size).offset(offset);
    return rows.map((r) => r.id);
  }
  // The CTE is named "member" so the same ORDER BY reads its columns; inside its own body the name still means the
  // table. "materialized" is what makes PostgreSQL collect the matches before sorting.
  const found = await rows<{ id: string }>(
    db,
    sql`with "member" as materialized (${db.select(sortColumns).from(member).where(where).getSQL()})
        select "member"."id" from "member" order by ${sql.join(orderBy(query), sql`, `)} limit ${query.size} offset ${offset}`,
  );
  return found.map((r) => r.id);
}

/** How many members the query matches: the "Select all N matching" figure. */
export async function countMembers(db: Executor, actor: OrganizationViewer, query: UsersQuery): Promise<number> {
  return countWhere(db, await membersMatching(db, actor, query));
}

async function countWhere(db: Executor, where: SQL): Promise<number> {
  const [row] = await db.select({ total: count() }).from(member).where(where);
  return row?.total ?? 0;
}
