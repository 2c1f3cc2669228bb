import { randomUUID } from "node:crypto";
import type { Role } from "@/db/schema";
import type { MemberActor } from "../actor";
import { ROLE_LABELS, ROLES } from "../members/labels";
import { proposeLoginName } from "../members/login-name";
import { normalizeDirectNumber } from "../members/phone";
import { can, grantableRoles } from "../permissions";
import { emailAddress, hiddenCharactersProblem } from "../validation";
import { COLUMNS, type ColumnKey, type ColumnPositions, type ImportType } from "./columns";
import { unescapeFormula } from "./write-csv";

/** One problem of one row, where a manager finds it: the file's line, the column's header, what it says. */
export type RowError = { line: number; column: string; message: string; /** Whose row it is, as the file names them. */ name?: string };

/**
 * A spreadsheet cell as one line: Excel's Alt+Enter puts a line break inside a cell, and a pasted value may carry a
 * tab; both read as a space to the person who typed them ("Front⏎Desk" is "Front Desk"). Other hidden characters stay,
 * for the row's checks to refuse.
 */
const oneLine = (cell: string) => (LINE_OR_TAB.test(cell) ? cell.replace(/\s*[\t\n\r\v\f]+\s*/g, " ") : cell).trim();
const LINE_OR_TAB = /[\t\n\r\v\f]/;

/** A valid row as it will be written (member columns, snake case: it goes to PostgreSQL as JSON). */
export type ImportedMember = {
  extension: string | null;
  first_name: string;
  last_name: string;
  login_name: string | null;
  role: Role;
  site_id: string | null;
  department: string | null;
  team_id: string | null;
  direct_number: string | null;
  portal_access: boolean;
  primary_email: string | null;
};

export type CheckContext = {
  actor: MemberActor;
  type: ImportType;
  organizationSlug: string;
  /** The organization's sites and teams by lower-cased name. */
  sites: Map<string, { id: string; name: string }>;
  teams: Map<string, { id: string; name: string }>;
  /**
   * Whether the importer may create sites and teams (SPEC §4.15): then a name the organization doesn't have is a new
   * place the preview offers to create, instead of an error on the row.
   */
  mayCreatePlaces: boolean;
  /** Extensions the organization already uses. */
  extensionsInUse: Set<string>;
  /**
   * Login names of the organization's members. Every proposal ends with its short name, which no other organization
   * has, so these are all a proposal can clash with outside the file (SPEC §2: unique system-wide).
   */
  loginNamesInUse: Set<string>;
};

const NAME_MAX = 100;
/** New sites (and teams) one file may bring: more is a typo in a column or the wrong column, not an organization. */
export const MAX_NEW_PLACES = 50;

// The role column takes the words managers use (seed 002's titles) as well as our own.
const ROLE_WORDS = new Map<string, Role>([
  ...ROLES.map((r) => [r.replace("_", " "), r] as const),
  ...ROLES.map((r) => [ROLE_LABELS[r].toLowerCase(), r] as const),
  ["admin", "admin"],
  ["administrator", "admin"],
  ["supervisor", "supervisor"],
  ["agent", "member"],
  ["basic user", "member"],
  ["user", "member"],
]);

const NO_TEAM = new Set(["", "no team", "none"]);
const emailSchema = emailAddress("Enter the email address: Portal Access users need one");

/**
 * Checks the rows of one import file against the rules of Create (SPEC §4.4, §4.5) and against each other: every
 * problem of a row is reported (not only its first), each with its line and column. Login names are proposed as on
 * Create, unique across the file and the organization (loginNameFor).
 */
export class RowChecker {
  private readonly columns;
  private readonly grantable: Role[];
  /** Extension → the line that first used it, to name it when another row uses it again. */
  private readonly extensionsInFile = new Map<string, number>();
  /** Login names taken: the organization's, then each one this file's rows get. */
  private readonly loginNames: Set<string>;
  /** Name-based login name → the number its next row tries ("dana.reyes" → 3 once dana.reyes2 is given). */
  private readonly nextNumber = new Map<string, number>();
  /**
   * Sites and teams the file names that don't exist yet, by lower-cased name, each given its id now (as the first row
   * spells it), so valid rows are staged with it and "Create them and import" creates the place under that id.
   */
  readonly newPlaces = { site: new Map<string, { id: string; name: string }>(), team: new Map<string, { id: string; name: string }>() };
  /** The ids of new places that a valid row names: only those are offered ("Create them and import"). */
  private readonly newPlaceIdsInUse = new Set<string>();

  constructor(
    private readonly context: CheckContext,
    private readonly positions: ColumnPositions,
    private readonly width: number,
  ) {
    this.columns = COLUMNS[context.type];
    this.grantable = grantableRoles(context.actor);
    this.loginNames = new Set(context.loginNamesInUse);
  }

