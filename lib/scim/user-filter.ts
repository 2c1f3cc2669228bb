import { and, eq, not, or, sql, type SQL } from "drizzle-orm";
import { parse, type Filter } from "scim2-parse-filter";
import { member } from "@/db/schema";
import { escapeLike } from "../sql-like";
import { ScimError } from "./errors";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "./schema-ids";

/**
 * A Users `filter` (RFC 7644 §3.4.2.2) as a WHERE clause: parsed by scim2-parse-filter, translated here for the
 * attributes Gatehouse keeps. What directories send is covered (Entra's `userName eq "…"` probe before a create,
 * Okta's `userName eq` and `externalId eq`, `emails[type eq "work"].value eq`, `and`/`or`/`not`, `pr`, `meta.lastModified gt`);
 * anything else is a 400 `invalidFilter` naming what isn't supported, never a silently wrong answer.
 */

const MAX_FILTER = 1_000;
const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");

/** String attributes, compared case-insensitively (RFC 7643 §2.1: caseExact false for these). */
const TEXT_ATTRIBUTES: Record<string, SQL> = {
  username: sql`lower(coalesce(${member.directoryUserName}, ${member.loginName}))`,
  externalid: sql`lower(${member.externalId})`,
  "emails.value": sql`${member.primaryEmail}`,
  emails: sql`${member.primaryEmail}`,
  "name.givenname": sql`lower(${member.firstName})`,
  "name.familyname": sql`lower(${member.lastName})`,
  displayname: sql`lower(${member.firstName} || ' ' || ${member.lastName})`,
  "phonenumbers.value": sql`${member.directNumber}`,
  phonenumbers: sql`${member.directNumber}`,
  department: sql`lower(${member.department})`,
};

/** An attribute path without its schema URN, lower-cased: `urn:…:User:userName` and `USERNAME` are `username`. */
function attributeName(path: string): string {
  let name = path;
  for (const urn of [ENTERPRISE_USER_SCHEMA, USER_SCHEMA]) {
    if (name.toLowerCase().startsWith(`${urn.toLowerCase()}:`)) name = name.slice(urn.length + 1);
  }
  return name.toLowerCase();
}

function compare(op: string, column: SQL, value: string): SQL {
  switch (op) {
    case "eq":
      return sql`${column} = ${value}`;
    case "ne":
      return sql`${column} is distinct from ${value}`;
    case "co":
      return sql`${column} like ${`%${escapeLike(value)}%`}`;
    case "sw":
      return sql`${column} like ${`${escapeLike(value)}%`}`;
    case "ew":
      return sql`${column} like ${`%${escapeLike(value)}`}`;
    default:
      throw invalidFilter(`"${op}" isn't supported on text attributes: use eq, ne, co, sw, ew or pr.`);
  }
}

