import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, organization, site, siteManager, supportStaff, team, teamSupervisor } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { DEMO_PASSWORD, DEMO_SIGN_INS, DEMO_SLUG, seedDemoOrganization } from "@/lib/demo/seed-demo";
import { ConflictError, ValidationError } from "@/lib/errors";
import { displayStatus } from "@/lib/members/labels";
import { createSupportStaff } from "@/lib/support/create-support-staff";

const system = { kind: "system" as const, name: "test" };

describe("npm run db:seed", () => {
  it("creates a demo organization covering every role and status, once, and its printed sign-ins work", async () => {
    const first = await seedDemoOrganization({ actor: system });
    expect(first.created).toBe(true);
    const again = await seedDemoOrganization({ actor: system });
    expect(again).toMatchObject({ created: false, organization: { id: first.organization.id } });

    const db = await getDb();
    const orgs = await db.select().from(organization).where(eq(organization.slug, DEMO_SLUG));
    expect(orgs).toHaveLength(1);
    const id = orgs[0]!.id;
    expect(await db.select().from(site).where(eq(site.organizationId, id))).toHaveLength(3);
    expect(await db.select().from(team).where(eq(team.organizationId, id))).toHaveLength(5);
    const members = await db.select().from(member).where(eq(member.organizationId, id));
    expect(members).toHaveLength(50);
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(["owner", "admin", "site_manager", "supervisor", "member"]));
    expect(new Set(members.map(displayStatus))).toEqual(new Set(["Pending", "Active", "Disabled", "No portal access"]));
    const emails = members.flatMap((m) => (m.primaryEmail ? [m.primaryEmail] : []));
    expect(emails.filter((e) => emails.indexOf(e) !== emails.lastIndexOf(e))).toHaveLength(2); // two share one address
    expect(await db.select().from(siteManager).innerJoin(site, eq(site.id, siteManager.siteId)).where(eq(site.organizationId, id))).not.toHaveLength(0);
    expect(await db.select().from(teamSupervisor).innerJoin(team, eq(team.id, teamSupervisor.teamId)).where(eq(team.organizationId, id))).not.toHaveLength(0);

    for (const { login } of DEMO_SIGN_INS) {
      expect(await authenticate({ identifier: login, password: DEMO_PASSWORD, ip: null }), login).toMatchObject({ ok: true });
    }
  });
});

describe("npm run support:create", () => {
  it("creates a support account outside every organization, audited", async () => {
    const staff = await createSupportStaff({ actor: system, email: "Ada@Gatehouse.test", name: "Ada Support", password: "a long support passphrase to remember" });
    expect(staff).toMatchObject({ email: "ada@gatehouse.test", name: "Ada Support" });
    const db = await getDb();
    expect(await db.select().from(auditEvent).where(and(eq(auditEvent.action, "support.create"), eq(auditEvent.targetId, staff.id)))).toMatchObject([
      { organizationId: null, actorLabel: "test", details: { email: "ada@gatehouse.test" } },
    ]);
  });

  it("refuses a duplicate email or a weak password and writes nothing", async () => {
    const db = await getDb();
    const before = (await db.select().from(supportStaff)).length;
    await expect(createSupportStaff({ actor: system, email: "ada@gatehouse.test", name: "Ada Again", password: "another long support passphrase" })).rejects.toThrow(
      new ConflictError("A support account with this email already exists", "email"),
    );
    await expect(createSupportStaff({ actor: system, email: "bob@gatehouse.test", name: "Bob", password: "short" })).rejects.toBeInstanceOf(ValidationError);
    expect((await db.select().from(supportStaff)).length).toBe(before);
  });
});
