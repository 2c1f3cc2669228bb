import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailMessage, member } from "@/db/schema";
import { memberActorOf, type MemberActor } from "@/lib/actor";
import { countMembers, listMembers } from "@/lib/members/list-members";
import { escapeLike } from "@/lib/sql-like";
import { DEFAULT_QUERY, isFiltered, parseUsersQuery, usersHref, usersQuery, usersSearch, type UsersQuery } from "@/lib/members/users-query";
import { createMember, createOrganization, seedOrganization, type MemberOverrides } from "@/tests/factories";

/**
 * The Users tab's query (SPEC §4.3): search, filters, sorts and paging through listMembers, the same function the page
 * and `npm run bench:users` call, under each role's scope. Every test seeds an organization of its own.
 */

const query = (change: Record<string, unknown> = {}): UsersQuery => usersQuery.parse(change);
const nameOf = (m: { firstName: string; lastName: string }) => `${m.firstName} ${m.lastName}`;

/** The names a query shows, in the order shown. */
async function namesFor(actor: MemberActor, change: Record<string, unknown> = {}) {
  const { rows } = await listMembers(await getDb(), actor, query(change));
  return rows.map(nameOf);
}

/** Many members in one statement: login-less unless a login name is given, so no argon2 hash is needed. */
async function insertMembers(organizationId: string, rows: MemberOverrides[]) {
  const db = await getDb();
  return db
    .insert(member)
    .values(rows.map((row) => ({ organizationId, firstName: "Test", lastName: "Person", portalAccess: false, status: "pending" as const, ...row })))
    .returning();
}

/** An organization with only an owner in it, for sorts and paging that must not see the seeded people. */
async function emptyOrganization() {
  const org = await createOrganization();
  const owner = await createMember(org.id, { role: "owner", firstName: "Zed", lastName: "Zulu" });
  return { org, owner, actor: await memberActorOf(await getDb(), owner) };
}

/** The seeded organization plus people with names, extensions and departments the search cases below look for. */
async function searchableOrganization() {
  const org = await seedOrganization();
  const { main, other } = org.sites;
  const [dana, danielle, reyna, ed, al, bo] = await insertMembers(org.organization.id, [
    { firstName: "Dana", lastName: "Reyes", extension: "201", department: "Billing", siteId: main.id },
    { firstName: "Danielle", lastName: "Brooks", extension: "2010", department: "Support", siteId: other.id },
    { firstName: "Reyna", lastName: "Dalton", extension: "310", department: "Sales 100% remote" },
    { firstName: "Ed", lastName: "Ng", extension: "99", department: "Sales 1000", siteId: other.id },
    { firstName: "Al", lastName: "Danforth", extension: "100", department: "a_b team" },
    { firstName: "Bo", lastName: "Axb", department: "axb" },
  ]);
  return { ...org, people: { dana: dana!, danielle: danielle!, reyna: reyna!, ed: ed!, al: al!, bo: bo! } };
}

