import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, organization } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { ValidationError } from "@/lib/errors";
import { completeSetup, isSetupNeeded, SetupAlreadyDoneError } from "@/lib/setup/complete-setup";
import type { SetupInput } from "@/lib/setup/schemas";
import { withEmptyDatabase } from "../fresh-database";

withEmptyDatabase();

const input = (overrides: Partial<SetupInput> = {}): SetupInput => ({
  organizationName: "Acme Dental",
  slug: undefined,
  firstName: "Sam",
  lastName: "Okafor",
  email: "sam@acme.test",
  password: "lantern orbit pebble canyon",
  confirmPassword: "lantern orbit pebble canyon",
  timeZone: "Europe/Berlin",
  ...overrides,
});

async function counts() {
  const db = await getDb();
  return { organizations: (await db.select().from(organization)).length, members: (await db.select().from(member)).length };
}

// These run in order on one empty database: first run, then everything after it.
describe("first-run setup", () => {
  it("is needed while the database holds no organization", async () => {
    expect(await isSetupNeeded()).toBe(true);
  });

  it("refuses a weak password, says which rule, and writes nothing", async () => {
    const short = completeSetup({ input: input({ password: "too short" }) });
    await expect(short).rejects.toThrow(new ValidationError("Use at least 15 characters (you have 9).", "password"));
    await expect(completeSetup({ input: input({ password: "sam@acme.test and more" }) })).rejects.toMatchObject({ field: "password" });
    await expect(completeSetup({ input: input({ password: "123456789987654321" }) })).rejects.toThrow(/common passwords/);
    expect(await counts()).toEqual({ organizations: 0, members: 0 });
    expect(await isSetupNeeded()).toBe(true);
  });

  it("creates the organization and an active owner exactly once when two requests race", async () => {
    const results = await Promise.allSettled([completeSetup({ input: input(), ip: "198.51.100.7" }), completeSetup({ input: input({ organizationName: "Other Org" }), ip: "198.51.100.8" })]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r) => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(SetupAlreadyDoneError);
    expect(await counts()).toEqual({ organizations: 1, members: 1 });

    const db = await getDb();
    const [owner] = await db.select().from(member);
    expect(owner).toMatchObject({ role: "owner", status: "active", portalAccess: true, primaryEmail: "sam@acme.test", timeZone: "Europe/Berlin" });
    expect(owner!.confirmedAt).toBeInstanceOf(Date);
    expect(owner!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [org] = await db.select().from(organization);
    expect(owner!.loginName).toBe(`sam.okafor@${org!.slug}`);
    expect(await db.select().from(auditEvent).where(eq(auditEvent.organizationId, org!.id))).toMatchObject([
      { action: "organization.setup", actorMemberId: owner!.id, targetId: org!.id, ip: expect.any(String) },
    ]);
  });

  it("lets the owner sign in with the password set there", async () => {
    const result = await authenticate({ identifier: "SAM@acme.test ", password: "lantern orbit pebble canyon", ip: null });
    expect(result).toMatchObject({ ok: true, claims: { kind: "member", sessionVersion: 1 } });
  });

  it("is gone afterwards: a later call creates nothing", async () => {
    expect(await isSetupNeeded()).toBe(false);
    await expect(completeSetup({ input: input({ organizationName: "Late Org", slug: "late" }) })).rejects.toBeInstanceOf(SetupAlreadyDoneError);
    expect(await counts()).toEqual({ organizations: 1, members: 1 });
  });
});
