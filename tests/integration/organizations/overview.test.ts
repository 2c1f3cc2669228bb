import { describe, expect, it } from "vitest";
import { organizationOverview } from "@/lib/organizations/overview";
import { createMember, seedOrganization } from "../../factories";

describe("the home page's overview", () => {
  it("counts everyone in the organization for an owner, by the status the Users tab shows", async () => {
    const org = await seedOrganization();
    await createMember(org.organization.id, { status: "pending", passwordHash: null });
    await createMember(org.organization.id, { portalAccess: false, status: "pending" });
    await createMember(org.organization.id, { status: "disabled" });
    const overview = await organizationOverview({ actor: org.actors.owner });
    expect(overview).toMatchObject({ sites: 2, teams: 2, membersByStatus: { Pending: 1, Active: 7, Disabled: 1, "No portal access": 1 } });
  });

  it("counts only the people on a site manager's sites, not the organization's owners and admins", async () => {
    const org = await seedOrganization();
    // On the main site: the site manager, the supervisor, the member and inScope.
    expect((await organizationOverview({ actor: org.actors.siteManager })).membersByStatus).toEqual({ Pending: 0, Active: 4, Disabled: 0, "No portal access": 0 });
  });

  it("counts a supervisor's agents, without the supervisor", async () => {
    const org = await seedOrganization();
    expect((await organizationOverview({ actor: org.actors.supervisor })).membersByStatus.Active).toBe(2);
  });

  it("is refused to a member without a list to manage", async () => {
    const org = await seedOrganization();
    await expect(organizationOverview({ actor: org.actors.member })).rejects.toThrow("You don't have permission to do that.");
  });
});
