import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, member, supportStaff } from "@/db/schema";
import { loadActor } from "@/lib/actor";
import { ACCOUNT_SIGN_IN_RULE, authenticate, IP_SIGN_IN_RULE } from "@/lib/auth/authenticate";
import { endSession } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/passwords";
import { createMember, createOrganization, createSupportActor, seedOrganization, TEST_PASSWORD } from "../../factories";

const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;
const wrong = "not the right password at all";

describe("signing in (SPEC §4.2)", () => {
  it("signs a member in with their login name or their email, in any case", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id, { loginName: `201@${org.slug}`, primaryEmail: `dana.${org.slug}@example.test` });
    for (const identifier of [`201@${org.slug}`, ` DANA.${org.slug.toUpperCase()}@Example.test `]) {
      expect(await authenticate({ identifier, password: TEST_PASSWORD, ip: ip() })).toEqual({
        ok: true,
        claims: { kind: "member", id: m.id, sessionVersion: 1 },
      });
    }
  });

  it("signs in the one account whose password matches when several share an email", async () => {
    const org = await createOrganization();
    const shared = `frontdesk.${org.slug}@example.test`;
    const dana = await createMember(org.id, { primaryEmail: shared, passwordHash: await hashPassword("dana's own long passphrase here") });
    const tom = await createMember(org.id, { primaryEmail: shared, passwordHash: await hashPassword("tom picks a different one entirely") });
    const as = (password: string) => authenticate({ identifier: shared, password, ip: ip() });
    expect(await as("dana's own long passphrase here")).toMatchObject({ ok: true, claims: { id: dana.id } });
    expect(await as("tom picks a different one entirely")).toMatchObject({ ok: true, claims: { id: tom.id } });
    expect(await as(wrong)).toEqual({ ok: false, reason: "invalid" });
  });

  it("gives the same answer for a wrong password, an unknown account, a pending account and a disabled one", async () => {
    const org = await createOrganization();
    const active = await createMember(org.id);
    const pending = await createMember(org.id, { status: "pending", passwordHash: null });
    const disabled = await createMember(org.id, { status: "disabled" });
    const answers = await Promise.all([
      authenticate({ identifier: active.loginName!, password: wrong, ip: ip() }),
      authenticate({ identifier: `nobody-${randomUUID()}@example.test`, password: TEST_PASSWORD, ip: ip() }),
      authenticate({ identifier: pending.loginName!, password: TEST_PASSWORD, ip: ip() }),
      authenticate({ identifier: disabled.loginName!, password: TEST_PASSWORD, ip: ip() }),
    ]);
    expect(answers).toEqual(Array(4).fill({ ok: false, reason: "invalid" }));
  });

  it("signs support staff in with their email, and audits it", async () => {
    const support = await createSupportActor();
    expect(await authenticate({ identifier: support.email, password: TEST_PASSWORD, ip: "198.51.100.20" })).toEqual({
      ok: true,
      claims: { kind: "support", id: support.supportId, sessionVersion: 1 },
    });
    const db = await getDb();
    expect(await db.select().from(auditEvent).where(eq(auditEvent.actorSupportId, support.supportId))).toMatchObject([
      { action: "support.sign-in", organizationId: null, ip: "198.51.100.20" },
    ]);
  });
});

