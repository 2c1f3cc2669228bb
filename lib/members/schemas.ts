import { z } from "zod";
import { emailAddress, lineOfText, optional, personName } from "../validation";
import { ROLES } from "./labels";
import { normalizeDirectNumber } from "./phone";
import { usersQuery } from "./users-query";

/**
 * The inputs of member management (SPEC §4.4, §4.3), shared by the server actions that parse them and the forms that
 * only import their types.
 */

const idOrNone = z.preprocess((v) => (v === "" || v === "none" ? null : v), z.uuid("Choose from the list").nullable().default(null));
const idList = z.array(z.uuid("Choose from the list")).max(500).default([]);

export const memberFields = {
  firstName: personName("first name"),
  lastName: personName("last name"),
  extension: optional(z.string().trim().regex(/^\d{2,8}$/, "Use 2 to 8 digits, e.g. 201")),
  role: z.enum(ROLES, "Choose a role"),
  siteId: idOrNone,
  teamId: idOrNone,
  department: optional(lineOfText().max(100, "Use at most 100 characters")),
  directNumber: optional(
    z
      .string()
      .trim()
      .max(30, "Enter a phone number like +1 415 555 0123")
      .transform((typed, ctx) => {
        const e164 = normalizeDirectNumber(typed);
        if (!e164) ctx.addIssue({ code: "custom", message: "Enter a phone number with its area code, e.g. +1 415 555 0123" });
        return e164 ?? typed;
      }),
  ),
  /** Sites a site manager manages and teams a supervisor supervises; ignored for other roles. */
  managedSiteIds: idList,
  supervisedTeamIds: idList,
};

const loginName = optional(
  z
    .string()
    .trim()
    .toLowerCase()
    .max(100, "Use at most 100 characters")
    .regex(/^[a-z0-9._-]+@[a-z0-9-]+$/, "Use letters, digits, dots or dashes, then @ and your organization's short name, e.g. 201@acme"),
);

// A union on "Portal Access", not a refine, so "Email is required" shows with every other message in one submit.
export const memberInput = z.discriminatedUnion("portalAccess", [
  z.object({
    ...memberFields,
    portalAccess: z.literal("yes"),
    email: emailAddress("Email is required for portal access"),
    loginName,
    /** Create's "Send welcome email now" (SPEC §4.4): a checkbox, sent as "on" when ticked. */
    sendWelcomeNow: z.preprocess((v) => v === "on" || v === true, z.boolean()).default(false),
  }),
  z.object({
    ...memberFields,
    portalAccess: z.literal("no", "Choose Portal Access or No Portal Access"),
    email: z.preprocess(() => undefined, z.undefined()),
    loginName: z.preprocess(() => undefined, z.undefined()),
  }),
]);
export type MemberInput = z.infer<typeof memberInput>;

export const updateMemberInput = z.intersection(z.object({ memberId: z.uuid("This user doesn't exist") }), memberInput);
export type UpdateMemberInput = z.infer<typeof updateMemberInput>;

/** Rows picked one by one, or the whole query behind "Select all N matching", re-run on the server (SPEC §4.3). */
export const memberSelection = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ids"), ids: z.array(z.uuid()).min(1, "Select at least one user").max(5000) }),
  z.object({ kind: z.literal("query"), query: usersQuery }),
]);
export type MemberSelection = z.infer<typeof memberSelection>;

const keepOr = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === "keep" ? undefined : v), schema.optional());

/** Bulk Edit: every field left at "Don't change" stays as it is. */
export const bulkEditInput = z
  .object({
    selection: memberSelection,
    siteId: keepOr(z.preprocess((v) => (v === "none" ? null : v), z.uuid("Choose a site from the list").nullable())),
    teamId: keepOr(z.preprocess((v) => (v === "none" ? null : v), z.uuid("Choose a team from the list").nullable())),
    department: keepOr(
      z.preprocess(
        (v) => (v === "clear" ? null : v),
        lineOfText().min(1, "Enter a department, or choose Clear").max(100, "Use at most 100 characters").nullable(),
      ),
    ),
    role: keepOr(z.enum(ROLES, "Choose a role")),
    status: keepOr(z.enum(["disabled", "enabled"], "Choose Disable or Enable")),
  })
  .refine((v) => v.siteId !== undefined || v.teamId !== undefined || v.department !== undefined || v.role !== undefined || v.status !== undefined, {
    message: "Choose at least one thing to change",
    path: ["changes"],
  });
export type BulkEditInput = z.infer<typeof bulkEditInput>;
export type BulkChanges = Omit<BulkEditInput, "selection">;