  check(line: number, values: string[]): { member: ImportedMember } | { errors: RowError[] } {
    if (values.length !== this.width) {
      const message =
        values.length > this.width
          ? `This row has ${values.length} values but the file has ${this.width} columns: a value may hold an unquoted comma or semicolon. Put quotes around it, or remove the extra value.`
          : `This row has ${values.length} values but the file has ${this.width} columns: some are missing. Leave an empty value for a column that doesn't apply.`;
      return { errors: [{ line, column: "Whole row", message }] };
    }
    // No closures made per row: at 100,000 rows they are a measurable share of the check (SPEC §7).
    const errors: RowError[] = [];
    const problem = (key: ColumnKey, message: string) => errors.push({ line, column: this.header(key), message });
    const value = (key: ColumnKey) => this.cell(values, key);

    const firstName = this.name(value("firstName"), "first name", "firstName", problem);
    const lastName = this.name(value("lastName"), "last name", "lastName", problem);

    let email: string | null = null;
    if (this.context.type === "portal") {
      const parsed = emailSchema.safeParse(value("email"));
      if (parsed.success) email = parsed.data;
      else problem("email", parsed.error.issues[0]!.message);
    }

    const extension = value("extension") || null;
    if (extension !== null) {
      if (!/^\d{2,8}$/.test(extension)) problem("extension", "Use 2 to 8 digits for the extension, e.g. 201.");
      else if (this.context.extensionsInUse.has(extension)) problem("extension", `Extension ${extension} is already in use in your organization.`);
      else if (this.extensionsInFile.has(extension)) problem("extension", `Extension ${extension} is also on line ${this.extensionsInFile.get(extension)} of this file.`);
      else this.extensionsInFile.set(extension, line);
    }

    const role = this.role(value("role"), problem);

    const siteName = value("site");
    const site = siteName ? this.place("site", siteName, problem) : undefined;
    const teamName = value("team");
    const team = NO_TEAM.has(teamName.toLowerCase()) ? undefined : this.place("team", teamName, problem);

    const department = value("department") || null;
    const departmentProblem = department && hiddenCharactersProblem(department);
    if (departmentProblem) problem("department", `${departmentProblem} from the department.`);
    else if (department && longerThan(department, NAME_MAX)) problem("department", `Use at most ${NAME_MAX} characters for the department.`);

    const typedNumber = value("directNumber");
    const directNumber = typedNumber ? normalizeDirectNumber(typedNumber) : null;
    if (typedNumber && !directNumber) problem("directNumber", "Enter a phone number with its area code, e.g. +1 415 555 0123.");

    // The member as it will be must be one the importer may create (SPEC §3): a role they may grant, on their sites.
    if (role && (site || !siteName)) {
      const target = { organizationId: this.context.actor.organizationId, role, siteId: site?.id ?? null, teamId: team?.id ?? null };
      if (!can(this.context.actor, "member.import", target)) {
        if (this.context.actor.role === "site_manager") problem("site", "You can import members of the sites you manage only: choose one of them.");
        else problem("role", `You can't import members with the ${ROLE_LABELS[role]} role.`);
      }
    }

    if (errors.length) return { errors };
    const portal = this.context.type === "portal";
    let loginName: string | null = null;
    if (portal) {
      loginName = this.loginNameFor(extension, firstName!, lastName!);
      if (!loginName) return { errors: [{ line, column: this.header("extension"), message: `The login name ${extension}@${this.context.organizationSlug} is already taken: give this member another extension.` }] };
    }
    if (site && this.isPlanned("site", site)) this.newPlaceIdsInUse.add(site.id);
    if (team && this.isPlanned("team", team)) this.newPlaceIdsInUse.add(team.id);
    return {
      member: {
        extension,
        first_name: firstName!,
        last_name: lastName!,
        login_name: loginName,
        role: role!,
        site_id: site?.id ?? null,
        department,
        team_id: team?.id ?? null,
        direct_number: directNumber,
        portal_access: portal,
        primary_email: email,
      },
    };
  }

  /**
   * The login name as on Create: `201@acme`, or `dana.reyes@acme` when there is no extension, with a number added
   * when that one is taken (`dana.reyes2@acme`). Null when an extension's login name is taken (a member whose
   * extension changed since): a number would make it look like another extension's.
   */
  private loginNameFor(extension: string | null, firstName: string, lastName: string): string | null {
    const slug = this.context.organizationSlug;
    const proposed = proposeLoginName({ extension, firstName, lastName, organizationSlug: slug });
    let name = proposed;
    if (this.loginNames.has(name)) {
      if (extension) return null;
      const local = proposed.slice(0, -(slug.length + 1));
      // Numbering goes on where this name's last row left it, so 10,000 rows of one name cost one step each, not a
      // walk past every number already given (only names taken outside this sequence are stepped over).
      let n = this.nextNumber.get(local) ?? 2;
      while (this.loginNames.has(`${local}${n}@${slug}`)) n++;
      this.nextNumber.set(local, n + 1);
      name = `${local}${n}@${slug}`;
    }
    this.loginNames.add(name);
    return name;
  }

