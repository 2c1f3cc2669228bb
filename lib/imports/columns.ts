import { ValidationError } from "../errors";

/**
 * The columns of an import file (SPEC §4.5, seed 004), per user type. The sample file's headers are the canonical
 * names; a file's headers are matched to them whatever their case, spacing or punctuation ("E-mail", "first_name",
 * " Direct Number ") and in any order.
 */
export const IMPORT_TYPES = ["portal", "no-portal"] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];
export const IMPORT_TYPE_LABELS: Record<ImportType, string> = { portal: "Portal Access", "no-portal": "No Portal Access" };

/** Where imported people are listed: "Pending" (seed 004), or "No portal access" for login-less ones. */
export const importedListOf = (type: ImportType) => (type === "portal" ? "/users?status=pending" : "/users?status=no-portal");

export type ColumnKey = "firstName" | "lastName" | "email" | "extension" | "role" | "site" | "department" | "team" | "directNumber";

type Column = { key: ColumnKey; header: string; required: boolean; aliases: string[] };

const COLUMN: Record<ColumnKey, Omit<Column, "required">> = {
  firstName: { key: "firstName", header: "First name", aliases: ["first", "given name", "forename"] },
  lastName: { key: "lastName", header: "Last name", aliases: ["last", "surname", "family name"] },
  email: { key: "email", header: "Email", aliases: ["e-mail", "email address", "e-mail address", "mail"] },
  extension: { key: "extension", header: "Extension", aliases: ["ext", "extension number"] },
  role: { key: "role", header: "Role", aliases: [] },
  site: { key: "site", header: "Site", aliases: ["location", "office"] },
  department: { key: "department", header: "Department", aliases: ["dept"] },
  team: { key: "team", header: "Team", aliases: [] },
  directNumber: { key: "directNumber", header: "Direct number", aliases: ["direct phone number", "phone number", "phone", "did"] },
};

/** Which columns each user type has, in the sample file's order, and which of them must be there. */
export const COLUMNS: Record<ImportType, Column[]> = {
  portal: [
    { ...COLUMN.firstName, required: true },
    { ...COLUMN.lastName, required: true },
    { ...COLUMN.email, required: true },
    { ...COLUMN.extension, required: false },
    { ...COLUMN.role, required: false },
    { ...COLUMN.site, required: false },
    { ...COLUMN.department, required: false },
    { ...COLUMN.team, required: false },
    { ...COLUMN.directNumber, required: false },
  ],
  // Login-less users (IP phones with a PIN, seed 004): no email, no role.
  "no-portal": [
    { ...COLUMN.firstName, required: true },
    { ...COLUMN.lastName, required: true },
    { ...COLUMN.extension, required: false },
    { ...COLUMN.site, required: false },
    { ...COLUMN.department, required: false },
    { ...COLUMN.team, required: false },
    { ...COLUMN.directNumber, required: false },
  ],
};

const squash = (header: string) => header.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** The position of each column in the file's header row. */
export type ColumnPositions = Partial<Record<ColumnKey, number>>;

/**
 * Matches a file's header row to the columns of the user type, or says in one sentence what is wrong: the columns that
 * are missing, the ones Gatehouse doesn't know (often the other user type's file), the ones given twice.
 */
export function matchColumns(type: ImportType, header: string[]): ColumnPositions {
  const columns = COLUMNS[type];
  const byName = new Map<string, ColumnKey>();
  for (const column of Object.values(COLUMN)) for (const name of [column.header, ...column.aliases]) byName.set(squash(name), column.key);
  const positions: ColumnPositions = {};
  const unknown: string[] = [];
  const twice: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (!name) return; // a trailing delimiter leaves an empty header: harmless
    const key = byName.get(squash(name));
    const column = key && columns.find((c) => c.key === key);
    if (!column) unknown.push(name);
    else if (positions[column.key] !== undefined) twice.push(column.header);
    else positions[column.key] = index;
  });
  const missing = columns.filter((c) => c.required && positions[c.key] === undefined).map((c) => c.header);
  if (!missing.length && !unknown.length && !twice.length) return positions;
  const expected = columns.map((c) => c.header).join(", ");
  const problems = [
    missing.length && `it has no ${list(missing)} column`,
    unknown.length && `Gatehouse doesn't know the column${unknown.length > 1 ? "s" : ""} ${list(unknown.map((u) => `"${u.slice(0, 40)}"`))}`,
    twice.length && `${list(twice)} ${twice.length > 1 ? "are" : "is"} there twice`,
  ].filter(Boolean);
  const otherType = type === "portal" ? "no-portal" : "portal";
  // The other type's file: its extra columns are unknown here, or (for Portal Access) it has no Email column.
  const looksLikeOther =
    unknown.some((u) => COLUMNS[otherType].some((c) => squash(c.header) === squash(u))) || (type === "portal" && missing.length === 1 && missing[0] === COLUMN.email.header);
  const hint = looksLikeOther ? ` Is this a ${IMPORT_TYPE_LABELS[otherType]} file? Choose that user type instead.` : "";
  throw new ValidationError(
    `The columns of this file don't match a ${IMPORT_TYPE_LABELS[type]} import: ${problems.join("; ")}. The first row must name the columns ${expected} (any order). Download the sample file to see them.${hint}`,
  );
}

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
