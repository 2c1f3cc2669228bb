import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvent, organization } from "@/db/schema";
import { helpSettingsOf, organizationSettings, organizationSettingsInput, updateOrganizationSettings, type OrganizationSettingsInput } from "@/lib/organizations/settings";
import { createSupportActor, seedOrganization } from "../../factories";
import { pendingMember, sendLink } from "../onboarding/helpers";

const form = (overrides: Record<string, string> = {}) => ({
  name: "Bright Smile Dental",
  senderName: "Bright Smile Front Desk",
  replyTo: "frontdesk@brightsmile.example",
  inviteLinkDays: "7",
  resetLinkMinutes: "60",
  minPasswordLength: "12",
  defaultLanguage: "es",
  defaultTimeZone: "America/Chicago",
  ...overrides,
});
const parse = (overrides: Record<string, string> = {}) => organizationSettingsInput.safeParse(form(overrides));
const fieldError = (overrides: Record<string, string>, field: keyof OrganizationSettingsInput) => {
  const result = parse(overrides);
  expect(result.success).toBe(false);
  return result.error!.issues.find((i) => i.path[0] === field)?.message;
};

describe("Organization settings: the bounds of SPEC §2, each beside its field", () => {
  it.each([
    ["inviteLinkDays", "0", "Use at least 1 day"],
    ["inviteLinkDays", "31", "Use at most 30 days"],
    ["inviteLinkDays", "2.5", "Enter a whole number of days"],
    ["inviteLinkDays", "", "Enter the welcome-link lifetime"],
    ["resetLinkMinutes", "14", "Use at least 15 minutes"],
    ["resetLinkMinutes", "1441", "Use at most 1440 minutes"],
    ["minPasswordLength", "7", "Use at least 8 characters"],
    ["minPasswordLength", "65", "Use at most 64 characters"],
    ["minPasswordLength", "twelve", "Enter the minimum password length"],
    ["name", "A", "Enter your organization's name"],
    ["name", "x".repeat(101), "Use at most 100 characters"],
    ["senderName", "  ", "Enter the name emails come from"],
    ["senderName", "Front\u202EDesk", "Remove the hidden characters that change the direction of the text"],
    ["replyTo", "front desk", "Enter an email address like name@example.com"],
    ["defaultLanguage", "fr", "Choose a language from the list"],
    ["defaultTimeZone", "Mars/Olympus_Mons", "Choose a time zone from the list"],
  ] as const)("%s = %j is refused: %s", (field, value, message) => {
    expect(fieldError({ [field]: value }, field)).toBe(message);
  });

  it("accepts the bounds themselves, an empty reply-to, and a time zone typed in lower case", () => {
    for (const [days, minutes, length] of [["1", "15", "8"], ["30", "1440", "64"]]) {
      expect(parse({ inviteLinkDays: days!, resetLinkMinutes: minutes!, minPasswordLength: length! }).success).toBe(true);
    }
    const parsed = parse({ replyTo: "", defaultTimeZone: " europe/berlin " });
    expect(parsed.data).toMatchObject({ replyTo: undefined, defaultTimeZone: "Europe/Berlin", inviteLinkDays: 7 });
  });
});