function condition(filter: Filter): SQL {
  switch (filter.op) {
    case "and":
    case "or": {
      const parts = (filter as { filters: Filter[] }).filters.map(condition);
      return (filter.op === "and" ? and(...parts) : or(...parts))!;
    }
    case "not":
      return not(condition((filter as { filter: Filter }).filter));
    case "[]": {
      // emails[type eq "work"] and friends: Gatehouse keeps one work address and one work number.
      const { attrPath, valFilter } = filter as { attrPath: string; valFilter: Filter };
      const name = attributeName(attrPath);
      if (name !== "emails" && name !== "phonenumbers") throw invalidFilter(`Filtering inside "${attrPath}" isn't supported.`);
      return valueCondition(name, valFilter);
    }
    case "pr": {
      const name = attributeName((filter as { attrPath: string }).attrPath);
      if (name === "active") return sql`true`;
      const column = TEXT_ATTRIBUTES[name];
      if (!column) throw unsupported((filter as { attrPath: string }).attrPath);
      return sql`${column} is not null`;
    }
    default: {
      const { attrPath, compValue } = filter as { attrPath: string; compValue: unknown };
      const name = attributeName(attrPath);
      if (name === "id") {
        if (filter.op !== "eq" || typeof compValue !== "string") throw invalidFilter('"id" supports eq with a string only.');
        return /^[0-9a-f-]{36}$/i.test(compValue) ? eq(member.id, compValue.toLowerCase()) : sql`false`;
      }
      if (name === "active") {
        if ((filter.op !== "eq" && filter.op !== "ne") || typeof compValue !== "boolean") throw invalidFilter('"active" supports eq and ne with true or false.');
        const active = sql`${member.status} <> 'disabled'`;
        return (filter.op === "eq") === compValue ? active : not(active);
      }
      if (name === "meta.lastmodified" || name === "meta.created") {
        const at = typeof compValue === "string" ? new Date(compValue) : null;
        if (!at || Number.isNaN(at.getTime())) throw invalidFilter(`"${attrPath}" compares with a date such as "2026-12-01T00:00:00Z".`);
        const column = name === "meta.created" ? member.createdAt : member.updatedAt;
        const ops: Record<string, SQL> = { gt: sql`${column} > ${at}`, ge: sql`${column} >= ${at}`, lt: sql`${column} < ${at}`, le: sql`${column} <= ${at}`, eq: sql`${column} = ${at}` };
        const found = ops[filter.op];
        if (!found) throw invalidFilter(`"${filter.op}" isn't supported on dates: use gt, ge, lt, le or eq.`);
        return found;
      }
      const column = TEXT_ATTRIBUTES[name];
      if (!column) throw unsupported(attrPath);
      if (typeof compValue !== "string") throw invalidFilter(`"${attrPath}" compares with a string.`);
      const value = compValue.toLowerCase();
      const compared = compare(filter.op, column, name === "phonenumbers" || name === "phonenumbers.value" ? compValue : value);
      // userName eq: a member the directory hasn't named yet is found by their login name or their email address,
      // so an organization moving from CSV imports to sync adopts its people instead of creating them twice.
      return name === "username" && filter.op === "eq" ? or(compared, and(sql`${member.directoryUserName} is null`, eq(member.primaryEmail, value)))! : compared;
    }
  }
}

/**
 * `emails[type eq "work" and value eq "…"]`: Gatehouse keeps one address (and one number), of type "work", primary.
 */
function valueCondition(attribute: "emails" | "phonenumbers", f: Filter): SQL {
  const column = TEXT_ATTRIBUTES[attribute]!;
  switch (f.op) {
    case "and":
    case "or": {
      const parts = (f as { filters: Filter[] }).filters.map((part) => valueCondition(attribute, part));
      return (f.op === "and" ? and(...parts) : or(...parts))!;
    }
    case "not":
      return not(valueCondition(attribute, (f as { filter: Filter }).filter));
  }
  const { attrPath, compValue } = f as { attrPath: string; compValue?: unknown };
  switch (attributeName(attrPath)) {
    case "value":
      return condition({ ...f, attrPath: `${attribute}.value` } as Filter);
    case "type":
      if (f.op !== "eq" || typeof compValue !== "string") break;
      return compValue.toLowerCase() === "work" ? sql`${column} is not null` : sql`false`;
    case "primary":
      if (f.op !== "eq" || typeof compValue !== "boolean") break;
      return compValue ? sql`${column} is not null` : sql`false`;
  }
  throw invalidFilter(`Filtering ${attribute} by "${attrPath}" this way isn't supported.`);
}

const unsupported = (attrPath: string) =>
  invalidFilter(`Filtering by "${attrPath}" isn't supported: use userName, externalId, emails, name.givenName, name.familyName, displayName, active, id or meta.lastModified.`);

/** The WHERE clause of a `filter` query parameter; undefined when there is none. */
export function userFilterCondition(filter: string | null): SQL | undefined {
  if (filter === null || filter.trim() === "") return undefined;
  if (filter.length > MAX_FILTER) throw invalidFilter(`The filter is longer than ${MAX_FILTER} characters.`);
  let parsed: Filter;
  try {
    parsed = parse(filter);
  } catch (error) {
    throw invalidFilter(`The filter can't be read: ${(error as Error).message}`);
  }
  return condition(parsed);
}
