import { z } from "zod";
import type { Member } from "@/db/schema";
import { displayStatus } from "../members/labels";
import { normalizeDirectNumber } from "../members/phone";
import { emailAddress, hiddenCharactersProblem } from "../validation";
import { invalidValue, ScimError } from "./errors";
import { ENTERPRISE_USER_SCHEMA, GATEHOUSE_USER_SCHEMA, USER_SCHEMA } from "./schema-ids";

/**
 * A member as a SCIM User and back (RFC 7643 §4.1, README "Directory sync"):
 * - `userName` is what the directory calls them, kept as sent; when it is an email address and no `emails` are sent,
 *   it is also their primary email. The login name is Gatehouse's own, made as on Create.
 * - `name.givenName` / `familyName`, `emails` (the primary one, else the work one, else the first), `active`
 *   (Active or Pending ↔ Disabled), `phoneNumbers` (the work one, as E.164), `externalId`;
 * - the enterprise extension's `department`; Gatehouse's extension's `extension` (the phone extension) and `site`
 *   (a site's name).
 * Anything else a directory sends (titles, addresses, managers…) is accepted and ignored.
 */

export type ScimMember = Member & { siteName: string | null; teamName: string | null };

export function scimUserOf(m: ScimMember, baseUrl: string) {
  const email = m.primaryEmail ? [{ value: m.primaryEmail, type: "work", primary: true }] : [];
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GATEHOUSE_USER_SCHEMA],
    id: m.id,
    ...(m.externalId ? { externalId: m.externalId } : {}),
    userName: m.directoryUserName ?? m.loginName ?? m.primaryEmail ?? m.id,
    name: { givenName: m.firstName, familyName: m.lastName, formatted: `${m.firstName} ${m.lastName}`.trim() },
    displayName: `${m.firstName} ${m.lastName}`.trim(),
    active: m.status !== "disabled",
    emails: email,
    phoneNumbers: m.directNumber ? [{ value: m.directNumber, type: "work", primary: true }] : [],
    groups: m.teamId ? [{ value: m.teamId, display: m.teamName ?? "", $ref: `${baseUrl}/Groups/${m.teamId}` }] : [],
    [ENTERPRISE_USER_SCHEMA]: { ...(m.department ? { department: m.department } : {}) },
    [GATEHOUSE_USER_SCHEMA]: {
      ...(m.extension ? { extension: m.extension } : {}),
      ...(m.siteName ? { site: m.siteName } : {}),
      ...(m.loginName ? { loginName: m.loginName } : {}),
      status: displayStatus(m),
    },
    meta: {
      resourceType: "User",
      created: m.createdAt.toISOString(),
      lastModified: m.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${m.id}`,
      version: `W/"${m.updatedAt.getTime()}"`,
    },
  };
}
export type ScimUser = ReturnType<typeof scimUserOf>;

/** What a directory may set on a member. `undefined` (not sent) leaves an optional field as it is; `null` clears it. */
export type DirectoryFields = {
  userName: string;
  externalId: string | null | undefined;
  firstName: string;
  lastName: string;
  email: string | null;
  active: boolean;
  directNumber: string | null | undefined;
  department: string | null | undefined;
  extension: string | null | undefined;
  siteName: string | null | undefined;
};

/** Entra sends booleans as "True" and "False" in PATCH values; every directory means the same thing. */
const booleanish = z.preprocess((v) => (typeof v === "string" && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === "true" : v), z.boolean());

const text = (label: string, max: number) =>
  z.string(`${label} must be a string`).transform((value, ctx) => {
    const trimmed = value.trim();
    const problem = hiddenCharactersProblem(trimmed);
    if (problem) ctx.addIssue({ code: "custom", message: `${label}: ${problem}` });
    if (trimmed.length > max) ctx.addIssue({ code: "custom", message: `${label} is longer than ${max} characters` });
    return trimmed;
  });
const optionalText = (label: string, max: number) => z.union([z.null(), text(label, max)]).optional();
const multiValued = z.array(z.looseObject({ value: z.unknown().optional(), type: z.string().optional().catch(undefined), primary: booleanish.optional().catch(undefined) }));

const scimUserInput = z.looseObject({
  userName: text("userName", 200).refine((v) => v.length > 0, "userName is required"),
  externalId: optionalText("externalId", 200),
  displayName: optionalText("displayName", 200),
  name: z.looseObject({ givenName: optionalText("name.givenName", 100), familyName: optionalText("name.familyName", 100), formatted: optionalText("name.formatted", 200) }).optional().nullable(),
  active: booleanish.optional(),
  emails: multiValued.optional().nullable(),
  phoneNumbers: multiValued.optional().nullable(),
  [ENTERPRISE_USER_SCHEMA]: z.looseObject({ department: optionalText("department", 100) }).optional().nullable(),
  [GATEHOUSE_USER_SCHEMA]: z
    .looseObject({
      extension: z.union([z.null(), z.string().trim().regex(/^\d{2,8}$/, "extension must be 2 to 8 digits, e.g. 201")]).optional(),
      site: optionalText("site", 100),
    })
    .optional()
    .nullable(),
});

/** The one value of a multi-valued attribute Gatehouse keeps: the primary, else the work one, else the first. */
function chosen(values: z.infer<typeof multiValued> | null | undefined): unknown {
  if (!values?.length) return undefined;
  return (values.find((v) => v.primary === true) ?? values.find((v) => v.type?.toLowerCase() === "work") ?? values[0])!.value;
}

const EMAIL = emailAddress();

/** Reads a User resource (a POST or PUT body, or the result of a PATCH) into what Gatehouse keeps; 400 with the reason otherwise. */
export function directoryFieldsOf(body: unknown): DirectoryFields {
  const parsed = scimUserInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join(".");
    throw invalidValue(issue.code === "custom" || !where ? issue.message : `${where}: ${issue.message}`);
  }
  const user = parsed.data;
  const userNameIsEmail = EMAIL.safeParse(user.userName).success;
  const emailValue = chosen(user.emails) ?? (userNameIsEmail ? user.userName : undefined);
  let email: string | null = null;
  if (emailValue !== undefined && emailValue !== null && emailValue !== "") {
    const checked = EMAIL.safeParse(emailValue);
    if (!checked.success) throw invalidValue(`emails: ${JSON.stringify(emailValue)} is not an email address`);
    email = checked.data;
  }
  const { givenName, familyName } = namesOf(user);
  const phone = user.phoneNumbers === undefined ? undefined : chosen(user.phoneNumbers);
  let directNumber: string | null | undefined = phone === undefined ? (user.phoneNumbers === null ? null : undefined) : null;
  if (typeof phone === "string" && phone.trim()) {
    directNumber = normalizeDirectNumber(phone.trim());
    if (!directNumber) throw invalidValue(`phoneNumbers: ${JSON.stringify(phone)} is not a phone number with its area code`);
  }
  const enterprise = user[ENTERPRISE_USER_SCHEMA];
  const gatehouse = user[GATEHOUSE_USER_SCHEMA];
  return {
    userName: user.userName,
    externalId: user.externalId === "" ? null : user.externalId,
    firstName: givenName,
    lastName: familyName,
    email,
    active: user.active ?? true,
    directNumber,
    department: enterprise === null ? null : enterprise?.department === "" ? null : enterprise?.department,
    extension: gatehouse === null ? null : gatehouse?.extension,
    siteName: gatehouse === null ? null : gatehouse?.site === "" ? null : gatehouse?.site,
  };
}

/** First and last name: `name`'s parts, else `displayName` or `name.formatted` split at its first space, else the userName. */
function namesOf(user: z.infer<typeof scimUserInput>): { givenName: string; familyName: string } {
  const given = user.name?.givenName ?? "";
  const family = user.name?.familyName ?? "";
  if (given || family) return { givenName: given, familyName: family };
  const whole = user.name?.formatted || user.displayName || user.userName.split("@")[0]!;
  const [first, ...rest] = whole.split(/\s+/);
  return { givenName: first ?? "", familyName: rest.join(" ") };
}

/** A directory's name for the request it sent: "Users" body as JSON, refused as SCIM's invalidSyntax otherwise. */
export function assertResource(body: unknown, schema: string): asserts body is Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ScimError(400, "The body must be a JSON object.", "invalidSyntax");
  const schemas = (body as { schemas?: unknown }).schemas;
  if (!Array.isArray(schemas) || !schemas.includes(schema)) throw new ScimError(400, `The body's "schemas" must include ${schema}.`, "invalidSyntax");
}
