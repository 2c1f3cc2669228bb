import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, emailMessage, member, organization, directoryToken, scimRequest, site } from "@/db/schema";
import { revokeDirectoryToken } from "@/lib/scim/tokens";
import { sendLinkEmails } from "@/lib/onboarding/send-link-emails";
import { reloadMember, seedOrganization, type SeededOrganization } from "@/tests/factories";
import { pendingMember, tokensOf } from "../onboarding/helpers";
import { directoryClient, scimClient } from "./scim-client";
import { SCIM_RATE } from "@/app/scim/v2/_lib/scim-route";

/**
 * SCIM Users (SPEC §4.16, RFC 7644) as Microsoft Entra ID and Okta send them, built from their published
 * documentation: Entra's userName probe before a create, its PATCH with "Replace" and "False" as strings and
 * `emails[type eq "work"].value`; Okta's PUT of the whole user and its path-less `active: false`.
 */

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const GATEHOUSE = "urn:ietf:params:scim:schemas:extension:gatehouse:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const unique = () => randomUUID().slice(0, 8);
const probe = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** Entra's create-user request (Microsoft Learn, "Develop a SCIM endpoint": request 2). */
function entraUser(overrides: Record<string, unknown> = {}) {
  const id = unique();
  return {
    schemas: [CORE, ENTERPRISE],
    externalId: randomUUID(),
    userName: `dana.${id}@contoso.com`,
    active: true,
    emails: [{ primary: true, type: "work", value: `dana.${id}@contoso.com` }],
    meta: { resourceType: "User" },
    name: { formatted: "Dana Reyes", familyName: "Reyes", givenName: "Dana" },
    title: "Receptionist",
    roles: [],
    [ENTERPRISE]: { department: "Front Desk", manager: { value: "someone" } },
    ...overrides,
  };
}

/** Okta's create-user request (Okta developer docs, "SCIM 2.0 protocol reference": create the user). */
function oktaUser(overrides: Record<string, unknown> = {}) {
  const id = unique();
  return {
    schemas: [CORE],
    userName: `tom.${id}@okta.example`,
    name: { givenName: "Tom", familyName: "Fischer" },
    emails: [{ primary: true, value: `tom.${id}@okta.example`, type: "work" }],
    displayName: "Tom Fischer",
    locale: "en-US",
    externalId: `00u${id}`,
    groups: [],
    password: "1mz050nq",
    active: true,
    ...overrides,
  };
}

async function membersOf(org: SeededOrganization) {
  return (await getDb()).select().from(member).where(eq(member.organizationId, org.organization.id));
}
/** Everything a refused request could have written: members, audit events. */
async function footprint(org: SeededOrganization) {
  const db = await getDb();
  const [[members], [events]] = await Promise.all([
    db.select({ n: count() }).from(member).where(eq(member.organizationId, org.organization.id)),
    db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.organizationId, org.organization.id)),
  ]);
  return { members: members!.n, events: events!.n };
}