describe("sign-in throttling (SPEC §6)", () => {
  it("pauses an account after 5 wrong passwords, says for how long, audits the lock-out once, and lets it in again later", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    const t0 = new Date();
    const attempt = (password: string, at: Date, from = ip()) => authenticate({ identifier: m.loginName!, password, ip: from, now: at });
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures - 1; i++) expect(await attempt(wrong, t0)).toEqual({ ok: false, reason: "invalid" });
    // The fifth failure starts the pause and says so at once.
    expect(await attempt(wrong, t0)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 15 * 60 });
    // Even the right password waits, from any address: the pause belongs to the account.
    const fiveMinutesLater = new Date(t0.getTime() + 5 * 60_000);
    expect(await attempt(TEST_PASSWORD, fiveMinutesLater)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 10 * 60 });

    const db = await getDb();
    const lockouts = await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.id), eq(auditEvent.action, "sign-in.locked-out")));
    expect(lockouts).toMatchObject([{ actorLabel: "Anonymous visitor", details: { scope: "account", identifier: m.loginName, minutes: 15 } }]);

    // Never locked for good: after the pause the right password works.
    const afterPause = new Date(t0.getTime() + 15 * 60_000 + 1000);
    expect(await attempt(TEST_PASSWORD, afterPause)).toMatchObject({ ok: true });
  });

  it("pauses the account, not the identifier: after 5 wrong passwords on the login name its email waits too, and the other way round", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures - 1; i++) await authenticate({ identifier: m.loginName!, password: wrong, ip: ip() });
    expect(await authenticate({ identifier: m.loginName!, password: wrong, ip: ip() })).toMatchObject({ reason: "throttled" });
    expect(await authenticate({ identifier: m.primaryEmail!.toUpperCase(), password: TEST_PASSWORD, ip: ip() })).toMatchObject({ reason: "throttled" });

    // Failures through the email and the login name add up on the one account.
    const other = await createMember(org.id);
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures - 1; i++) {
      expect(await authenticate({ identifier: i % 2 ? other.loginName! : other.primaryEmail!, password: wrong, ip: ip() })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticate({ identifier: other.primaryEmail!, password: wrong, ip: ip() })).toMatchObject({ reason: "throttled" });
    expect(await authenticate({ identifier: other.loginName!, password: TEST_PASSWORD, ip: ip() })).toMatchObject({ reason: "throttled" });
  });

  it("an email several accounts share: wrong guesses through it pause that email only, never the accounts behind it", async () => {
    const org = await createOrganization();
    const shared = `front-desk.${randomUUID().slice(0, 8)}@example.test`;
    const dana = await createMember(org.id, { primaryEmail: shared });
    const eli = await createMember(org.id, { primaryEmail: shared, passwordHash: await hashPassword("eli's own long password here") });
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures - 1; i++) await authenticate({ identifier: shared, password: wrong, ip: ip() });
    expect(await authenticate({ identifier: shared, password: wrong, ip: ip() })).toMatchObject({ reason: "throttled" });
    expect(await authenticate({ identifier: shared, password: TEST_PASSWORD, ip: ip() })).toMatchObject({ reason: "throttled" });
    // Each of them still signs in with their own login name.
    expect(await authenticate({ identifier: dana.loginName!, password: TEST_PASSWORD, ip: ip() })).toMatchObject({ ok: true, claims: { id: dana.id } });
    expect(await authenticate({ identifier: eli.loginName!, password: "eli's own long password here", ip: ip() })).toMatchObject({ ok: true, claims: { id: eli.id } });
    const db = await getDb();
    const lockouts = await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.id), eq(auditEvent.action, "sign-in.locked-out")));
    expect(lockouts).toMatchObject([{ details: { scope: "shared-email", identifier: shared } }]);
  });

  it("an account paused on its own is skipped through a shared email, while the others sharing it sign in", async () => {
    const org = await createOrganization();
    const shared = `desk.${randomUUID().slice(0, 8)}@example.test`;
    const dana = await createMember(org.id, { primaryEmail: shared });
    const eli = await createMember(org.id, { primaryEmail: shared, passwordHash: await hashPassword("eli's own long password here") });
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures; i++) await authenticate({ identifier: dana.loginName!, password: wrong, ip: ip() });
    expect(await authenticate({ identifier: shared, password: TEST_PASSWORD, ip: ip() })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ identifier: shared, password: "eli's own long password here", ip: ip() })).toMatchObject({ ok: true, claims: { id: eli.id } });
  });

  it("counts failures arriving at the same moment exactly, as from several app instances, and audits one lock-out", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    const at = new Date();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => authenticate({ identifier: m.loginName!, password: wrong, ip: ip(), now: at })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(1);
    const db = await getDb();
    const lockouts = await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.id), eq(auditEvent.action, "sign-in.locked-out")));
    expect(lockouts).toHaveLength(1);
    expect(await authenticate({ identifier: m.loginName!, password: TEST_PASSWORD, ip: ip(), now: at })).toMatchObject({ reason: "throttled" });
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    const attempt = (password: string) => authenticate({ identifier: m.loginName!, password, ip: ip() });
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures - 1; i++) await attempt(wrong);
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures - 1; i++) expect(await attempt(wrong)).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles unknown login names exactly like real ones, so the pause reveals nothing", async () => {
    const identifier = `ghost-${randomUUID()}@nowhere.test`;
    let last;
    for (let i = 0; i < ACCOUNT_SIGN_IN_RULE.failures; i++) last = await authenticate({ identifier, password: wrong, ip: ip() });
    expect(last).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 15 * 60 });
  });

  it("pauses an address that tries many accounts, whatever account it tries next", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    const address = ip();
    for (let i = 0; i < IP_SIGN_IN_RULE.failures; i++) {
      await authenticate({ identifier: `spray-${i}-${randomUUID()}`, password: wrong, ip: address });
    }
    expect(await authenticate({ identifier: m.loginName!, password: TEST_PASSWORD, ip: address })).toMatchObject({ ok: false, reason: "throttled" });
    expect(await authenticate({ identifier: m.loginName!, password: TEST_PASSWORD, ip: ip() })).toMatchObject({ ok: true });
    const db = await getDb();
    const byIp = await db.select().from(auditEvent).where(and(eq(auditEvent.ip, address), eq(auditEvent.action, "sign-in.locked-out")));
    expect(byIp).toMatchObject([{ organizationId: null, details: { scope: "ip" } }]);
  });
});