describe("listMembers: search (SPEC §4.3)", () => {
  it("[Office Manager] finds members by the start of their extension, never by digits inside it", async () => {
    const org = await searchableOrganization();
    expect((await namesFor(org.actors.admin, { q: "201" })).sort()).toEqual(["Dana Reyes", "Danielle Brooks"]);
    expect((await namesFor(org.actors.admin, { q: "20" })).sort()).toEqual(["Dana Reyes", "Danielle Brooks"]);
    expect(await namesFor(org.actors.admin, { q: "10" })).toEqual(["Al Danforth"]); // not 2010 or 310
    expect(await namesFor(org.actors.admin, { q: "01" })).toEqual([]);
  });

  it("[Office Manager] finds first and last names containing three letters or more, in any case", async () => {
    const org = await searchableOrganization();
    expect((await namesFor(org.actors.admin, { q: "dan" })).sort()).toEqual(["Al Danforth", "Dana Reyes", "Danielle Brooks"]);
    expect(await namesFor(org.actors.admin, { q: "EYE" })).toEqual(["Dana Reyes"]); // inside "Reyes"
    expect(await namesFor(org.actors.admin, { q: "forth" })).toEqual(["Al Danforth"]);
  });

  it("[Office Manager] finds names starting with a one- or two-letter fragment, not containing it", async () => {
    const org = await searchableOrganization();
    expect(await namesFor(org.actors.admin, { q: "Ng" })).toEqual(["Ed Ng"]);
    expect(await namesFor(org.actors.admin, { q: "ye" })).toEqual([]); // "Reyes" contains it but doesn't start with it
    expect((await namesFor(org.actors.admin, { q: "E" })).sort()).toEqual(["Ed Ng"]);
  });

  it("[Office Manager] finds everyone on a site by typing the site's name", async () => {
    const org = await searchableOrganization();
    // Branch office: Danielle, Ed and the seeded outOfScope member.
    expect(await namesFor(org.actors.admin, { q: "branch" })).toEqual(["Danielle Brooks", "Ed Ng", "Otto Scope"]);
    expect(await namesFor(org.actors.admin, { q: "Br" })).toEqual(["Danielle Brooks", "Ed Ng", "Otto Scope"]); // prefix of the site, and of Brooks
  });

  it("[Office Manager] finds members by their email address or login name, in part or whole; a site manager still only their own", async () => {
    const org = await searchableOrganization();
    const db = await getDb();
    await db
      .update(member)
      .set({ portalAccess: true, primaryEmail: "frontdesk@brightsmile.example", loginName: "dana.r@brightsmile" })
      .where(eq(member.id, org.people.dana.id));
    expect(await namesFor(org.actors.admin, { q: "frontdesk" })).toEqual(["Dana Reyes"]);
    expect(await namesFor(org.actors.admin, { q: "FrontDesk@BrightSmile.example" })).toEqual(["Dana Reyes"]);
    expect(await namesFor(org.actors.admin, { q: "dana.r@" })).toEqual(["Dana Reyes"]);
    expect(await namesFor(org.actors.admin, { q: org.members.member.loginName! })).toEqual(["Mo Member"]);
    expect(await namesFor(org.actors.siteManager, { q: org.members.inScope.primaryEmail! })).toEqual(["Ina Scope"]);
    expect(await namesFor(org.actors.siteManager, { q: org.members.outOfScope.primaryEmail! })).toEqual([]);
  });

  it("[Office Manager] finds members by department", async () => {
    const org = await searchableOrganization();
    expect(await namesFor(org.actors.admin, { q: "billing" })).toEqual(["Dana Reyes"]);
    expect(await namesFor(org.actors.admin, { q: "sales" })).toEqual(["Reyna Dalton", "Ed Ng"]);
  });

  it("[Office Manager] typing two words finds only members matching both, e.g. first and last name", async () => {
    const org = await searchableOrganization();
    expect(await namesFor(org.actors.admin, { q: "Dana Reyes" })).toEqual(["Dana Reyes"]);
    expect(await namesFor(org.actors.admin, { q: "  reyes   dana " })).toEqual(["Dana Reyes"]);
    expect(await namesFor(org.actors.admin, { q: "Dana Brooks" })).toEqual([]);
    expect(await namesFor(org.actors.admin, { q: "Danielle branch" })).toEqual(["Danielle Brooks"]);
    expect(await namesFor(org.actors.admin, { q: "201 billing" })).toEqual(["Dana Reyes"]);
  });

  it("[Office Manager] searching for % or _ finds those characters, not everything", async () => {
    const org = await searchableOrganization();
    expect(await namesFor(org.actors.admin, { q: "100%" })).toEqual(["Reyna Dalton"]); // not "Sales 1000"
    expect(await namesFor(org.actors.admin, { q: "a_b" })).toEqual(["Al Danforth"]); // not "axb"
    expect(await namesFor(org.actors.admin, { q: "%" })).toEqual([]);
    expect(await namesFor(org.actors.admin, { q: "_" })).toEqual([]);
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  it("[Office Manager] never finds another organization's members, whatever the search", async () => {
    const org = await searchableOrganization();
    const other = await searchableOrganization();
    const { rows } = await listMembers(await getDb(), org.actors.admin, query({ q: "dan" }));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.organizationId === org.organization.id)).toBe(true);
    expect(rows.map((r) => r.id)).not.toContain(other.people.dana.id);
  });

  it("[Office Manager] sees each row's site and team names, email and status columns", async () => {
    const org = await seedOrganization();
    const { rows } = await listMembers(await getDb(), org.actors.admin, query({ q: "Ina" }));
    expect(rows).toEqual([
      expect.objectContaining({
        id: org.members.inScope.id,
        siteName: "Main office",
        teamName: "Alpha",
        email: org.members.inScope.primaryEmail,
        status: "active",
        portalAccess: true,
        lastEmailStatus: null,
      }),
    ]);
  });
});

