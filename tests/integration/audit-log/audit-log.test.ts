import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { organization } from "@/db/schema";
import { eq } from "drizzle-orm";
import { recordAudit, recordAudits } from "@/lib/audit";
import { auditLogPage, exportAuditLogCsv } from "@/lib/audit-log/audit-log";
import { parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { updateProfile } from "@/lib/account/update-profile";
import { memberActorOf } from "@/lib/actor";
import { ForbiddenError } from "@/lib/errors";
import { assignManager } from "@/lib/organizations/places";
import { sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { createMember, createSupportActor, seedOrganization } from "@/tests/factories";
import { expectRejection, pendingMember } from "../onboarding/helpers";
import { directoryClient } from "../scim/scim-client";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

/** The audit log (SPEC §4.13): who did what to whom, worded, filtered, paged by keyset, under each role's scope. */

const query = (params: Record<string, string> = {}) => parseAuditLogQuery(params);
const page = async (viewer: Parameters<typeof auditLogPage>[1]["viewer"], organizationId: string, params: Record<string, string> = {}, about?: string) =>
  auditLogPage(await getDb(), { viewer, organizationId, query: query(params), about });

/** Makes the member a site manager of the main site from Organization → Sites, as an owner would: a role change. */
const makeSiteManager = (org: Awaited<ReturnType<typeof seedOrganization>>, memberId: string, at: Date) =>
  assignManager({ actor: org.actors.owner, kind: "site", placeId: org.sites.main.id, memberId, ip: "203.0.113.4", userAgent: "Firefox", now: at });

describe("the audit log: what it says", () => {
  it("[Office Manager] reads who did what to whom, in words: a role change, a welcome email, a member's own act", async () => {
    const org = await seedOrganization();
    const yesterday = new Date(Date.now() - 86_400_000);
    await makeSiteManager(org, org.members.inScope.id, yesterday);
    const invitee = await pendingMember(org, { firstName: "Nia", lastName: "Okafor" });
    await sendLinkEmails({ actor: org.actors.admin, selection: { kind: "ids", ids: [invitee.id] }, purpose: "invite" });
    await updateProfile({ actor: org.actors.member, input: { firstName: "Mo", lastName: "Member", language: "es", timeZone: undefined, listedInDirectory: true } });

    const { rows } = await page(org.actors.admin, org.organization.id);
    // Newest first; the two acts of one moment (the role and the site) in either order.
    const [profile, sent] = rows;
    const manager = rows.find((r) => r.action === "site.manager-add");
    const role = rows.find((r) => r.action === "member.update");
    expect(rows.slice(2).map((r) => r.action).sort()).toEqual(["member.update", "site.manager-add"]);
    expect(manager).toMatchObject({ description: { what: "Made a site manager" }, target: { kind: "other", name: "Main office" } });
    expect(profile).toMatchObject({ actor: { kind: "member", name: expect.stringContaining("Mo Member") }, description: { what: "Edited their profile" } });
    expect(profile!.description.changes).toEqual([{ field: "Language", from: "—", to: "es" }]);
    expect(sent).toMatchObject({ description: { what: "Sent welcome emails: 1 email" }, target: { kind: "job", name: "Bulk send of welcome emails (1)" } });
    expect(role).toMatchObject({
      actor: { kind: "member", name: expect.stringContaining("Olive Owner") },
      description: { what: "Changed role from Member to Site Manager" },
      target: { kind: "member", name: "Ina Scope", linked: true },
      ip: "203.0.113.4",
      userAgent: "Firefox",
      at: yesterday,
    });
  });

  it("[Owner] sees support staff marked, with their reason, and the system's own acts", async () => {
    const org = await seedOrganization();
    const support = await createSupportActor();
    await recordAudit(await getDb(), support, {
      action: "member.welcome-sent",
      organizationId: org.organization.id,
      target: { type: "member", id: org.members.inScope.id },
      details: { to: "ina@example.test", reason: "Ticket 4711" },
    });
    await recordAudit(await getDb(), { kind: "system", name: "Gatehouse demo" }, { action: "organization.seed-demo", organizationId: org.organization.id });
    const { rows } = await page(org.actors.owner, org.organization.id);
    expect(rows[0]).toMatchObject({ actor: { kind: "system", name: "Gatehouse demo" }, description: { what: "Created the demo organization" } });
    expect(rows[1]).toMatchObject({ actor: { kind: "support", name: "Sid Support", reason: "Ticket 4711" }, description: { what: "Sent a welcome email", notes: ["To ina@example.test"] } });
    expect((await page(org.actors.owner, org.organization.id, { by: "support" })).rows.map((r) => r.id)).toEqual([rows[1]!.id]);
    expect((await page(org.actors.owner, org.organization.id, { by: "system" })).rows.map((r) => r.id)).toEqual([rows[0]!.id]);
  });

  it("[Owner] finds what directory sync did apart from the rest of the system's acts", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: kai } = await scim("POST", "/Users", { schemas: [USER], userName: "kai@contoso.test", name: { givenName: "Kai", familyName: "Lee" }, emails: [{ value: "kai@contoso.test" }] });
    await recordAudit(await getDb(), { kind: "system", name: "Gatehouse demo" }, { action: "organization.seed-demo", organizationId: org.organization.id });
    // A system actor whose name merely starts with the words is not directory sync.
    await recordAudit(await getDb(), { kind: "system", name: "Directory synchronisation script" }, { action: "organization.seed-demo", organizationId: org.organization.id });
    const synced = (await page(org.actors.owner, org.organization.id, { by: "directory" })).rows;
    expect(synced.map((r) => [r.actor, r.action, r.target && "id" in r.target ? r.target.id : null])).toEqual([[{ kind: "system", name: "Directory sync (Microsoft Entra ID)" }, "member.create", kai.id]]);
    const system = (await page(org.actors.owner, org.organization.id, { by: "system" })).rows;
    expect(system.map((r) => r.actor)).toEqual([
      { kind: "system", name: "Directory synchronisation script" },
      { kind: "system", name: "Gatehouse demo" },
    ]);
  });
});