  /**
   * The site or team a row names: the organization's, whatever the case; otherwise, for someone who may create places,
   * a new one (one per name, at most MAX_NEW_PLACES a file); otherwise an error naming the ones there are.
   */
  private place(kind: "site" | "team", name: string, report: (key: ColumnKey, message: string) => void): { id: string; name: string } | undefined {
    const key = name.toLowerCase();
    const existing = (kind === "site" ? this.context.sites : this.context.teams).get(key);
    if (existing) return existing;
    if (!this.context.mayCreatePlaces) {
      const known = kind === "site" ? this.context.sites : this.context.teams;
      report(kind, `There is no ${kind} named "${clip(name)}". Use one of: ${namesOf(known)}${kind === "team" ? ", or No Team" : ""}.`);
      return undefined;
    }
    const created = this.newPlaces[kind];
    const planned = created.get(key);
    if (planned) return planned;
    const hidden = hiddenCharactersProblem(name);
    if (hidden) report(kind, `${hidden} from the ${kind}.`);
    else if (longerThan(name, NAME_MAX)) report(kind, `Use at most ${NAME_MAX} characters for a ${kind} name (this one has ${[...name].length}).`);
    else if (created.size >= MAX_NEW_PLACES) {
      report(kind, `This file names more than ${MAX_NEW_PLACES} ${kind}s that don't exist yet. Create them under Organization → ${kind === "site" ? "Sites" : "Teams"} first, or check the names.`);
    } else {
      const place = { id: randomUUID(), name };
      created.set(key, place);
      return place;
    }
    return undefined;
  }

  private isPlanned(kind: "site" | "team", place: { id: string; name: string }): boolean {
    return this.newPlaces[kind].get(place.name.toLowerCase()) === place;
  }

  /** The new sites and teams the valid rows name, by name: what the preview lists and the import creates. */
  newPlacesInUse(): { sites: { id: string; name: string }[]; teams: { id: string; name: string }[] } {
    const inUse = (kind: "site" | "team") =>
      [...this.newPlaces[kind].values()].filter((p) => this.newPlaceIdsInUse.has(p.id)).sort((a, b) => a.name.localeCompare(b.name));
    return { sites: inUse("site"), teams: inUse("team") };
  }

  /** "Dana Reyes", as the row names the person, to find the row in the spreadsheet by more than its line. */
  nameOf(values: string[]): string {
    const at = (key: ColumnKey) => (this.positions[key] === undefined ? "" : oneLine(values[this.positions[key]!] ?? ""));
    return `${at("firstName")} ${at("lastName")}`.trim().slice(0, 80);
  }

  /** A value our own download escaped ("'=…", "'+1 415…") comes back as it was when that file is uploaded again. */
  private cell(values: string[], key: ColumnKey): string {
    const at = this.positions[key];
    return at === undefined ? "" : unescapeFormula(oneLine(values[at]!));
  }

  private header(key: ColumnKey): string {
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  private name(text: string, label: string, key: ColumnKey, report: (key: ColumnKey, message: string) => void): string | null {
    const hidden = text && hiddenCharactersProblem(text);
    if (!text) report(key, `Enter the ${label}.`);
    else if (hidden) report(key, `${hidden} from the ${label}.`);
    else if (longerThan(text, NAME_MAX)) report(key, `Use at most ${NAME_MAX} characters for the ${label} (this one has ${[...text].length}).`);
    else return text;
    return null;
  }

  private role(text: string, report: (key: "role", message: string) => void): Role | null {
    if (this.context.type === "no-portal" || !text) return "member";
    const role = ROLE_WORDS.get(text.toLowerCase().replace(/[\s_-]+/g, " ").trim());
    if (!role) {
      report("role", `"${clip(text)}" isn't a role. Use one of: ${ROLES.map((r) => ROLE_LABELS[r]).join(", ")}.`);
      return null;
    }
    if (!this.grantable.includes(role)) {
      report("role", `You can't give the ${ROLE_LABELS[role]} role${this.grantable.length ? `: use ${this.grantable.map((r) => ROLE_LABELS[r]).join(", ")}` : ""}.`);
      return null;
    }
    return role;
  }
}

/** More than `max` characters as people count them (code points); a string of `max` UTF-16 units or fewer never is. */
const longerThan = (text: string, max: number) => text.length > max && [...text].length > max;
const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const namesOf = (byName: Map<string, { name: string }>) => (byName.size ? [...byName.values()].map((v) => v.name).join(", ") : "(your organization has none yet)");
