import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, directoryToken, organization, scimRequest } from "@/db/schema";
import { ForbiddenError, InvalidFieldsError, NotFoundError } from "@/lib/errors";
import { bulkEditMembers } from "@/lib/members/bulk-edit-members";
import { memberProfile } from "@/lib/members/member-profile";
import { bulkEditInput, updateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";
import { deleteOldScimRequests, directorySyncPage, setWelcomeOnProvision } from "@/lib/scim/directory-sync";
import { logScimRequest } from "@/lib/scim/request-log";
import { createDirectoryToken, listDirectoryTokens, revokeDirectoryToken } from "@/lib/scim/tokens";
import { reloadMember, seedOrganization } from "@/tests/factories";
import { expectRejection } from "../onboarding/helpers";
import { directoryClient, scimClient } from "./scim-client";

/** Organization → Directory sync (SPEC §4.16), and what a manager may still change of a synced member. */

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const entra = (overrides: Record<string, unknown> = {}) => {
  const id = randomUUID().slice(0, 8);
  return { schemas: [CORE], userName: `kai.${id}@contoso.com`, name: { givenName: "Kai", familyName: "Tanaka" }, emails: [{ value: `kai.${id}@contoso.com`, primary: true }], active: true, ...overrides };
};

describe("Directory sync tokens", () => {
  it("[Owner] makes a named token shown once and stored as a hash, sees its last use and the people it manages, revokes it", async () => {
    const org = await seedOrganization();
    const { token, name } = await createDirectoryToken({ actor: org.actors.owner, name: "Okta" });
    expect(token).toMatch(/^ghscim_[A-Za-z0-9_-]{43}$/);
    const [stored] = await (await getDb()).select().from(directoryToken).where(eq(directoryToken.organizationId, org.organization.id));
    expect(stored!.secretHash).not.toContain(token.slice(7));
    expect(name).toBe("Okta");

    const scim = scimClient(token);
    await scim("POST", "/Users", entra());
    const [listed] = await listDirectoryTokens({ actor: org.actors.owner });
    expect(listed).toMatchObject({ name: "Okta", managed: 1, revokedAt: null, createdBy: "Olive Owner" });
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);

    await revokeDirectoryToken({ actor: org.actors.owner, tokenId: listed!.id });
    expect((await scim("GET", "/Users")).status).toBe(401);
    await expectRejection(revokeDirectoryToken({ actor: org.actors.owner, tokenId: listed!.id }), NotFoundError);
    const actions = (await (await getDb()).select().from(auditEvent).where(eq(auditEvent.targetId, listed!.id))).map((e) => e.action).sort();
    expect(actions).toEqual(["directory.token-create", "directory.token-revoke"]);
  });

  it("[Office Manager] and the rest may not make, list or revoke tokens; another organization's token is not found", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const { id } = await createDirectoryToken({ actor: other.actors.owner, name: "Entra" });
    for (const actor of [org.actors.admin, org.actors.siteManager, org.actors.supervisor, org.actors.member]) {
      await expectRejection(createDirectoryToken({ actor, name: "Mine" }), ForbiddenError);
      await expectRejection(listDirectoryTokens({ actor }), ForbiddenError);
      await expectRejection(directorySyncPage({ actor }), ForbiddenError);
    }
    await expectRejection(revokeDirectoryToken({ actor: org.actors.owner, tokenId: id }), NotFoundError);
    await expectRejection(revokeDirectoryToken({ actor: org.actors.owner, tokenId: "' or 1=1" }), NotFoundError);
    expect((await (await getDb()).select().from(directoryToken).where(eq(directoryToken.id, id)))[0]!.revokedAt).toBeNull();
  });
});