describe("the audit log: who may read what (SPEC §3)", () => {
  it("[Site Manager] reads only the events about the members of their sites", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await recordAudits(db, org.actors.admin, [
      { action: "member.disable", target: { type: "member", id: org.members.inScope.id } },
      { action: "member.disable", target: { type: "member", id: org.members.outOfScope.id } },
      { action: "organization.settings-changed", target: { type: "organization", id: org.organization.id } },
    ]);
    const mine = await page(org.actors.siteManager, org.organization.id);
    expect(mine.rows.map((r) => r.target)).toEqual([expect.objectContaining({ kind: "member", name: "Ina Scope" })]);
    expect((await page(org.actors.admin, org.organization.id)).rows).toHaveLength(3);
  });

  it("[Call Center Supervisor], [Member] and another organization's owner are refused", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    for (const viewer of [org.actors.supervisor, org.actors.member, other.actors.owner]) {
      await expectRejection(page(viewer, org.organization.id), ForbiddenError);
    }
  });

  it("[Support] reads any organization's whole log, as its owner does (SPEC §4.14)", async () => {
    const org = await seedOrganization();
    await makeSiteManager(org, org.members.inScope.id, new Date());
    const support = await createSupportActor();
    const [owners, supports] = await Promise.all([page(org.actors.owner, org.organization.id), page(support, org.organization.id)]);
    expect(supports.rows.map((r) => r.id)).toEqual(owners.rows.map((r) => r.id));
    expect(supports.rows.length).toBeGreaterThan(0);
  });
});

