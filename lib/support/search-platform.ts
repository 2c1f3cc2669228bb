import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db";
import { member, organization } from "@/db/schema";
import type { Actor } from "../actor";
import { displayStatus, type DisplayStatus } from "../members/labels";
import { assertCanInOrganization } from "../permissions";
import { escapeLike } from "../sql-like";

/**
 * The support console's search (SPEC §4.14): organizations by name or short name, and people across every
 * organization by name, email address, login name, extension or direct number. What a customer tells support on the
 * phone ("Dana Reyes at Acme, extension 201", "the email went to dana@acme.com") finds them in one search.
 */

export const SUPPORT_SEARCH_MAX = 100;
/** People shown at most; past that the page asks for more of the name, the address or the number. */
export const PEOPLE_SHOWN = 50;
const ORGANIZATIONS_SHOWN = 20;
/**
 * How many matches of a fragment are looked at to choose the 50 shown. A fragment such as "ana" matches thousands
 * across the platform; sorting them all would cost the search its budget, and no one reads past the first screen.
 */
const CANDIDATES = 500;

export type SupportSearch =
  | { kind: "empty" }
  | { kind: "refused"; q: string; problem: string }
  | { kind: "query"; q: string; digits: string | null; words: string[] };

/**
 * Reads the search box. Refused, with what to type instead: fewer than 2 letters or digits, more than 100
 * characters, or wildcards (every character is searched for as typed; `*` and `%` would look like they widen a search
 * that they narrow to nothing).
 */
export function parseSupportSearch(raw: unknown): SupportSearch {
  const q = (typeof raw === "string" ? raw : "").replace(/\s+/g, " ").trim();
  if (!q) return { kind: "empty" };
  if (q.length > SUPPORT_SEARCH_MAX) return { kind: "refused", q: q.slice(0, SUPPORT_SEARCH_MAX), problem: `Search for at most ${SUPPORT_SEARCH_MAX} characters: part of a name, an address or a number is enough.` };
  if (/[*%?]/.test(q)) return { kind: "refused", q, problem: "Leave out * % and ?: every word you type is already matched anywhere in a name, an address or a login name." };
  const letters = q.replace(/[^\p{L}\p{N}]/gu, "");
  if (letters.length < 2) return { kind: "refused", q, problem: "Type at least 2 letters or digits: part of a name, an email address, a login name, an extension or a phone number." };
  // A number as people say it: "201", "(415) 555-0123", "+44 20 7946 0958".
  const digits = /^\+?[\d\s().-]+$/.test(q) ? q.replace(/\D/g, "") : null;
  return { kind: "query", q, digits, words: q.split(" ").slice(0, 5) };
}

export type OrganizationHit = { id: string; name: string; slug: string; members: number; createdAt: Date };
export type PersonHit = {
  id: string;
  organizationId: string;
  organizationName: string;
  firstName: string;
  lastName: string;
  extension: string | null;
  loginName: string | null;
  email: string | null;
  emailProblem: "bounced" | "complained" | null;
  directNumber: string | null;
  status: DisplayStatus;
};
export type SupportSearchResult = { organizations: OrganizationHit[]; people: PersonHit[]; morePeople: boolean };

export async function searchPlatform(db: Executor, actor: Actor, search: Extract<SupportSearch, { kind: "query" }>): Promise<SupportSearchResult> {
  assertCanInOrganization(actor, "support.searchPlatform", "");
  const [organizations, people] = await Promise.all([findOrganizations(db, search), findPeople(db, search)]);
  return { organizations, people: people.slice(0, PEOPLE_SHOWN), morePeople: people.length > PEOPLE_SHOWN };
}

/** The organizations a word names, with how many members each has (counted on the organization's own index). */
async function findOrganizations(db: Executor, search: Extract<SupportSearch, { kind: "query" }>): Promise<OrganizationHit[]> {
  if (search.digits !== null) return [];
  const pattern = `%${escapeLike(search.q)}%`;
  const found = await db
    .select({ id: organization.id, name: organization.name, slug: organization.slug, createdAt: organization.createdAt })
    .from(organization)
    .where(or(ilike(organization.name, pattern), ilike(organization.slug, pattern)))
    .orderBy(asc(organization.name))
    .limit(ORGANIZATIONS_SHOWN);
  return withMemberCounts(db, found);
}