describe("listMembers: the last email column (SPEC §4.3)", () => {
  it("[Office Manager] sees the status of each member's newest email", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const target = org.members.inScope;
    const email = (status: "delivered" | "bounced", createdAt: Date) => ({
      organizationId: org.organization.id,
      memberId: target.id,
      template: "welcome",
      sender: "Acme <onboarding@localhost>",
      to: target.primaryEmail!,
      subject: "Your account has been created!",
      html: "<p>Welcome</p>",
      text: "Welcome",
      status,
      idempotencyKey: randomUUID(),
      createdAt,
    });
    await db.insert(emailMessage).values([email("bounced", new Date("2026-01-02T00:00:00Z")), email("delivered", new Date("2026-01-01T00:00:00Z"))]);
    const { rows } = await listMembers(db, org.actors.admin, query({ q: "scope" }));
    expect(rows.map((r) => [r.firstName, r.lastEmailStatus])).toEqual([
      ["Ina", "bounced"],
      ["Otto", null],
    ]);
  });
});

describe("listMembers: filters (SPEC §4.3)", () => {
  async function orgWithStatuses() {
    const org = await seedOrganization();
    const [pending, noPortal, disabled, disabledNoPortal] = await insertMembers(org.organization.id, [
      { firstName: "Pat", lastName: "Pending", portalAccess: true, loginName: `pat-${randomUUID()}@x`, status: "pending" },
      { firstName: "Nora", lastName: "Noportal", portalAccess: false, status: "pending" },
      { firstName: "Dee", lastName: "Disabled", portalAccess: true, loginName: `dee-${randomUUID()}@x`, status: "disabled" },
      { firstName: "Dino", lastName: "Disabled", portalAccess: false, status: "disabled" },
    ]);
    return { ...org, extra: { pending: pending!, noPortal: noPortal!, disabled: disabled!, disabledNoPortal: disabledNoPortal! } };
  }

  it("[Office Manager] filters by the status the Users tab shows: Pending, Active, Disabled, No portal access", async () => {
    const org = await orgWithStatuses();
    expect(await namesFor(org.actors.admin, { status: "pending" })).toEqual(["Pat Pending"]);
    expect(await namesFor(org.actors.admin, { status: "no-portal" })).toEqual(["Nora Noportal"]);
    // A disabled login-less member shows as Disabled, not No portal access.
    expect(await namesFor(org.actors.admin, { status: "disabled" })).toEqual(["Dee Disabled", "Dino Disabled"]);
    expect(await namesFor(org.actors.admin, { status: "active" })).toEqual([
      "Adam Admin",
      "Sita Manager",
      "Mo Member",
      "Olive Owner",
      "Sue Pervisor",
      "Ina Scope",
      "Otto Scope",
    ]);
  });

  it("[Office Manager] filters by role", async () => {
    const org = await seedOrganization();
    expect(await namesFor(org.actors.admin, { role: "supervisor" })).toEqual(["Sue Pervisor"]);
    expect(await namesFor(org.actors.admin, { role: "owner" })).toEqual(["Olive Owner"]);
    expect(await namesFor(org.actors.admin, { role: "member" })).toEqual(["Mo Member", "Ina Scope", "Otto Scope"]);
  });

  it("[Office Manager] filters by site, or by no site", async () => {
    const org = await seedOrganization();
    expect(await namesFor(org.actors.admin, { site: org.sites.main.id })).toEqual(["Sita Manager", "Mo Member", "Sue Pervisor", "Ina Scope"]);
    expect(await namesFor(org.actors.admin, { site: org.sites.other.id })).toEqual(["Otto Scope"]);
    expect(await namesFor(org.actors.admin, { site: "none" })).toEqual(["Adam Admin", "Olive Owner"]);
  });

  it("[Office Manager] filters by team, or by no team", async () => {
    const org = await seedOrganization();
    expect(await namesFor(org.actors.admin, { team: org.teams.alpha.id })).toEqual(["Mo Member", "Ina Scope"]);
    expect(await namesFor(org.actors.admin, { team: org.teams.beta.id })).toEqual(["Otto Scope"]);
    expect(await namesFor(org.actors.admin, { team: "none" })).toEqual(["Adam Admin", "Sita Manager", "Olive Owner", "Sue Pervisor"]);
  });

  it("[Office Manager] combines search and filters: every one of them must match", async () => {
    const org = await orgWithStatuses();
    expect(await namesFor(org.actors.admin, { q: "scope", site: org.sites.main.id, team: org.teams.alpha.id, role: "member", status: "active" })).toEqual([
      "Ina Scope",
    ]);
    expect(await namesFor(org.actors.admin, { q: "disabled", status: "no-portal" })).toEqual([]);
  });

  it("[Office Manager] filtering by another organization's site or team shows nobody", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    expect(await namesFor(org.actors.admin, { site: other.sites.main.id })).toEqual([]);
    expect(await namesFor(org.actors.admin, { team: other.teams.alpha.id })).toEqual([]);
  });
});

