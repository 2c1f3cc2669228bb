import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { member, siteManager, teamSupervisor } from "@/db/schema";
import { memberActorOf } from "@/lib/actor";
import { ForbiddenError } from "@/lib/errors";
import { bulkEditMembers } from "@/lib/members/bulk-edit-members";
import { bulkEditInput, updateMemberInput } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/update-member";
import { reloadMember, seedOrganization } from "@/tests/factories";

/** Bugs found in lib/members/* while writing the tests of this folder: each test failed before its fix. */

describe("regressions in lib/members", () => {
  // Was: a site manager could edit any site manager on their site, themselves included, and post managedSiteIds for a
  // site they don't manage, gaining every member there. Fixed in lib/permissions.ts: site managers are managed from
  // above, as admins are by owners.
  it("[Site Manager] can't give themselves a site they don't manage", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    // A login name of the organization's own short name, as real ones are (the factories' aren't).
    await db.update(member).set({ loginName: `sita@${org.organization.slug}` }).where(eq(member.id, org.members.siteManager.id));
    const self = (await reloadMember(org.members.siteManager.id))!;
    const input = updateMemberInput.parse({
      memberId: self.id,
      portalAccess: "yes",
      firstName: self.firstName,
      lastName: self.lastName,
      role: self.role,
      siteId: self.siteId,
      email: self.primaryEmail,
      loginName: self.loginName,
      managedSiteIds: [org.sites.main.id, org.sites.other.id],
    });
    const refusal = await updateMember({ actor: org.actors.siteManager, input }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const managed = await db.select({ siteId: siteManager.siteId }).from(siteManager).where(eq(siteManager.memberId, self.id));
    expect(managed.map((r) => r.siteId)).toEqual([org.sites.main.id]);
    // Site managers are now managed from above, themselves included (lib/permissions.ts).
    expect(refusal).toBeInstanceOf(ForbiddenError);
    // What the escalation would have bought: the other site's members, in their next request.
    const actorNow = await memberActorOf(db, (await reloadMember(self.id))!);
    expect(actorNow.siteIds).toEqual([org.sites.main.id]);
  });

  // Was: Bulk Edit "Role: Call Center Supervisor" reset the teams of members who already were supervisors, leaving
  // one on no team supervising nobody. Fixed: only a changed role resets assignments.
  it("[Office Manager] setting the role a supervisor already has keeps the teams they supervise", async () => {
    const org = await seedOrganization();
    const db = await getDb();
    const sue = org.members.supervisor; // supervises alpha, sits on no team
    await db.insert(teamSupervisor).values({ teamId: org.teams.beta.id, memberId: sue.id });
    const supervised = async () =>
      (await db.select({ teamId: teamSupervisor.teamId }).from(teamSupervisor).where(eq(teamSupervisor.memberId, sue.id))).map((r) => r.teamId).sort();
    const before = await supervised();
    expect(before).toEqual([org.teams.alpha.id, org.teams.beta.id].sort());
    await bulkEditMembers({
      actor: org.actors.admin,
      input: bulkEditInput.parse({ selection: { kind: "ids", ids: [sue.id, org.members.inScope.id] }, role: "supervisor" }),
    });
    expect(await supervised()).toEqual(before);
  });

  // Was: "Set to…" with only spaces showed zod's raw "Invalid input: expected string, received undefined".
  it("[Office Manager] a department of only spaces in Bulk Edit doesn't show zod's raw message", () => {
    const result = bulkEditInput.safeParse({ selection: { kind: "ids", ids: [randomUUID()] }, department: "   ", status: "disabled" });
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages.filter((m) => m.startsWith("Invalid input"))).toEqual([]);
  });
});