/** Every organization, by name, for the console's first screen: there are a few thousand at most. */
export async function listOrganizations(db: Executor, actor: Actor, { limit = 50 }: { limit?: number } = {}): Promise<OrganizationHit[]> {
  assertCanInOrganization(actor, "support.searchPlatform", "");
  const found = await db
    .select({ id: organization.id, name: organization.name, slug: organization.slug, createdAt: organization.createdAt })
    .from(organization)
    .orderBy(asc(organization.name))
    .limit(limit);
  return withMemberCounts(db, found);
}

async function withMemberCounts<T extends { id: string }>(db: Executor, orgs: T[]): Promise<(T & { members: number })[]> {
  if (!orgs.length) return [];
  const counts = await rows<{ id: string; n: number }>(
    db,
    sql`select o.id, (select count(*)::int from member m where m.organization_id = o.id) as n
        from unnest(${sql.param(orgs.map((o) => o.id))}::uuid[]) as o(id)`,
  );
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return orgs.map((o) => ({ ...o, members: byId.get(o.id) ?? 0 }));
}

/**
 * People across the platform: exact hits when there are any (the whole address, login name, extension or number,
 * each on its own index), else up to CANDIDATES partial ones. The page shows the first 50 by name.
 */
async function findPeople(db: Executor, search: Extract<SupportSearch, { kind: "query" }>): Promise<PersonHit[]> {
  const { exact, partial } = peopleConditions(search);
  const exactHits = await peopleWhere(db, exact, PEOPLE_SHOWN + 1);
  if (exactHits.length || !partial) return exactHits;
  // A fragment's matches are estimated from a sample that rarely holds it, so under a LIMIT the planner bets on a
  // sequential scan meeting 500 of them early, and reads a fifth of a million-row table to lose the bet. These
  // conditions are written for the trigram and pattern indexes: they are the only way in.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return peopleWhere(tx, partial, CANDIDATES);
  });
}

type PersonRow = Omit<PersonHit, "status"> & { portalAccess: boolean; memberStatus: "pending" | "active" | "disabled" };

/** Up to `candidates` members matching, joined to their organization, the first 51 of them by name. */
async function peopleWhere(db: Executor, where: SQL, candidates: number): Promise<PersonHit[]> {
  const found = await rows<PersonRow>(
    db,
    sql`with hits as materialized (select id from ${member} where ${where} limit ${candidates})
        select m.id, m.organization_id as "organizationId", o.name as "organizationName", m.first_name as "firstName",
               m.last_name as "lastName", m.extension, m.login_name as "loginName", m.primary_email as email,
               m.primary_email_problem as "emailProblem", m.direct_number as "directNumber",
               m.portal_access as "portalAccess", m.status as "memberStatus"
        from hits join ${member} m on m.id = hits.id join ${organization} o on o.id = m.organization_id
        order by m.last_name, m.first_name, o.name, m.id
        limit ${PEOPLE_SHOWN + 1}`,
  );
  return found.map(({ portalAccess, memberStatus, ...p }) => ({ ...p, status: displayStatus({ portalAccess, status: memberStatus }) }));
}

function peopleConditions(search: Extract<SupportSearch, { kind: "query" }>): { exact: SQL; partial: SQL | undefined } {
  const { q, digits, words } = search;
  if (digits !== null) {
    // An extension (2 to 8 digits) or a direct number, whole (with or without a North American country code) or in
    // part ("555-0123").
    const exact = or(
      digits.length <= 8 ? eq(member.extension, digits) : undefined,
      digits.length >= 7 ? eq(member.directNumber, `+${digits}`) : undefined,
      digits.length === 10 ? eq(member.directNumber, `+1${digits}`) : undefined,
    ) ?? sql`false`;
    const partial = or(
      digits.length <= 8 ? sql`${member.extension} like ${`${digits}%`}` : undefined,
      digits.length >= 4 ? sql`${member.directNumber} like ${`%${digits}%`}` : undefined,
    );
    return { exact, partial };
  }
  const lower = q.toLowerCase();
  const exact = or(eq(member.primaryEmail, lower), eq(member.loginName, lower), eq(member.loginName, q))!;
  return { exact, partial: and(...words.map(wordCondition)) };
}

/**
 * One word: part of a first or last name, an email address or a login name; from 3 letters on anywhere in them (the
 * trigram indexes), shorter words at their start ("Li", "Ng").
 */
function wordCondition(word: string): SQL {
  const pattern = word.length >= 3 ? `%${escapeLike(word)}%` : `${escapeLike(word)}%`;
  return or(ilike(member.firstName, pattern), ilike(member.lastName, pattern), ilike(member.primaryEmail, pattern), ilike(member.loginName, pattern))!;
}
