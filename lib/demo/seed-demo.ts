import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { member, organization, site, siteManager, supportStaff, team, teamSupervisor, type Role } from "@/db/schema";
import type { SystemActor } from "../actor";
import { recordAudit } from "../audit";
import { ROLE_LABELS } from "../members/labels";
import { toAscii } from "../members/login-name";
import { hashPassword } from "../passwords";

/**
 * `npm run db:seed`: a demo organization to try Gatehouse with (issue: foundation). 3 sites, 5 teams and 50 members
 * covering every role and status: pending, active, disabled, no portal access, and two members sharing one email.
 * Running it again changes nothing and prints the same sign-ins.
 */
export const DEMO_PASSWORD = "harbor lights over quiet water";
export const DEMO_SLUG = "demo";
export const DEMO_SUPPORT_EMAIL = "support@gatehouse.test";
const DOMAIN = "demo-dental.test";

/** One sign-in per role, as printed by the seed (and used by the browser tests). */
export const DEMO_SIGN_INS: { role: string; login: string }[] = [
  { role: ROLE_LABELS.owner, login: "100@demo" },
  { role: ROLE_LABELS.admin, login: "101@demo" },
  { role: ROLE_LABELS.site_manager, login: "110@demo" },
  { role: ROLE_LABELS.supervisor, login: "120@demo" },
  { role: ROLE_LABELS.member, login: "200@demo" },
  { role: "Support", login: DEMO_SUPPORT_EMAIL },
];

type Person = {
  ext: string;
  first: string;
  last: string;
  role?: Role;
  site: number;
  team?: number;
  department: string;
  status?: "pending" | "active" | "disabled";
  portal?: boolean;
  email?: string;
  direct?: string;
};

const SITES = ["Downtown", "Riverside", "Hillcrest"];
const TEAMS = ["Front Desk", "Billing", "Hygiene", "Call Center East", "Call Center West"];

// The named accounts first (one per role, all active), then everyone else.
const PEOPLE: Person[] = [
  { ext: "100", first: "Olivia", last: "Ortega", role: "owner", site: 0, department: "Management", status: "active", direct: "+14155550100" },
  { ext: "101", first: "Adam", last: "Ashby", role: "admin", site: 0, department: "Management", status: "active", direct: "+14155550101" },
  { ext: "110", first: "Sara", last: "Lindqvist", role: "site_manager", site: 0, department: "Operations", status: "active" },
  { ext: "120", first: "Carlos", last: "Mendez", role: "supervisor", site: 1, team: 3, department: "Support", status: "active" },
  { ext: "200", first: "Priya", last: "Natarajan", site: 0, team: 0, department: "Reception", status: "active", direct: "+14155550200" },
  { ext: "111", first: "Hannah", last: "Becker", role: "site_manager", site: 1, department: "Operations", status: "active" },
  { ext: "121", first: "Kwame", last: "Mensah", role: "supervisor", site: 2, team: 4, department: "Support", status: "active" },
  { ext: "102", first: "Grace", last: "Liu", role: "admin", site: 1, department: "Management", status: "pending" },
  // Two pending members who share the front desk's mailbox (SPEC §2: an email may be shared).
  { ext: "201", first: "Dana", last: "Reyes", site: 0, team: 0, department: "Reception", email: `frontdesk@${DOMAIN}` },
  { ext: "202", first: "Tom", last: "Fischer", site: 0, team: 0, department: "Reception", email: `frontdesk@${DOMAIN}` },
  // Disabled accounts.
  { ext: "203", first: "Ines", last: "Moreau", site: 0, team: 1, department: "Billing", status: "disabled" },
  { ext: "310", first: "Victor", last: "Nowak", site: 1, team: 3, department: "Support", status: "disabled" },
  // Desk phones and lobby phones: no portal access (seed 004).
  { ext: "900", first: "Lobby", last: "Phone", site: 0, department: "Facilities", portal: false },
  { ext: "901", first: "Conference", last: "Room", site: 0, department: "Facilities", portal: false },
  { ext: "902", first: "Riverside", last: "Lobby", site: 1, department: "Facilities", portal: false },
  { ext: "903", first: "Hillcrest", last: "Lobby", site: 2, department: "Facilities", portal: false },
  { ext: "904", first: "Break", last: "Room", site: 2, department: "Facilities", portal: false },
];