describe("sessions (SPEC §6)", () => {
  it("rebuilds the actor from the database with the sites and teams it manages", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const actor = await loadActor(db, { kind: "member", id: org.members.siteManager.id, sessionVersion: 1, sessionId: randomUUID() });
    expect(actor).toMatchObject({ kind: "member", role: "site_manager", organizationId: org.organization.id, siteIds: [org.sites.main.id], teamIds: [] });
    expect(await loadActor(db, { kind: "member", id: org.members.supervisor.id, sessionVersion: 1, sessionId: randomUUID() })).toMatchObject({ teamIds: [org.teams.alpha.id] });
  });

  it("refuses a session once the member's session version moves on, or the member is disabled", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    const db = await getDb();
    const claims = { kind: "member" as const, id: m.id, sessionVersion: 1, sessionId: randomUUID() };
    expect(await loadActor(db, claims)).not.toBeNull();
    await db.update(member).set({ sessionVersion: 2 }).where(eq(member.id, m.id));
    expect(await loadActor(db, claims)).toBeNull();
    expect(await loadActor(db, { ...claims, sessionVersion: 2, sessionId: randomUUID() })).not.toBeNull();
    await db.update(member).set({ status: "disabled" }).where(eq(member.id, m.id));
    expect(await loadActor(db, { ...claims, sessionVersion: 2, sessionId: randomUUID() })).toBeNull();
  });

  it("refuses a support session after the account is disabled, and a forged id", async () => {
    const support = await createSupportActor();
    const db = await getDb();
    const claims = { kind: "support" as const, id: support.supportId, sessionVersion: 1, sessionId: randomUUID() };
    expect(await loadActor(db, claims)).toMatchObject({ kind: "support", email: support.email });
    await db.update(supportStaff).set({ disabledAt: new Date() }).where(eq(supportStaff.id, support.supportId));
    expect(await loadActor(db, claims)).toBeNull();
    expect(await loadActor(db, { kind: "member", id: "not-a-uuid", sessionVersion: 1, sessionId: randomUUID() })).toBeNull();
    expect(await loadActor(db, { kind: "member", id: randomUUID(), sessionVersion: 1, sessionId: randomUUID() })).toBeNull();
  });

  it("refuses a signed-out session, member or support, while the account's other sessions go on", async () => {
    const org = await createOrganization();
    const m = await createMember(org.id);
    const support = await createSupportActor();
    const db = await getDb();
    const phone = { kind: "member" as const, id: m.id, sessionVersion: 1, sessionId: randomUUID() };
    const laptop = { ...phone, sessionId: randomUUID() };
    const staff = { kind: "support" as const, id: support.supportId, sessionVersion: 1, sessionId: randomUUID() };
    await endSession(db, phone.sessionId);
    await endSession(db, phone.sessionId); // signing out twice is harmless
    await endSession(db, staff.sessionId);
    expect(await loadActor(db, phone)).toBeNull();
    expect(await loadActor(db, laptop)).not.toBeNull();
    expect(await loadActor(db, staff)).toBeNull();
    expect(await loadActor(db, { ...laptop, sessionId: "not-a-uuid" })).toBeNull();
  });
});