describe("listMembers: sorting (SPEC §4.3)", () => {
  it("[Owner] sorts by last name, then first name, both ways", async () => {
    const { org, actor } = await emptyOrganization();
    await insertMembers(org.id, [
      { firstName: "Bea", lastName: "Young" },
      { firstName: "Abe", lastName: "Young" },
      { firstName: "Cy", lastName: "Adams" },
    ]);
    expect(await namesFor(actor)).toEqual(["Cy Adams", "Abe Young", "Bea Young", "Zed Zulu"]);
    expect(await namesFor(actor, { sort: "name", dir: "desc" })).toEqual(["Zed Zulu", "Bea Young", "Abe Young", "Cy Adams"]);
  });

  it("[Owner] sorts extensions as numbers: 99 comes before 100", async () => {
    const { org, actor } = await emptyOrganization();
    await insertMembers(org.id, ["1000", "100", "99", "25", "101"].map((extension) => ({ extension, lastName: `Ext ${extension}` })));
    const extensions = async (dir: string) => (await listMembers(await getDb(), actor, query({ sort: "extension", dir }))).rows.map((r) => r.extension);
    // The owner has no extension: last going up, first going down (PostgreSQL's default place for nulls).
    expect(await extensions("asc")).toEqual(["25", "99", "100", "101", "1000", null]);
    expect(await extensions("desc")).toEqual([null, "1000", "101", "100", "99", "25"]);
  });

  it("[Owner] sorts by status: Pending, No portal access, Active, Disabled, and back", async () => {
    const { org, actor } = await emptyOrganization();
    await insertMembers(org.id, [
      { firstName: "Dee", lastName: "Disabled", status: "disabled", portalAccess: true, loginName: `dee-${randomUUID()}@x` },
      { firstName: "Nora", lastName: "Noportal", status: "pending", portalAccess: false },
      { firstName: "Ann", lastName: "Active", status: "active", portalAccess: true, loginName: `ann-${randomUUID()}@x` },
      { firstName: "Pat", lastName: "Pending", status: "pending", portalAccess: true, loginName: `pat-${randomUUID()}@x` },
    ]);
    // Zed Zulu, the owner, is active and sorts after Ann Active by name.
    expect(await namesFor(actor, { sort: "status" })).toEqual(["Pat Pending", "Nora Noportal", "Ann Active", "Zed Zulu", "Dee Disabled"]);
    expect(await namesFor(actor, { sort: "status", dir: "desc" })).toEqual(["Dee Disabled", "Zed Zulu", "Ann Active", "Nora Noportal", "Pat Pending"]);
  });

  it.each([
    ["name", "asc"],
    ["name", "desc"],
    ["extension", "asc"],
    ["extension", "desc"],
    ["status", "asc"],
    ["status", "desc"],
  ])("[Owner] paging through identical rows sorted by %s %s shows each member exactly once", async (sort, dir) => {
    const { org, actor, owner } = await emptyOrganization();
    // The same name, status and (no) extension as one another: only the id tells them apart.
    const twins = await insertMembers(org.id, Array.from({ length: 30 }, () => ({ firstName: "Sam", lastName: "Same", status: "active" as const })));
    const db = await getDb();
    const [first, second] = [
      await listMembers(db, actor, query({ sort, dir, size: "25", page: "1" })),
      await listMembers(db, actor, query({ sort, dir, size: "25", page: "2" })),
    ];
    expect(first!.rows).toHaveLength(25);
    expect(second!.rows).toHaveLength(6);
    const seen = [...first!.rows, ...second!.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(31);
    expect([...seen].sort()).toEqual([owner.id, ...twins.map((t) => t.id)].sort());
    // Ties are broken by id, in the direction of the sort.
    const twinOrder = seen.filter((id) => id !== owner.id);
    expect(twinOrder).toEqual([...twinOrder].sort((a, b) => (a < b === (dir === "asc") ? -1 : 1)));
  });
});

describe("listMembers: paging", () => {
  it("[Owner] gets the total, the page count and the rows of the page asked for", async () => {
    const { org, actor } = await emptyOrganization();
    await insertMembers(org.id, Array.from({ length: 59 }, (_, i) => ({ lastName: `Person ${String(i).padStart(2, "0")}` })));
    const db = await getDb();
    const page2 = await listMembers(db, actor, query({ size: "25", page: "2" }));
    expect(page2).toMatchObject({ total: 60, page: 2, pageCount: 3 });
    expect(page2.rows.map((r) => r.lastName)).toEqual(Array.from({ length: 25 }, (_, i) => `Person ${String(i + 25).padStart(2, "0")}`));
    const page3 = await listMembers(db, actor, query({ size: "25", page: "3" }));
    expect(page3.rows).toHaveLength(10);
    expect((await listMembers(db, actor, query({ size: "100" }))).rows).toHaveLength(60);
  });

  it("[Owner] asking for a page beyond the end shows the last page", async () => {
    const { org, actor } = await emptyOrganization();
    await insertMembers(org.id, Array.from({ length: 59 }, (_, i) => ({ lastName: `Person ${String(i).padStart(2, "0")}` })));
    const db = await getDb();
    const last = await listMembers(db, actor, query({ size: "25", page: "3" }));
    const beyond = await listMembers(db, actor, query({ size: "25", page: "9" }));
    expect(beyond).toMatchObject({ total: 60, page: 3, pageCount: 3 });
    expect(beyond.rows.map((r) => r.id)).toEqual(last.rows.map((r) => r.id));
  });

  it("[Owner] a search's pages hold its matches in order, and a page beyond the end shows its last page", async () => {
    const { org, actor } = await emptyOrganization();
    await insertMembers(org.id, Array.from({ length: 60 }, (_, i) => ({ lastName: `Person ${String(i).padStart(2, "0")}`, department: i % 2 ? "Front Desk" : "Billing" })));
    const db = await getDb();
    const odd = (from: number, count: number) => Array.from({ length: count }, (_, i) => `Person ${String(from + 2 * i).padStart(2, "0")}`);
    const first = await listMembers(db, actor, query({ q: "desk", size: "25" }));
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.rows.map((r) => r.lastName)).toEqual(odd(1, 25));
    const beyond = await listMembers(db, actor, query({ q: "desk", size: "25", page: "7" }));
    expect(beyond).toMatchObject({ total: 30, page: 2, pageCount: 2 });
    expect(beyond.rows.map((r) => r.lastName)).toEqual(odd(51, 5));
  });

  it("[Owner] a search matching nobody is one empty page", async () => {
    const { actor } = await emptyOrganization();
    expect(await listMembers(await getDb(), actor, query({ q: "nobody-like-this", page: "4" }))).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
  });

  it("[Office Manager] 'Select all N matching' counts exactly the members the pages show", async () => {
    const org = await searchableOrganization();
    const db = await getDb();
    const cases: Record<string, unknown>[] = [
      {},
      { q: "dan" },
      { q: "branch" },
      { status: "active" },
      { site: "none" },
      { team: org.teams.alpha.id, role: "member" },
      { q: "nobody-like-this" },
    ];
    for (const actor of Object.values(org.actors)) {
      for (const change of cases) {
        const { total } = await listMembers(db, actor, query({ ...change, size: "25" }));
        expect(await countMembers(db, actor, query(change)), JSON.stringify({ role: actor.role, change })).toBe(total);
      }
    }
  });
});