const FIRST = ["Amara", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gabriel", "Hiro", "Isla", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Oskar", "Paula", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Camila", "Dmitri", "José", "Zoë", "Łukasz"];
const LAST = ["Okafor", "Schmidt", "Haddad", "Kowalski", "Tanaka", "Silva", "O'Brien", "Dubois", "Ivanova", "Nguyen", "Rossi", "Johansson", "Patel", "García", "Müller", "Kim", "Osei", "Larsen", "Cohen", "Santos", "Yilmaz", "Fernández", "Walsh", "Andersen", "Costa", "Novak", "Ahmed", "Bianchi", "Park", "Murphy", "Núñez", "Søndergaard", "Wójcik"];
const DEPARTMENTS = ["Reception", "Billing", "Clinical", "Support"];

function everyoneElse(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const team = i % TEAMS.length;
    return {
      ext: String(210 + i),
      first: FIRST[i % FIRST.length]!,
      last: LAST[(i * 7) % LAST.length]!,
      site: team >= 3 ? 1 + (team - 3) : i % SITES.length,
      team,
      department: team === 1 ? "Billing" : team >= 3 ? "Support" : DEPARTMENTS[i % 3]!,
      // Mostly pending (just created), a third already active.
      status: i % 3 === 0 ? "active" : "pending",
    };
  });
}

const emailOf = (p: Person) => p.email ?? toAscii(`${p.first}.${p.last}`).replace(/[^A-Za-z.]/g, "").toLowerCase() + `@${DOMAIN}`;

export async function seedDemoOrganization({ actor, now = new Date() }: { actor: SystemActor; now?: Date }) {
  const db = await getDb();
  const [existing] = await db.select().from(organization).where(eq(organization.slug, DEMO_SLUG));
  const people = [...PEOPLE, ...everyoneElse(50 - PEOPLE.length)];
  if (existing) return { organization: existing, created: false, members: people.length };

  const passwordHash = await hashPassword(DEMO_PASSWORD); // one hash serves every active demo account
  const created = await db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organization)
      .values({ name: "Demo Dental Group", slug: DEMO_SLUG, senderName: "Demo Dental Group", replyTo: `office@${DOMAIN}`, defaultTimeZone: "America/New_York" })
      .returning();
    const sites = await tx.insert(site).values(SITES.map((name) => ({ organizationId: org!.id, name }))).returning();
    const teams = await tx.insert(team).values(TEAMS.map((name) => ({ organizationId: org!.id, name }))).returning();
    const rows = await tx
      .insert(member)
      .values(
        people.map((p) => {
          const portal = p.portal ?? true;
          const status = p.status ?? "pending";
          const confirmed = portal && status !== "pending";
          return {
            organizationId: org!.id,
            extension: p.ext,
            firstName: p.first,
            lastName: p.last,
            loginName: portal ? `${p.ext}@${DEMO_SLUG}` : null,
            role: p.role ?? "member",
            siteId: sites[p.site]!.id,
            teamId: p.team === undefined ? null : teams[p.team]!.id,
            department: p.department,
            directNumber: p.direct ?? null,
            portalAccess: portal,
            status: portal ? status : "pending",
            primaryEmail: portal ? emailOf(p) : null,
            passwordHash: confirmed ? passwordHash : null,
            timeZone: "America/New_York",
            language: "en",
            confirmationSentAt: confirmed ? new Date(now.getTime() - 20 * 86_400_000) : null,
            confirmedAt: confirmed ? new Date(now.getTime() - 19 * 86_400_000) : null,
            createdAt: now,
            updatedAt: now,
          };
        }),
      )
      .returning();
    const byExt = new Map(rows.map((r) => [r.extension, r]));
    await tx.insert(siteManager).values([
      { siteId: sites[0]!.id, memberId: byExt.get("110")!.id },
      { siteId: sites[1]!.id, memberId: byExt.get("111")!.id },
    ]);
    await tx.insert(teamSupervisor).values([
      { teamId: teams[3]!.id, memberId: byExt.get("120")!.id },
      { teamId: teams[4]!.id, memberId: byExt.get("121")!.id },
    ]);
    await recordAudit(tx, actor, {
      action: "organization.seed-demo",
      organizationId: org!.id,
      target: { type: "organization", id: org!.id },
      details: { sites: sites.length, teams: teams.length, members: rows.length },
      at: now,
    });
    return org!;
  });

  const [support] = await db.select().from(supportStaff).where(eq(supportStaff.email, DEMO_SUPPORT_EMAIL));
  if (!support) await db.insert(supportStaff).values({ email: DEMO_SUPPORT_EMAIL, name: "Sid Support", passwordHash });
  return { organization: created, created: true, members: people.length };
}