describe("Organization settings: who may read and change them", () => {
  it("[Owner] saves every setting, audited with from and to in the same transaction", async () => {
    const org = await seedOrganization();
    const { data } = parse();
    const { settings, changes } = await updateOrganizationSettings({ actor: org.actors.owner, input: data!, ip: "198.51.100.7" });
    expect(settings).toMatchObject({ ...data, slug: org.organization.slug });
    expect(changes.inviteLinkDays).toEqual({ from: 30, to: 7 });
    expect(changes.resetLinkMinutes).toEqual({ from: 360, to: 60 });
    expect(changes.defaultTimeZone).toEqual({ from: org.organization.defaultTimeZone, to: "America/Chicago" });

    const db = await getDb();
    const events = await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.organization.id), eq(auditEvent.action, "organization.settings-changed")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ organizationId: org.organization.id, actorMemberId: org.members.owner.id, targetId: org.organization.id, ip: "198.51.100.7" });
    expect((events[0]!.details as { changes: Record<string, unknown> }).changes).toEqual(changes);
    expect(await organizationSettings({ actor: org.actors.admin })).toMatchObject(data!);
  });

  it("[Owner] saving what is already there changes and audits nothing", async () => {
    const org = await seedOrganization();
    const { data } = parse();
    await updateOrganizationSettings({ actor: org.actors.owner, input: data! });
    const again = await updateOrganizationSettings({ actor: org.actors.owner, input: data! });
    expect(again.changes).toEqual({});
    const db = await getDb();
    const events = await db.select().from(auditEvent).where(and(eq(auditEvent.organizationId, org.organization.id), eq(auditEvent.action, "organization.settings-changed")));
    expect(events).toHaveLength(1);
  });

  it("[Owner] an empty reply-to clears it", async () => {
    const org = await seedOrganization();
    await updateOrganizationSettings({ actor: org.actors.owner, input: parse().data! });
    const { settings, changes } = await updateOrganizationSettings({ actor: org.actors.owner, input: parse({ replyTo: "" }).data! });
    expect(settings.replyTo).toBeNull();
    expect(changes.replyTo).toEqual({ from: "frontdesk@brightsmile.example", to: null });
  });

  it.each(["admin", "siteManager", "supervisor", "member"] as const)("[%s] can't change them, and nothing is written", async (role) => {
    const org = await seedOrganization();
    await expect(updateOrganizationSettings({ actor: org.actors[role], input: parse().data! })).rejects.toThrow("You don't have permission to do that.");
    const [row] = await (await getDb()).select().from(organization).where(eq(organization.id, org.organization.id));
    expect(row!.inviteLinkDays).toBe(30);
  });

  it("[Admin] reads them; site managers, supervisors and members don't", async () => {
    const org = await seedOrganization();
    expect((await organizationSettings({ actor: org.actors.admin })).name).toBe(org.organization.name);
    for (const role of ["siteManager", "supervisor", "member"] as const) {
      await expect(organizationSettings({ actor: org.actors[role] })).rejects.toThrow("You don't have permission to do that.");
    }
  });

  it("[Owner] of another organization changes only their own", async () => {
    const org = await seedOrganization();
    const other = await seedOrganization();
    await updateOrganizationSettings({ actor: other.actors.owner, input: parse().data! });
    const [row] = await (await getDb()).select().from(organization).where(eq(organization.id, org.organization.id));
    expect(row!.inviteLinkDays).toBe(30);
  });

  it("[Support] can neither read nor change an organization's settings", async () => {
    const support = await createSupportActor();
    const org = await seedOrganization();
    await expect(organizationSettings({ actor: support as never })).rejects.toThrow();
    await expect(updateOrganizationSettings({ actor: support as never, input: parse().data! })).rejects.toThrow();
    expect((await organizationSettings({ actor: org.actors.owner })).inviteLinkDays).toBe(30);
  });
});

describe("Organization settings: what they change", () => {
  it("[Owner] a new lifetime applies to links sent after it; a link already sent keeps its own", async () => {
    const org = await seedOrganization();
    const before = await sendLink(org.actors.admin, (await pendingMember(org)).id, "invite");
    await updateOrganizationSettings({ actor: org.actors.owner, input: parse({ inviteLinkDays: "3" }).data! });
    const after = await sendLink(org.actors.admin, (await pendingMember(org)).id, "invite");
    expect(after.token.expiresAt.getTime() - after.token.createdAt.getTime()).toBe(3 * 86_400_000);
    const [kept] = await (await getDb()).select().from(organization).where(eq(organization.id, org.organization.id));
    expect(kept!.inviteLinkDays).toBe(3);
    expect(before.token.expiresAt.getTime() - before.token.createdAt.getTime()).toBe(30 * 86_400_000);
    // The email says so, and its help link names the organization, whose page gives the new lifetime.
    expect(after.email.text).toContain(`/help?org=${org.organization.slug}`);
    expect(await helpSettingsOf(org.organization.slug)).toEqual({ inviteLinkDays: 3, resetLinkMinutes: 60, defaultLanguage: "es" });
  });

  it("the help page's lifetimes are the defaults for a short name that names no organization", async () => {
    expect(await helpSettingsOf("no-such-organization")).toEqual({ inviteLinkDays: 30, resetLinkMinutes: 360, defaultLanguage: "en" });
    expect(await helpSettingsOf(undefined)).toEqual({ inviteLinkDays: 30, resetLinkMinutes: 360, defaultLanguage: "en" });
    expect(await helpSettingsOf("x".repeat(500))).toEqual({ inviteLinkDays: 30, resetLinkMinutes: 360, defaultLanguage: "en" });
  });
});