describe("listMembers: more than 10,000 matches, where pages walk the sort index", () => {
  it("[Owner] a large organization's pages keep the same orders, 99 before 100, and clamp a page beyond the end", async () => {
    const { org, actor } = await emptyOrganization();
    const db = await getDb();
    // 10,001 login-less members in one statement: extensions 10 to 10010, names Person 00001 to Person 10001.
    await db.execute(sql`
      insert into member (organization_id, first_name, last_name, extension, portal_access, status)
      select ${org.id}, 'Bulk', 'Person ' || lpad(g::text, 5, '0'), (g + 9)::text, false, 'pending'
      from generate_series(1, 10001) as g`);
    const page = (change: Record<string, unknown>) => listMembers(db, actor, query({ size: "25", ...change }));

    const byName = await page({});
    expect(byName).toMatchObject({ total: 10_002, pageCount: 401, page: 1 });
    expect(byName.rows[0]?.lastName).toBe("Person 00001");
    expect((await page({ dir: "desc" })).rows.map((r) => r.lastName).slice(0, 2)).toEqual(["Zulu", "Person 10001"]);

    const byExtension = await page({ sort: "extension", page: "4" });
    expect(byExtension.rows.map((r) => r.extension)).toEqual(Array.from({ length: 25 }, (_, i) => String(85 + i))); // 85…99, 100…109
    expect((await page({ sort: "extension", dir: "desc" })).rows.map((r) => r.extension).slice(0, 3)).toEqual([null, "10010", "10009"]);

    // Everyone is "No portal access" but the owner, who is Active.
    expect((await page({ sort: "status" })).rows[0]?.lastName).toBe("Person 00001");
    expect((await page({ sort: "status", dir: "desc" })).rows[0]?.lastName).toBe("Zulu");

    const beyond = await page({ page: "99999" });
    expect(beyond).toMatchObject({ page: 401, pageCount: 401 });
    expect(beyond.rows.map((r) => r.lastName)).toEqual(["Person 10001", "Zulu"]);
    expect(await countMembers(db, actor, query())).toBe(10_002);

    // A search matching them all counts every match, not only as many as it sorts at once.
    const searched = await page({ q: "person", page: "2" });
    expect(searched).toMatchObject({ total: 10_001, pageCount: 401, page: 2 });
    expect(searched.rows[0]?.lastName).toBe("Person 00026");
  });
});