describe("the audit log: filters and pages", () => {
  it("[Owner] filters by who did it, what, to whom and between which days (in their time zone)", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await db.update(organization).set({ defaultTimeZone: "America/New_York" }).where(eq(organization.id, org.organization.id));
    const at = (iso: string) => new Date(iso);
    await recordAudit(db, org.actors.admin, { action: "member.disable", target: { type: "member", id: org.members.inScope.id }, at: at("2026-03-02T03:00:00Z") }); // 1 March in New York
    await recordAudit(db, org.actors.admin, { action: "member.enable", target: { type: "member", id: org.members.inScope.id }, at: at("2026-03-02T15:00:00Z") });
    await recordAudit(db, org.actors.siteManager, { action: "member.disable", target: { type: "member", id: org.members.outOfScope.id }, at: at("2026-03-03T15:00:00Z") });
    const actions = async (params: Record<string, string>) => (await page(org.actors.owner, org.organization.id, params)).rows.map((r) => `${r.action} ${r.target?.name}`);

    expect(await actions({ action: "member.disable" })).toEqual(["member.disable Otto Scope", "member.disable Ina Scope"]);
    expect(await actions({ actor: "Adam" })).toEqual(["member.enable Ina Scope", "member.disable Ina Scope"]);
    expect(await actions({ actor: "Sita Manager" })).toEqual(["member.disable Otto Scope"]);
    expect(await actions({ target: "otto" })).toEqual(["member.disable Otto Scope"]);
    expect(await actions({ target: org.members.inScope.primaryEmail! })).toEqual(["member.enable Ina Scope", "member.disable Ina Scope"]);
    expect(await actions({ from: "2026-03-01", to: "2026-03-01" })).toEqual(["member.disable Ina Scope"]);
    expect(await actions({ from: "2026-03-03", to: "2026-03-02" })).toEqual(["member.disable Otto Scope", "member.enable Ina Scope"]);
    expect(await actions({ target: "nobody like this" })).toEqual([]);
    expect(await actions({ actor: "%", action: "no.such-action" })).toEqual([]);
  });

  it("[Owner] pages back and forth by keyset: every event once, in order, whatever is written meanwhile", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const start = Date.parse("2026-01-01T00:00:00Z");
    // 120 events, two of them in each millisecond: ties broken by id, never skipped or repeated.
    await recordAudits(
      db,
      org.actors.admin,
      Array.from({ length: 120 }, (_, i) => ({ action: "member.enable", target: { type: "member", id: org.members.inScope.id }, details: { n: i }, at: new Date(start + Math.floor(i / 2)) })),
    );
    const seen: string[] = [];
    let params: Record<string, string> = { action: "member.enable" };
    const pages = [];
    for (;;) {
      const current = await page(org.actors.owner, org.organization.id, params);
      pages.push(current);
      seen.push(...current.rows.map((r) => r.id));
      if (!current.older) break;
      params = { action: "member.enable", before: current.older };
    }
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(pages[0]!.newer).toBeNull();
    expect(pages[2]!.older).toBeNull();
    // Back from the last page: the middle page again, exactly.
    const back = await page(org.actors.owner, org.organization.id, { action: "member.enable", after: pages[2]!.newer! });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    // A cursor that is not one is ignored: the first page.
    expect((await page(org.actors.owner, org.organization.id, { action: "member.enable", before: "x.y" })).rows[0]!.id).toBe(pages[0]!.rows[0]!.id);
  });

  it("[Owner] a member's Activity tab holds the events about them only", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const other = await createMember(org.organization.id, { siteId: org.sites.main.id });
    await recordAudit(db, org.actors.admin, { action: "member.disable", target: { type: "member", id: other.id } });
    await recordAudit(db, org.actors.admin, { action: "member.disable", target: { type: "member", id: org.members.inScope.id } });
    const about = await page(org.actors.owner, org.organization.id, {}, other.id);
    expect(about.rows.map((r) => r.target)).toEqual([expect.objectContaining({ kind: "member", id: other.id })]);
    const siteManager = await memberActorOf(db, org.members.siteManager);
    expect((await page(siteManager, org.organization.id, {}, org.members.outOfScope.id)).rows).toEqual([]);
  });
});

describe("the audit log's CSV export", () => {
  const csvOf = async (viewer: Parameters<typeof exportAuditLogCsv>[1]["viewer"], organizationId: string, params: Record<string, string> = {}) => {
    let text = "";
    for await (const piece of exportAuditLogCsv(await getDb(), { viewer, organizationId, query: query(params) })) text += piece;
    return text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  };

  it("[Owner] exports what the filters match, newest first, every cell a spreadsheet would run as a formula escaped", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const sneaky = await createMember(org.organization.id, { firstName: "=HYPERLINK(\"http://evil.example\")", lastName: "x", extension: "7001" });
    await recordAudit(db, org.actors.admin, { action: "member.disable", target: { type: "member", id: sneaky.id }, ip: "203.0.113.9", userAgent: "Edge" });
    await recordAudit(db, org.actors.admin, { action: "member.enable", target: { type: "member", id: org.members.inScope.id } });
    const lines = await csvOf(org.actors.owner, org.organization.id, { action: "member.disable" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Time,Time zone,Done by,Action,User or item,Changes,Notes,IP address,User agent");
    expect(lines[1]).toContain(`Disabled a user,"'=HYPERLINK(""http://evil.example"") x (7001)"`);
    expect(lines[1]).toMatch(/,203\.0\.113\.9,Edge$/);
  });

  it("[Site Manager] exports only what their page shows, whatever the filter asks", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    await recordAudit(db, org.actors.admin, { action: "member.disable", target: { type: "member", id: org.members.outOfScope.id } });
    await recordAudit(db, org.actors.admin, { action: "member.disable", target: { type: "member", id: org.members.inScope.id } });
    const lines = await csvOf(org.actors.siteManager, org.organization.id, { target: "Scope" });
    expect(lines.slice(1).map((l) => l.includes("Ina Scope"))).toEqual([true]);
    await expectRejection(csvOf(org.actors.supervisor, org.organization.id), ForbiddenError);
  });
});