describe("the Directory sync page", () => {
  it("[Owner] sees the people sync manages by status and the last requests with their answers and people", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: kai } = await scim("POST", "/Users", entra());
    await scim("POST", "/Users", entra({ active: false }));
    await scim("GET", `/Users?filter=${encodeURIComponent('title eq "x"')}`);
    const page = await directorySyncPage({ actor: org.actors.owner });
    expect(page.managed).toEqual({ Pending: 1, Active: 0, Disabled: 1, "No portal access": 0 });
    expect(page.welcomeOnProvision).toBe(false);
    expect(page.requests.map((r) => [r.method, r.status, r.scimType, r.token])).toEqual([
      ["GET", 400, "invalidFilter", "Microsoft Entra ID"],
      ["POST", 201, null, "Microsoft Entra ID"],
      ["POST", 201, null, "Microsoft Entra ID"],
    ]);
    expect(page.requests[2]!.member).toEqual({ id: kai.id, name: "Kai Tanaka" });
  });

  it("[Owner] turns the welcome email on and off, audited; saving the same value changes nothing", async () => {
    const org = await seedOrganization();
    expect(await setWelcomeOnProvision({ actor: org.actors.owner, on: true })).toBe(true);
    expect(await setWelcomeOnProvision({ actor: org.actors.owner, on: true })).toBe(false);
    const [row] = await (await getDb()).select().from(organization).where(eq(organization.id, org.organization.id));
    expect(row!.welcomeOnProvision).toBe(true);
    const events = await (await getDb()).select().from(auditEvent).where(eq(auditEvent.targetId, org.organization.id));
    expect(events.map((e) => e.details)).toEqual([{ changes: { welcomeOnProvision: { from: false, to: true } } }]);
    await expectRejection(setWelcomeOnProvision({ actor: org.actors.admin, on: false }), ForbiddenError);
  });

  it("logs every one of many requests answered at once, each before its answer; a line the database refuses costs only itself", async () => {
    const org = await seedOrganization();
    const { scim, tokenId } = await directoryClient(org);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => scim("POST", "/Users", entra({ externalId: `entra-${i}` }))));
    expect(answers.filter((a) => a.status !== 201).map((a) => a.body.detail)).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    const db = await getDb();
    const logged = await db.select().from(scimRequest).where(eq(scimRequest.tokenId, tokenId));
    expect(logged.map((r) => r.memberId).sort()).toEqual(answers.map((a) => a.body.id).sort());

    // A line naming a token that doesn't exist is refused by the database; the lines written with it are kept.
    const line = (path: string, token = tokenId) => ({ organizationId: org.organization.id, tokenId: token, method: "GET", path, status: 200, at: new Date() });
    const results = await Promise.allSettled([line("/scim/v2/Users?a"), line("/scim/v2/Users?b", randomUUID()), line("/scim/v2/Users?c"), line("/scim/v2/Users?d")].map((l) => logScimRequest(db, l)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const paths = (await db.select().from(scimRequest).where(eq(scimRequest.tokenId, tokenId))).map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(["/scim/v2/Users?a", "/scim/v2/Users?c", "/scim/v2/Users?d"]));
  });

  it("forgets requests older than 30 days", async () => {
    const org = await seedOrganization();
    const { scim, tokenId } = await directoryClient(org);
    await scim("GET", "/Users");
    const db = await getDb();
    await db.update(scimRequest).set({ createdAt: new Date(Date.now() - 31 * 86_400_000) }).where(eq(scimRequest.tokenId, tokenId));
    await scim("GET", "/Users");
    expect(await deleteOldScimRequests(db)).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(scimRequest).where(eq(scimRequest.tokenId, tokenId))).toHaveLength(1);
  });
});

describe("a synced member in Gatehouse (SPEC §4.16)", () => {
  it("[Office Manager] sees 'Managed by directory sync' and can't change what the directory owns, but can place them", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body } = await scim("POST", "/Users", entra());
    const kai = (await reloadMember(body.id))!;
    expect((await memberProfile(await getDb(), org.actors.admin, kai.id)).directory).toBe("Microsoft Entra ID");
    const form = (change: Record<string, unknown>) =>
      updateMemberInput.parse({ memberId: kai.id, portalAccess: "yes", firstName: kai.firstName, lastName: kai.lastName, role: "member", email: kai.primaryEmail, loginName: kai.loginName, ...change });

    const refusal = await updateMember({ actor: org.actors.admin, input: form({ firstName: "Kaito", email: "kaito@elsewhere.test" }) }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(InvalidFieldsError);
    expect((refusal as InvalidFieldsError).fieldErrors).toEqual({
      firstName: ["Managed by directory sync: change it in Microsoft Entra ID"],
      email: ["Managed by directory sync: change it in Microsoft Entra ID"],
    });
    expect(await reloadMember(kai.id)).toEqual(kai);
    // Taking their portal access away would drop the address the directory owns: refused too.
    await expectRejection(updateMember({ actor: org.actors.admin, input: updateMemberInput.parse({ memberId: kai.id, portalAccess: "no", firstName: kai.firstName, lastName: kai.lastName, role: "member" }) }), InvalidFieldsError);

    const placed = await updateMember({ actor: org.actors.admin, input: form({ extension: "7070", siteId: org.sites.main.id, teamId: org.teams.alpha.id }) });
    expect(placed).toMatchObject({ extension: "7070", siteId: org.sites.main.id, firstName: "Kai" });
  });

  it("[Office Manager] a bulk edit of the department skips synced members, saying why; their site still moves", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body } = await scim("POST", "/Users", entra({ "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Sales" } }));
    const input = (change: Record<string, unknown>) =>
      bulkEditInput.parse({ selection: { kind: "ids", ids: [body.id, org.members.member.id] }, siteId: "keep", teamId: "keep", department: "keep", role: "keep", status: "keep", ...change });
    const result = await bulkEditMembers({ actor: org.actors.admin, input: input({ department: "Claims" }) });
    expect(result).toMatchObject({ updated: 1, skippedCount: 1, skipped: [{ id: body.id, reason: "Managed by directory sync: their department comes from the directory" }] });
    expect((await reloadMember(body.id))!.department).toBe("Sales");
    expect(await bulkEditMembers({ actor: org.actors.admin, input: input({ siteId: org.sites.other.id }) })).toMatchObject({ updated: 2, skippedCount: 0 });
  });
});