describe("listMembers: what each role sees (SPEC §1, §3)", () => {
  it("[Owner] and [Office Manager] see the whole organization and nobody else's", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const everyone = Object.values(org.members).map((m) => m.id).sort();
    for (const actor of [org.actors.owner, org.actors.admin]) {
      const { rows, total } = await listMembers(await getDb(), actor, query());
      expect(total).toBe(7);
      expect(rows.map((r) => r.id).sort()).toEqual(everyone);
    }
    expect((await listMembers(await getDb(), other.actors.admin, query())).rows.map((r) => r.id)).not.toContain(org.members.inScope.id);
  });

  it("[Site Manager] sees the members of their sites plus the organization's owners and admins", async () => {
    const org = await seedOrganization();
    await insertMembers(org.organization.id, [{ firstName: "Nomad", lastName: "Nosite" }]);
    expect((await namesFor(org.actors.siteManager)).sort()).toEqual(["Adam Admin", "Ina Scope", "Mo Member", "Olive Owner", "Sita Manager", "Sue Pervisor"]);
    // Typing the other site's name finds nobody there for them.
    expect(await namesFor(org.actors.siteManager, { q: "branch" })).toEqual([]);
    expect(await namesFor(org.actors.siteManager, { site: org.sites.other.id })).toEqual([]);
  });

  it("[Site Manager] managing two sites sees the members of both", async () => {
    const org = await seedOrganization();
    const actor = { ...org.actors.siteManager, siteIds: [org.sites.main.id, org.sites.other.id] };
    expect(await namesFor(actor, { role: "member" })).toEqual(["Mo Member", "Ina Scope", "Otto Scope"]);
  });

  it("[Call Center Supervisor] sees the members and supervisors of their teams, never themselves or anyone above", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const { alpha, beta } = org.teams;
    // The supervisor sits on the team they supervise, as most do.
    await db.update(member).set({ teamId: alpha.id }).where(eq(member.id, org.members.supervisor.id));
    await insertMembers(org.organization.id, [
      { firstName: "Fay", lastName: "Fellow", role: "supervisor", teamId: alpha.id },
      { firstName: "Sid", lastName: "Sitemanager", role: "site_manager", teamId: alpha.id },
      { firstName: "Ada", lastName: "Teamadmin", role: "admin", teamId: alpha.id },
      { firstName: "Bea", lastName: "Beta", role: "member", teamId: beta.id },
    ]);
    expect(await namesFor(org.actors.supervisor)).toEqual(["Fay Fellow", "Mo Member", "Ina Scope"]);
    expect(await countMembers(db, org.actors.supervisor, query())).toBe(3);
  });

  it("[Call Center Supervisor] supervising no team sees nobody", async () => {
    const org = await seedOrganization();
    expect(await namesFor({ ...org.actors.supervisor, teamIds: [] })).toEqual([]);
  });

  it("[Member] sees only themselves", async () => {
    const org = await seedOrganization();
    expect(await namesFor(org.actors.member)).toEqual(["Mo Member"]);
    expect(await namesFor(org.actors.member, { q: "scope" })).toEqual([]);
  });
});