describe("Microsoft Entra ID provisions a person", () => {
  it("probes by userName, creates them Pending, and the manager sees who did it", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const body = entraUser({ phoneNumbers: [{ type: "work", value: "(415) 555-0142" }] });

    const before = await scim("GET", probe(body.userName));
    expect(before).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [], startIndex: 1 } });
    expect(before.headers.get("content-type")).toBe("application/scim+json");

    const created = await scim("POST", "/Users", body);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`http://localhost:3000/scim/v2/Users/${created.body.id}`);
    expect(created.body).toMatchObject({
      schemas: [CORE, ENTERPRISE, GATEHOUSE],
      userName: body.userName,
      externalId: body.externalId,
      active: true,
      name: { givenName: "Dana", familyName: "Reyes" },
      emails: [{ value: body.userName, type: "work", primary: true }],
      phoneNumbers: [{ value: "+14155550142", type: "work" }],
      [ENTERPRISE]: { department: "Front Desk" },
      [GATEHOUSE]: { status: "Pending", loginName: `dana.reyes@${org.organization.slug}` },
      meta: { resourceType: "User" },
    });
    const stored = (await reloadMember(created.body.id))!;
    expect(stored).toMatchObject({ role: "member", status: "pending", portalAccess: true, primaryEmail: body.userName, directNumber: "+14155550142", department: "Front Desk" });
    // No welcome email unless the organization asks for one.
    expect(await (await getDb()).select().from(emailMessage).where(eq(emailMessage.memberId, stored.id))).toEqual([]);

    const found = await scim("GET", probe(body.userName.toUpperCase()));
    expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ id: stored.id }] });
    const [event] = await (await getDb()).select().from(auditEvent).where(and(eq(auditEvent.targetId, stored.id), eq(auditEvent.action, "member.create")));
    expect(event).toMatchObject({ actorLabel: "Directory sync (Microsoft Entra ID)", organizationId: org.organization.id, userAgent: "Azure AD SCIM Client" });
  });

  it("updates with PATCH as Entra writes it: \"Replace\", a filtered email path, an extension's attribute", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser());
    const newAddress = `dana.${unique()}@contoso.com`;
    const patched = await scim("PATCH", `/Users/${created.id}`, {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: newAddress },
        { op: "Replace", path: "name.familyName", value: "Reyes-Okafor" },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Billing" },
        { op: "Replace", path: "title", value: "Billing clerk" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ emails: [{ value: newAddress }], name: { familyName: "Reyes-Okafor" }, [ENTERPRISE]: { department: "Billing" } });
    expect(await reloadMember(created.id)).toMatchObject({ primaryEmail: newAddress, lastName: "Reyes-Okafor", department: "Billing" });
    const [update] = await (await getDb()).select().from(auditEvent).where(and(eq(auditEvent.targetId, created.id), eq(auditEvent.action, "member.update")));
    expect(update!.details).toMatchObject({ changes: { primaryEmail: { to: newAddress }, lastName: { from: "Reyes", to: "Reyes-Okafor" }, department: { from: "Front Desk", to: "Billing" } } });
  });

  it("deactivates with \"active\": \"False\" (a string) and reactivates with \"True\": sessions end, links stop, nothing is deleted", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser());
    await sendLinkEmails({ actor: org.actors.admin, selection: { kind: "ids", ids: [created.id] }, purpose: "invite" });
    const before = (await reloadMember(created.id))!;

    const off = await scim("PATCH", `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(off.body).toMatchObject({ active: false, [GATEHOUSE]: { status: "Disabled" } });
    const disabled = (await reloadMember(created.id))!;
    expect(disabled).toMatchObject({ status: "disabled", sessionVersion: before.sessionVersion + 1, primaryEmail: before.primaryEmail });
    expect((await tokensOf(created.id)).every((t) => t.revokedAt !== null || t.usedAt !== null)).toBe(true);

    const on = await scim("PATCH", `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: "True" }] });
    expect(on.body).toMatchObject({ active: true, [GATEHOUSE]: { status: "Pending" } });
    const actions = (await (await getDb()).select().from(auditEvent).where(eq(auditEvent.targetId, created.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["member.create", "member.disable", "member.enable"]));
  });

  it("adopts a member the organization imported before sync: found by their email address, then named by the directory", async () => {
    const org = await seedOrganization();
    const { scim, tokenId } = await directoryClient(org);
    const existing = await pendingMember(org, { primaryEmail: `ina.${unique()}@contoso.com` });
    const found = await scim("GET", probe(existing.primaryEmail!));
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([existing.id]);
    await scim("PATCH", `/Users/${existing.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "userName", value: existing.primaryEmail }, { op: "Add", path: "externalId", value: "entra-77" }] });
    expect(await reloadMember(existing.id)).toMatchObject({ directoryUserName: existing.primaryEmail, externalId: "entra-77", directoryTokenId: tokenId });
  });

  it("welcomes the new person by email when the organization turned that on", async () => {
    const org = await seedOrganization();
    await (await getDb()).update(organization).set({ welcomeOnProvision: true }).where(eq(organization.id, org.organization.id));
    const { scim } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser());
    const emails = await (await getDb()).select().from(emailMessage).where(eq(emailMessage.memberId, created.id));
    expect(emails.map((e) => [e.template, e.to])).toEqual([["welcome", created.userName]]);
    // Sent inactive: no email.
    const { body: inactive } = await scim("POST", "/Users", entraUser({ active: false }));
    expect(await (await getDb()).select().from(emailMessage).where(eq(emailMessage.memberId, inactive.id))).toEqual([]);
    expect(inactive[GATEHOUSE].status).toBe("Disabled");
  });
});

describe("Okta provisions a person", () => {
  it("checks by userName with paging, creates, replaces the whole user with PUT, and deactivates with active: false", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org, "Okta", { userAgent: "Okta SCIM Client 1.0.0" });
    const body = oktaUser();
    const check = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}&startIndex=1&count=100`);
    expect(check.body).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 });
    const { status, body: created } = await scim("POST", "/Users", body);
    expect(status).toBe(201);
    expect(created).toMatchObject({ userName: body.userName, externalId: body.externalId, name: { givenName: "Tom", familyName: "Fischer" } });

    const replaced = await scim("PUT", `/Users/${created.id}`, { ...body, id: created.id, name: { givenName: "Thomas", familyName: "Fischer" }, [GATEHOUSE]: { extension: "4411" } });
    expect(replaced.status).toBe(200);
    expect(await reloadMember(created.id)).toMatchObject({ firstName: "Thomas", extension: "4411", status: "pending" });

    const off = await scim("PUT", `/Users/${created.id}`, { ...body, id: created.id, name: { givenName: "Thomas", familyName: "Fischer" }, active: false });
    expect(off.body.active).toBe(false);
    // Okta's other way: a PATCH without a path.
    const on = await scim("PATCH", `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { active: true } }] });
    expect(on.body.active).toBe(true);
    // Optional fields a PUT leaves out stay as they were.
    expect(await reloadMember(created.id)).toMatchObject({ extension: "4411", status: "pending" });
  });

  it("pages with 1-based startIndex and a totalResults of every match", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org, "Okta");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await scim("POST", "/Users", oktaUser())).body.id);
    // The organization's 3 seeded plain members come first (oldest first), then the 5 provisioned.
    const page = await scim("GET", "/Users?startIndex=4&count=2");
    expect(page.body).toMatchObject({ totalResults: 8, startIndex: 4, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2));
    expect((await scim("GET", "/Users?startIndex=8&count=10")).body.Resources.map((r: { id: string }) => r.id)).toEqual([ids[4]]);
    expect((await scim("GET", "/Users?count=0")).body).toMatchObject({ totalResults: 8, Resources: [] });
  });
});

describe("what a token may touch (SPEC §4.16)", () => {
  it("sees and changes only members whose role is Member, only in its own organization", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const { scim } = await directoryClient(org);
    const listed = await scim("GET", "/Users");
    const roles = new Set((await membersOf(org)).filter((m) => listed.body.Resources.some((r: { id: string }) => r.id === m.id)).map((m) => m.role));
    expect([...roles]).toEqual(["member"]);
    const before = await footprint(org);
    for (const id of [org.members.owner.id, org.members.admin.id, org.members.supervisor.id, other.members.member.id]) {
      expect(await scim("GET", `/Users/${id}`)).toMatchObject({ status: 404, body: { schemas: [ERROR], status: "404" } });
      expect((await scim("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] })).status).toBe(404);
      expect((await scim("DELETE", `/Users/${id}`)).status).toBe(404);
    }
    expect(await footprint(org)).toEqual(before);
    expect(await reloadMember(other.members.member.id)).toMatchObject({ status: "active" });
  });

  it("DELETE disables the member and keeps them; a second DELETE changes nothing more", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser());
    expect(await scim("DELETE", `/Users/${created.id}`)).toMatchObject({ status: 204, body: undefined });
    expect(await reloadMember(created.id)).toMatchObject({ status: "disabled", firstName: "Dana" });
    expect((await scim("DELETE", `/Users/${created.id}`)).status).toBe(204);
    expect((await scim("GET", `/Users/${created.id}`)).body.active).toBe(false);
  });

  it("refuses no token, an unknown one, a revoked one, and past its rate, in SCIM's words", async () => {
    const org = await seedOrganization();
    const { scim, tokenId, token } = await directoryClient(org);
    for (const client of [scimClient(null), scimClient("ghscim_not-a-real-token"), scimClient(token.replace(/.$/, (c) => (c === "A" ? "B" : "A")))]) {
      const refused = await client("GET", "/Users");
      expect(refused).toMatchObject({ status: 401, body: { schemas: [ERROR], status: "401" } });
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    // A token past its allowance waits, told how long.
    await (await getDb()).update(directoryToken).set({ rateWindowRequests: SCIM_RATE.limit, rateWindowStartedAt: new Date() }).where(eq(directoryToken.id, tokenId));
    const limited = await scim("GET", "/Users");
    expect(limited).toMatchObject({ status: 429, body: { status: "429" } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await (await getDb()).update(directoryToken).set({ rateWindowStartedAt: new Date(Date.now() - 11_000) }).where(eq(directoryToken.id, tokenId));
    expect((await scim("GET", "/Users")).status).toBe(200);
    await revokeDirectoryToken({ actor: org.actors.owner, tokenId });
    expect((await scim("GET", "/Users")).status).toBe(401);
  });
});

describe("bad input: a SCIM error body, nothing written", () => {
  it("malformed JSON, a wrong schema, a missing userName or email, an unknown site, a bad phone number", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const before = await footprint(org);
    const cases: [unknown, number, string | undefined][] = [
      [{ raw: "{ not json" }, 400, "invalidSyntax"],
      [{ ...entraUser(), schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"] }, 400, "invalidSyntax"],
      [{ ...entraUser(), userName: "" }, 400, "invalidValue"],
      [{ ...entraUser({ userName: "no-email-here" }), emails: [] }, 400, "invalidValue"],
      [entraUser({ emails: [{ value: "not an address", primary: true }] }), 400, "invalidValue"],
      [entraUser({ [GATEHOUSE]: { site: "Atlantis" } }), 400, "invalidValue"],
      [entraUser({ [GATEHOUSE]: { extension: "12a" } }), 400, "invalidValue"],
      [entraUser({ phoneNumbers: [{ type: "work", value: "12" }] }), 400, "invalidValue"],
      [entraUser({ name: { givenName: "Dana\u0000", familyName: "Reyes" } }), 400, "invalidValue"],
    ];
    for (const [body, status, scimType] of cases) {
      const response = (body as { raw?: string }).raw ? await scim("POST", "/Users", undefined, { raw: (body as { raw: string }).raw }) : await scim("POST", "/Users", body);
      expect(response, JSON.stringify(body).slice(0, 120)).toMatchObject({ status, body: { schemas: [ERROR], status: String(status), scimType } });
      expect(response.body.detail).toEqual(expect.any(String));
    }
    expect(await footprint(org)).toEqual(before);
  });

  it("a userName, externalId or extension already taken: 409 uniqueness", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const first = entraUser({ [GATEHOUSE]: { extension: "3301" } });
    expect((await scim("POST", "/Users", first)).status).toBe(201);
    const before = await footprint(org);
    for (const again of [
      entraUser({ userName: first.userName.toUpperCase() }),
      entraUser({ externalId: first.externalId }),
      entraUser({ [GATEHOUSE]: { extension: "3301" } }),
    ]) {
      expect(await scim("POST", "/Users", again)).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    }
    expect(await footprint(org)).toEqual(before);
  });

  it("an unsupported filter: 400 invalidFilter", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    for (const filter of ['title eq "Boss"', 'userName xx "a"', 'userName gt "a"', "userName eq", "x".repeat(1_001), 'active eq "yes"']) {
      expect(await scim("GET", `/Users?filter=${encodeURIComponent(filter)}`), filter.slice(0, 40)).toMatchObject({ status: 400, body: { scimType: "invalidFilter" } });
    }
    // And the ones directories send work.
    for (const filter of ['externalId eq "x"', 'emails[type eq "work"].value eq "a@b.c"', 'userName sw "dana" and active eq true', 'not (userName pr)', 'meta.lastModified gt "2026-01-01T00:00:00Z"']) {
      expect((await scim("GET", `/Users?filter=${encodeURIComponent(filter)}`)).status, filter).toBe(200);
    }
  });

  it("a PATCH on an unknown path or a read-only one, or without operations: nothing changes", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser());
    const before = await reloadMember(created.id);
    const cases: [unknown, string][] = [
      [{ schemas: [PATCH], Operations: [{ op: "replace", path: "name.givenName", value: "Z" }, { op: "replace", path: "favouriteColour", value: "blue" }] }, "invalidPath"],
      [{ schemas: [PATCH], Operations: [{ op: "replace", path: "urn:example:params:scim:schemas:extension:acme:2.0:User:badge", value: "7" }] }, "invalidPath"],
      [{ schemas: [PATCH], Operations: [{ op: "replace", path: "id", value: randomUUID() }] }, "mutability"],
      [{ schemas: [PATCH], Operations: [{ op: "move", path: "userName", value: "x" }] }, "invalidSyntax"],
      [{ schemas: [PATCH], Operations: [] }, "invalidSyntax"],
      [{ Operations: [{ op: "replace", path: "active", value: false }] }, "invalidSyntax"],
      [{ schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: "maybe" }] }, "invalidValue"],
    ];
    for (const [body, scimType] of cases) {
      expect(await scim("PATCH", `/Users/${created.id}`, body), JSON.stringify(body).slice(0, 100)).toMatchObject({ status: 400, body: { scimType } });
    }
    expect(await reloadMember(created.id)).toEqual(before);
  });
});

describe("what a directory reads first, and what the organization sees of it", () => {
  it("ServiceProviderConfig, ResourceTypes and Schemas describe Users, Groups and Gatehouse's extension", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    expect((await scim("GET", "/ServiceProviderConfig")).body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } });
    expect((await scim("GET", "/ResourceTypes")).body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await scim("GET", "/ResourceTypes/User")).body.schemaExtensions.map((e: { schema: string }) => e.schema)).toEqual([ENTERPRISE, GATEHOUSE]);
    expect((await scim("GET", "/Schemas")).body.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([CORE, ENTERPRISE, GATEHOUSE]));
    expect((await scim("GET", `/Schemas/${encodeURIComponent(GATEHOUSE)}`)).body.attributes.map((a: { name: string }) => a.name)).toEqual(["extension", "site", "loginName", "status"]);
    expect((await scim("GET", "/ResourceTypes/Nope")).status).toBe(404);
  });

  it("every request is in the organization's request log, refusals with their reason", async () => {
    const org = await seedOrganization();
    const { scim, tokenId } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser());
    await scim("GET", `/Users?filter=${encodeURIComponent('title eq "x"')}`);
    const log = await (await getDb()).select().from(scimRequest).where(eq(scimRequest.tokenId, tokenId)).orderBy(scimRequest.createdAt);
    expect(log.map((l) => [l.method, l.status, l.scimType, l.memberId])).toEqual([
      ["POST", 201, null, created.id],
      ["GET", 400, "invalidFilter", null],
    ]);
    expect(log[1]!.detail).toMatch(/isn't supported/);
  });

  it("puts a member on the site its extension attribute names, by name in any case", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Users", entraUser({ [GATEHOUSE]: { site: "main OFFICE", extension: "5501" } }));
    const [main] = await (await getDb()).select().from(site).where(eq(site.id, org.sites.main.id));
    expect(created[GATEHOUSE]).toMatchObject({ site: main!.name, extension: "5501", loginName: `5501@${org.organization.slug}` });
  });
});
