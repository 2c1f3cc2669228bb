import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { member, organization, site, siteManager, supportStaff, team, teamSupervisor, type Member, type Role } from "@/db/schema";
import { memberActorOf, type MemberActor, type SupportActor } from "@/lib/actor";
import { hashPassword } from "@/lib/passwords";

/**
 * Test data, written straight to the database. Every call makes a new organization with a unique slug, so tests
 * never depend on each other or on their order, and the same code runs on PGlite and PostgreSQL.
 */

export const TEST_PASSWORD = "lantern orbit pebble canyon";
let passwordHash: Promise<string> | undefined;
/** One argon2 hash shared by every test member: hashing is the slow part of making accounts. */
export const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

const unique = () => randomUUID().slice(0, 8);

export async function createOrganization(name = "Test Org") {
  const db = await getDb();
  const slug = `t-${unique()}`;
  const [org] = await db.insert(organization).values({ name, slug, senderName: name }).returning();
  return org!;
}

export type MemberOverrides = Partial<typeof member.$inferInsert>;

/** An active portal member with the test password, unless overridden. */
export async function createMember(organizationId: string, overrides: MemberOverrides = {}): Promise<Member> {
  const db = await getDb();
  const id = unique();
  const portalAccess = overrides.portalAccess ?? true;
  const [created] = await db
    .insert(member)
    .values({
      organizationId,
      firstName: "Test",
      lastName: `Person ${id}`,
      loginName: portalAccess ? `p${id}@t-${id}` : null,
      primaryEmail: portalAccess ? `p${id}@example.test` : null,
      passwordHash: portalAccess ? await testPasswordHash() : null,
      status: "active",
      role: "member",
      portalAccess,
      ...overrides,
    })
    .returning();
  return created!;
}

/**
 * An organization with two sites and two teams and one actor per role: the site manager manages the main site, the
 * supervisor supervises the alpha team. `inScope` lists a plain member on the main site in the alpha team (in
 * everyone's scope); `outOfScope` one on the other site in the beta team.
 */
export async function seedOrganization() {
  const db = await getDb();
  const org = await createOrganization();
  const [mainSite, otherSite] = await db
    .insert(site)
    .values([
      { organizationId: org.id, name: "Main office" },
      { organizationId: org.id, name: "Branch office" },
    ])
    .returning();
  const [alpha, beta] = await db
    .insert(team)
    .values([
      { organizationId: org.id, name: "Alpha" },
      { organizationId: org.id, name: "Beta" },
    ])
    .returning();
  const at = (role: Role, extra: MemberOverrides = {}) => createMember(org.id, { role, ...extra });
  const members = {
    owner: await at("owner", { firstName: "Olive", lastName: "Owner" }),
    admin: await at("admin", { firstName: "Adam", lastName: "Admin" }),
    siteManager: await at("site_manager", { firstName: "Sita", lastName: "Manager", siteId: mainSite!.id }),
    supervisor: await at("supervisor", { firstName: "Sue", lastName: "Pervisor", siteId: mainSite!.id }),
    member: await at("member", { firstName: "Mo", lastName: "Member", siteId: mainSite!.id, teamId: alpha!.id }),
    inScope: await at("member", { firstName: "Ina", lastName: "Scope", siteId: mainSite!.id, teamId: alpha!.id }),
    outOfScope: await at("member", { firstName: "Otto", lastName: "Scope", siteId: otherSite!.id, teamId: beta!.id }),
  };
  await db.insert(siteManager).values({ siteId: mainSite!.id, memberId: members.siteManager.id });
  await db.insert(teamSupervisor).values({ teamId: alpha!.id, memberId: members.supervisor.id });
  const actor = (m: Member) => memberActorOf(db, m);
  const actors = {
    owner: await actor(members.owner),
    admin: await actor(members.admin),
    siteManager: await actor(members.siteManager),
    supervisor: await actor(members.supervisor),
    member: await actor(members.member),
  } satisfies Record<string, MemberActor>;
  return { organization: org, sites: { main: mainSite!, other: otherSite! }, teams: { alpha: alpha!, beta: beta! }, members, actors };
}
export type SeededOrganization = Awaited<ReturnType<typeof seedOrganization>>;

export async function createSupportActor(): Promise<SupportActor> {
  const db = await getDb();
  const email = `support-${unique()}@gatehouse.test`;
  const [staff] = await db.insert(supportStaff).values({ email, name: "Sid Support", passwordHash: await testPasswordHash() }).returning();
  return { kind: "support", supportId: staff!.id, name: staff!.name, email };
}

export async function reloadMember(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(member).where(eq(member.id, id));
  return row;
}
