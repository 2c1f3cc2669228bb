import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { organization, type Organization } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { EMAIL_LANGUAGES } from "../i18n/messages";
import { NotFoundError } from "../errors";
import { assertCanInOrganization } from "../permissions";
import { emailAddress, lineOfText, optional, timeZone } from "../validation";

/** The bounds of SPEC §2, shown beside their fields and checked again by the database. */
export const SETTINGS_BOUNDS = {
  inviteLinkDays: { min: 1, max: 30 },
  resetLinkMinutes: { min: 15, max: 24 * 60 },
  minPasswordLength: { min: 8, max: 64 },
} as const;

/** A whole number between the bounds, typed into a number field ("" is "not given"). */
const wholeNumber = (label: string, { min, max }: { min: number; max: number }, unit: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z
      .number(`Enter the ${label}`)
      .int(`Enter a whole number of ${unit}`)
      .min(min, `Use at least ${min} ${min === 1 ? unit.replace(/s$/, "") : unit}`)
      .max(max, `Use at most ${max} ${unit}`),
  );

const LANGUAGE_CODES = EMAIL_LANGUAGES.map((l) => l.code) as [string, ...string[]];

export const organizationSettingsInput = z.object({
  name: lineOfText("Enter your organization's name").min(2, "Enter your organization's name").max(100, "Use at most 100 characters"),
  senderName: lineOfText("Enter the name emails come from").min(1, "Enter the name emails come from").max(100, "Use at most 100 characters"),
  replyTo: optional(emailAddress()),
  inviteLinkDays: wholeNumber("welcome-link lifetime", SETTINGS_BOUNDS.inviteLinkDays, "days"),
  resetLinkMinutes: wholeNumber("reset-link lifetime", SETTINGS_BOUNDS.resetLinkMinutes, "minutes"),
  minPasswordLength: wholeNumber("minimum password length", SETTINGS_BOUNDS.minPasswordLength, "characters"),
  defaultLanguage: z.enum(LANGUAGE_CODES, "Choose a language from the list"),
  defaultTimeZone: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), timeZone),
});
export type OrganizationSettingsInput = z.infer<typeof organizationSettingsInput>;

export type OrganizationSettings = Pick<Organization, keyof OrganizationSettingsInput | "slug" | "updatedAt">;
const SETTINGS_FIELDS = Object.keys(organizationSettingsInput.shape) as (keyof OrganizationSettingsInput)[];

/** The settings page's values: owners change them, admins read them (SPEC §1, §2). */
export async function organizationSettings({ actor }: { actor: MemberActor }): Promise<OrganizationSettings> {
  assertCanInOrganization(actor, "organization.viewSettings", actor.organizationId);
  const [row] = await (await getDb()).select().from(organization).where(eq(organization.id, actor.organizationId)).limit(1);
  if (!row) throw new NotFoundError("This organization doesn't exist.");
  return settingsOf(row);
}

const settingsOf = (row: Organization): OrganizationSettings => ({
  slug: row.slug,
  updatedAt: row.updatedAt,
  ...(Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, row[field]])) as Pick<Organization, keyof OrganizationSettingsInput>),
});

export type SettingsChanges = Partial<{ [K in keyof OrganizationSettingsInput]: { from: Organization[K]; to: Organization[K] } }>;

/**
 * Saves the owner's changes (SPEC §2). Links already sent keep the lifetime they were sent with; the next ones use the
 * new one. The change is audited with each field's from and to, in the same transaction; saving what is already
 * there changes and audits nothing.
 */
export async function updateOrganizationSettings({
  actor,
  input,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: MemberActor;
  input: OrganizationSettingsInput;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ settings: OrganizationSettings; changes: SettingsChanges }> {
  assertCanInOrganization(actor, "organization.manageSettings", actor.organizationId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Locked, so two owners saving at once each record what they really changed.
    const [current] = await tx.select().from(organization).where(eq(organization.id, actor.organizationId)).for("update").limit(1);
    if (!current) throw new NotFoundError("This organization doesn't exist.");
    const wanted = { ...input, replyTo: input.replyTo ?? null };
    const changes: SettingsChanges = {};
    for (const field of SETTINGS_FIELDS) {
      if (current[field] !== wanted[field]) (changes as Record<string, unknown>)[field] = { from: current[field], to: wanted[field] };
    }
    if (Object.keys(changes).length === 0) return { settings: settingsOf(current), changes };
    const [updated] = await tx
      .update(organization)
      .set({ ...wanted, updatedAt: now })
      .where(eq(organization.id, actor.organizationId))
      .returning();
    await recordAudit(tx, actor, { action: "organization.settings-changed", target: { type: "organization", id: current.id }, details: { changes }, ip, userAgent, at: now });
    return { settings: settingsOf(updated!), changes };
  });
}

/**
 * How long an organization's links work and the language it speaks by default, for the public help page its emails
 * link to; the defaults of SPEC §2 for a short name that names no organization, so the page tells nobody which
 * organizations exist.
 */
export async function helpSettingsOf(slug: string | undefined): Promise<Pick<Organization, "inviteLinkDays" | "resetLinkMinutes" | "defaultLanguage">> {
  const defaults = {
    inviteLinkDays: organization.inviteLinkDays.default as number,
    resetLinkMinutes: organization.resetLinkMinutes.default as number,
    defaultLanguage: organization.defaultLanguage.default as string,
  };
  if (!slug || slug.length > 40) return defaults;
  const [row] = await (await getDb())
    .select({ inviteLinkDays: organization.inviteLinkDays, resetLinkMinutes: organization.resetLinkMinutes, defaultLanguage: organization.defaultLanguage })
    .from(organization)
    .where(eq(organization.slug, slug.toLowerCase()))
    .limit(1);
  return row ?? defaults;
}
