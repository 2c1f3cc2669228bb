import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, scimRequest, team } from "@/db/schema";
import { reloadMember, seedOrganization } from "@/tests/factories";
import { pendingMember } from "../onboarding/helpers";
import { directoryClient } from "./scim-client";

/** SCIM Groups are teams (SPEC §4.16): Entra's and Okta's group requests move people between teams. */

const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const named = () => `Sales ${randomUUID().slice(0, 6)}`;
const ids = (group: { members?: { value: string }[] }) => (group.members ?? []).map((m) => m.value).sort();

describe("Microsoft Entra ID's groups", () => {
  it("probes by displayName without members, creates the team, adds and removes people, renames it", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org);
    const name = named();
    const probe = await scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${name}"`)}`);
    expect(probe.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim("POST", "/Groups", { schemas: [GROUP], externalId: randomUUID(), displayName: name, meta: { resourceType: "Group" } });
    expect(created).toMatchObject({ status: 201, body: { schemas: [GROUP], displayName: name, members: [] } });
    const teamId = created.body.id;
    const [ina, otto] = [org.members.inScope, org.members.outOfScope];

    const added = await scim("PATCH", `/Groups/${teamId}`, {
      schemas: [PATCH],
      Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: ina.id }, { $ref: null, value: otto.id }] }],
    });
    expect(added.status).toBe(200);
    expect(ids(added.body)).toEqual([ina.id, otto.id].sort());
    // Moved out of their old teams (Alpha, Beta) into this one.
    expect((await reloadMember(ina.id))!.teamId).toBe(teamId);
    expect((await reloadMember(otto.id))!.teamId).toBe(teamId);
    const alpha = await scim("GET", `/Groups/${org.teams.alpha.id}`);
    expect(ids(alpha.body)).not.toContain(ina.id);

    const removed = await scim("PATCH", `/Groups/${teamId}`, { schemas: [PATCH], Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: otto.id }] }] });
    expect(ids(removed.body)).toEqual([ina.id]);
    expect((await reloadMember(otto.id))!.teamId).toBeNull();

    const renamed = await scim("PATCH", `/Groups/${teamId}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "displayName", value: `${name} West` }] });
    expect(renamed.body.displayName).toBe(`${name} West`);
    const actions = (await (await getDb()).select().from(auditEvent).where(eq(auditEvent.organizationId, org.organization.id))).filter((e) => e.actorLabel === "Directory sync (Microsoft Entra ID)").map((e) => e.action);
    expect(actions.sort()).toEqual(["member.update", "member.update", "member.update", "team.create", "team.rename"]);
  });

  it("skips people a token doesn't manage (an owner, someone of another organization) and says so in the request log", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const { scim, tokenId } = await directoryClient(org);
    const { body: created } = await scim("POST", "/Groups", { schemas: [GROUP], displayName: named() });
    const member = await pendingMember(org);
    const patched = await scim("PATCH", `/Groups/${created.id}`, {
      schemas: [PATCH],
      Operations: [{ op: "add", path: "members", value: [{ value: member.id }, { value: org.members.owner.id }, { value: other.members.member.id }, { value: "not-an-id" }] }],
    });
    expect(ids(patched.body)).toEqual([member.id]);
    expect((await reloadMember(org.members.owner.id))!.teamId).toBeNull();
    expect((await reloadMember(other.members.member.id))!.teamId).toBe(other.teams.alpha.id);
    const [logged] = await (await getDb()).select().from(scimRequest).where(and(eq(scimRequest.tokenId, tokenId), eq(scimRequest.method, "PATCH")));
    expect(logged!.detail).toMatch(/^Skipped 3 members this token doesn't manage/);
  });
});

describe("Okta's groups", () => {
  it("replaces the member list with PUT, removes one by a filtered path, renames with a path-less replace", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org, "Okta");
    const people = [await pendingMember(org), await pendingMember(org), await pendingMember(org)];
    const name = named();
    const { body: created } = await scim("POST", "/Groups", { schemas: [GROUP], displayName: name, members: [{ value: people[0]!.id }] });
    expect(ids(created)).toEqual([people[0]!.id]);

    const replaced = await scim("PUT", `/Groups/${created.id}`, { schemas: [GROUP], id: created.id, displayName: name, members: [{ value: people[1]!.id }, { value: people[2]!.id }] });
    expect(ids(replaced.body)).toEqual([people[1]!.id, people[2]!.id].sort());
    expect((await reloadMember(people[0]!.id))!.teamId).toBeNull();

    const removed = await scim("PATCH", `/Groups/${created.id}`, { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${people[1]!.id}"]` }] });
    expect(ids(removed.body)).toEqual([people[2]!.id]);

    const renamed = await scim("PATCH", `/Groups/${created.id}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { id: created.id, displayName: "Okta Renamed" } }] });
    expect(renamed.body.displayName).toBe("Okta Renamed");
    expect((await (await getDb()).select().from(team).where(eq(team.id, created.id)))[0]!.name).toBe("Okta Renamed");
  });

  it("DELETE removes the team and leaves its people in no team", async () => {
    const org = await seedOrganization();
    const { scim } = await directoryClient(org, "Okta");
    const person = await pendingMember(org);
    const { body: created } = await scim("POST", "/Groups", { schemas: [GROUP], displayName: named(), members: [{ value: person.id }] });
    expect((await scim("DELETE", `/Groups/${created.id}`)).status).toBe(204);
    expect(await (await getDb()).select().from(team).where(eq(team.id, created.id))).toEqual([]);
    expect(await reloadMember(person.id)).toMatchObject({ teamId: null, status: "pending" });
    expect((await scim("GET", `/Groups/${created.id}`)).status).toBe(404);
  });
});

describe("bad group requests", () => {
  it("a taken name is 409 uniqueness, another organization's team 404, an unsupported filter or path 400", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    const { scim } = await directoryClient(org);
    expect(await scim("POST", "/Groups", { schemas: [GROUP], displayName: org.teams.alpha.name.toUpperCase() })).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    expect(await scim("POST", "/Groups", { schemas: [GROUP], displayName: "" })).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect((await scim("GET", `/Groups/${other.teams.alpha.id}`)).status).toBe(404);
    expect((await scim("PATCH", `/Groups/${other.teams.alpha.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "x" }] })).status).toBe(404);
    expect(await scim("GET", `/Groups?filter=${encodeURIComponent('members.value eq "x"')}`)).toMatchObject({ status: 400, body: { scimType: "invalidFilter" } });
    expect(await scim("PATCH", `/Groups/${org.teams.alpha.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "owner", value: "x" }] })).toMatchObject({ status: 400, body: { scimType: "invalidPath" } });
    const [alpha] = await (await getDb()).select().from(team).where(eq(team.id, org.teams.alpha.id));
    expect(alpha!.name).toBe(org.teams.alpha.name);
  });
});