describe("the Users tab's URL (usersQuery)", () => {
  it("an empty URL is the default query: first page of 50, by name", () => {
    expect(parseUsersQuery({})).toEqual({ q: "", sort: "name", dir: "asc", page: 1, size: 50 });
    expect(DEFAULT_QUERY).toEqual({ q: "", sort: "name", dir: "asc", page: 1, size: 50 });
  });

  it("a hand-edited URL with bad values still opens the tab, with the defaults in their place", () => {
    expect(
      parseUsersQuery({ q: "x".repeat(101), status: "bogus", role: "king", site: "main", team: "x", sort: "salary", dir: "up", page: "abc", size: "30" }),
    ).toMatchObject({ q: "", status: undefined, role: undefined, site: undefined, team: undefined, sort: "name", dir: "asc", page: 1, size: 50 });
    expect(parseUsersQuery({ page: "0" }).page).toBe(1);
    expect(parseUsersQuery({ page: "-3" }).page).toBe(1);
    expect(parseUsersQuery({ page: "2.5" }).page).toBe(1);
  });

  it("reads good values, trims the search and takes the first of a repeated key", () => {
    const site = randomUUID();
    expect(parseUsersQuery(new URLSearchParams(`q=+dana+&status=no-portal&role=site_manager&site=${site}&team=none&sort=extension&dir=desc&page=3&size=100`))).toEqual({
      q: "dana",
      status: "no-portal",
      role: "site_manager",
      site,
      team: "none",
      sort: "extension",
      dir: "desc",
      page: 3,
      size: 100,
    });
    expect(parseUsersQuery(new URLSearchParams("q=first&q=second")).q).toBe("first");
    expect(parseUsersQuery({ q: ["first", "second"], size: ["25", "100"] })).toMatchObject({ q: "first", size: 25 });
  });

  it("links leave the defaults out, so they stay short", () => {
    expect(usersSearch(DEFAULT_QUERY)).toBe("");
    expect(usersHref(DEFAULT_QUERY, {})).toBe("/users");
    expect(usersHref(DEFAULT_QUERY, { sort: "name", dir: "asc", size: 50 })).toBe("/users");
    expect(usersHref(DEFAULT_QUERY, { sort: "status", dir: "desc", size: 25 })).toBe("/users?sort=status&dir=desc&size=25");
  });

  it("any change but paging starts again at page 1; paging keeps the rest of the query", () => {
    const onPage3 = parseUsersQuery({ q: "dana", status: "pending", page: "3" });
    expect(usersHref(onPage3, { status: "active" })).toBe("/users?q=dana&status=active");
    expect(usersHref(onPage3, { q: "reyes" })).toBe("/users?q=reyes&status=pending");
    expect(usersHref(onPage3, { status: undefined })).toBe("/users?q=dana");
    expect(usersHref(onPage3, { page: 4 })).toBe("/users?q=dana&status=pending&page=4");
    expect(usersSearch(onPage3)).toBe("?q=dana&status=pending&page=3");
    // What a link writes, the tab reads back.
    expect(parseUsersQuery(new URLSearchParams(usersSearch(onPage3)))).toEqual(onPage3);
  });

  it("tells a narrowed list (search or filter) from a merely sorted or paged one", () => {
    expect(isFiltered(parseUsersQuery({ sort: "status", page: "2" }))).toBe(false);
    expect(isFiltered(parseUsersQuery({ q: "dana" }))).toBe(true);
    expect(isFiltered(parseUsersQuery({ team: "none" }))).toBe(true);
  });
});
