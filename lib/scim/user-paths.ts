import { ScimError } from "./errors";
import { ENTERPRISE_USER_SCHEMA, GATEHOUSE_USER_SCHEMA, USER_SCHEMA } from "./schema-ids";

/**
 * The attributes of the User schemas (RFC 7643 §4.1, §4.3) and Gatehouse's extension. A PATCH may name any of them;
 * those Gatehouse doesn't keep (a title, an address…) are accepted and change nothing. A path outside them is a
 * typo or another product's attribute: 400 `invalidPath`, and nothing is written.
 */
const CORE = new Set([
  "id",
  "externalid",
  "username",
  "name",
  "displayname",
  "nickname",
  "profileurl",
  "title",
  "usertype",
  "preferredlanguage",
  "locale",
  "timezone",
  "active",
  "password",
  "emails",
  "phonenumbers",
  "ims",
  "photos",
  "addresses",
  "groups",
  "entitlements",
  "roles",
  "x509certificates",
  "meta",
]);
const ENTERPRISE = new Set(["employeenumber", "costcenter", "organization", "division", "department", "manager"]);
const GATEHOUSE = new Set(["extension", "site"]);
/** Attributes SCIM itself sets: a directory may not change them (RFC 7643 §2.2 `mutability`). */
const READ_ONLY = new Set(["id", "meta", "groups"]);

function rootOf(path: string): { schema: "core" | "enterprise" | "gatehouse"; attribute: string } {
  const lower = path.toLowerCase();
  for (const [urn, schema] of [
    [ENTERPRISE_USER_SCHEMA, "enterprise"],
    [GATEHOUSE_USER_SCHEMA, "gatehouse"],
    [USER_SCHEMA, "core"],
  ] as const) {
    const prefix = urn.toLowerCase();
    if (lower === prefix) return { schema, attribute: "" };
    if (lower.startsWith(`${prefix}:`)) return { schema, attribute: lower.slice(prefix.length + 1).split(/[.[]/)[0]! };
  }
  if (lower.startsWith("urn:")) return { schema: "core", attribute: lower };
  return { schema: "core", attribute: lower.split(/[.[]/)[0]! };
}

function assertKnown(path: string, operation: number) {
  const { schema, attribute } = rootOf(path.trim());
  const known = schema === "enterprise" ? ENTERPRISE.has(attribute) || attribute === "" : schema === "gatehouse" ? GATEHOUSE.has(attribute) || attribute === "" : CORE.has(attribute);
  if (!known) throw new ScimError(400, `Operation ${operation}: "${path}" is not an attribute of a User.`, "invalidPath");
  if (schema === "core" && READ_ONLY.has(attribute)) throw new ScimError(400, `Operation ${operation}: "${path}" can't be changed.`, "mutability");
}

/** Checks an operation's path, or, for a path-less one, the attributes its value object names. */
export function assertKnownUserPaths(path: string | undefined, value: unknown, operation: number) {
  if (path !== undefined) return assertKnown(path, operation);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ScimError(400, `Operation ${operation}: without a "path", "value" must be an object of attributes.`, "invalidValue");
  }
  for (const key of Object.keys(value)) {
    if (key === "schemas") continue;
    assertKnown(key, operation);
  }
}
