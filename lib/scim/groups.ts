import { and, asc, count, eq, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import { parse, type Filter } from "scim2-parse-filter";
import { scimPatch, type ScimPatchOperation } from "scim-patch";
import type { Executor } from "@/db";
import { member, team, type Team } from "@/db/schema";
import { recordAudit, recordAudits } from "../audit";
import { displayName } from "../members/format";
import { escapeLike } from "../sql-like";
import { lineOfText } from "../validation";
import { invalidValue, notFound, ScimError } from "./errors";
import { GROUP_SCHEMA, LIST_RESPONSE, PATCH_OP } from "./schema-ids";
import { directoryActor, pageParams, writing, type ScimRequest } from "./request";
import { assertResource } from "./user-mapping";

/**
 * SCIM Groups are the organization's teams (SPEC §4.16): a group's members are the team's people a token manages
 * (role Member); adding someone to a group moves them into that team, removing them leaves them in no team. Creating,
 * renaming and deleting a group creates, renames and deletes the team (its people then have no team). Everything is
 * audited as "Directory sync (token name)".
 */

const writingGroup = <T>(work: (tx: Executor) => Promise<T>) => writing(work, "Another team already has this displayName.");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type GroupMember = { id: string; firstName: string; lastName: string; extension: string | null };

function scimGroupOf(t: Team, members: GroupMember[] | null, baseUrl: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: t.id,
    displayName: t.name,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: displayName(m), $ref: `${baseUrl}/Users/${m.id}`, type: "User" })) } : {}),
    meta: { resourceType: "Group", created: t.createdAt.toISOString(), lastModified: t.updatedAt.toISOString(), location: `${baseUrl}/Groups/${t.id}`, version: `W/"${t.updatedAt.getTime()}"` },
  };
}

async function membersOf(db: Executor, teamIds: string[]): Promise<Map<string, GroupMember[]>> {
  const byTeam = new Map<string, GroupMember[]>(teamIds.map((id) => [id, []]));
  if (!teamIds.length) return byTeam;
  const rows = await db
    .select({ teamId: member.teamId, id: member.id, firstName: member.firstName, lastName: member.lastName, extension: member.extension })
    .from(member)
    .where(and(inArray(member.teamId, teamIds), eq(member.role, "member")))
    .orderBy(asc(member.lastName), asc(member.firstName), asc(member.id));
  for (const { teamId, ...m } of rows) byTeam.get(teamId!)?.push(m);
  return byTeam;
}

/** displayName eq/co/sw, id eq, and/or: what directories filter groups by. */
function groupCondition(filter: Filter): SQL {
  if (filter.op === "and" || filter.op === "or") {
    const parts = (filter as { filters: Filter[] }).filters.map(groupCondition);
    return (filter.op === "and" ? and(...parts) : or(...parts))!;
  }
  const { attrPath, compValue } = filter as { attrPath?: string; compValue?: unknown };
  const name = attrPath?.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/, "");
  if (name === "id" && filter.op === "eq" && typeof compValue === "string") return UUID.test(compValue) ? eq(team.id, compValue.toLowerCase()) : sql`false`;
  if (name === "displayname" && typeof compValue === "string") {
    const value = compValue.toLowerCase();
    if (filter.op === "eq") return sql`lower(${team.name}) = ${value}`;
    if (filter.op === "co") return sql`lower(${team.name}) like ${`%${escapeLike(value)}%`}`;
    if (filter.op === "sw") return sql`lower(${team.name}) like ${`${escapeLike(value)}%`}`;
  }
  throw new ScimError(400, 'Groups can be filtered by displayName (eq, co, sw) and id (eq).', "invalidFilter");
}

/** GET /Groups: filter, 1-based paging; `excludedAttributes=members` leaves the members out (Entra asks for that). */
export async function listScimGroups(db: Executor, request: ScimRequest, params: URLSearchParams) {
  const filter = params.get("filter")?.trim();
  let condition: SQL | undefined;
  if (filter) {
    try {
      condition = groupCondition(parse(filter));
    } catch (error) {
      if (error instanceof ScimError) throw error;
      throw new ScimError(400, `The filter can't be read: ${(error as Error).message}`, "invalidFilter");
    }
  }
  const where = and(eq(team.organizationId, request.caller.organizationId), condition)!;
  const { startIndex, size } = pageParams(params);
  const [[total], teams] = await Promise.all([
    db.select({ n: count() }).from(team).where(where),
    size ? db.select().from(team).where(where).orderBy(asc(team.createdAt), asc(team.id)).offset(startIndex - 1).limit(size) : Promise.resolve([]),
  ]);
  const withMembers = !/\bmembers\b/i.test(params.get("excludedAttributes") ?? "");
  const members = withMembers ? await membersOf(db, teams.map((t) => t.id)) : null;
  return {
    schemas: [LIST_RESPONSE],
    totalResults: total?.n ?? 0,
    startIndex,
    itemsPerPage: teams.length,
    Resources: teams.map((t) => scimGroupOf(t, members?.get(t.id) ?? null, request.baseUrl)),
  };
}

async function teamOf(db: Executor, organizationId: string, id: string, { lock = false } = {}): Promise<Team> {
  if (!UUID.test(id)) throw notFound("Group");
  const query = db.select().from(team).where(and(eq(team.id, id.toLowerCase()), eq(team.organizationId, organizationId)));
  const [found] = lock ? await query.for("update") : await query;
  if (!found) throw notFound("Group");
  return found;
}

export async function getScimGroup(db: Executor, request: ScimRequest, id: string, params?: URLSearchParams) {
  const found = await teamOf(db, request.caller.organizationId, id);
  const withMembers = !/\bmembers\b/i.test(params?.get("excludedAttributes") ?? "");
  return scimGroupOf(found, withMembers ? (await membersOf(db, [found.id])).get(found.id)! : null, request.baseUrl);
}

const groupName = lineOfText("displayName is required").min(1, "displayName is required").max(100, "displayName is longer than 100 characters");

function groupInput(body: unknown): { displayName: string; memberIds: string[] | undefined } {
  assertResource(body, GROUP_SCHEMA);
  const name = groupName.safeParse(body.displayName);
  if (!name.success) throw invalidValue(name.error.issues[0]!.message);
  return { displayName: name.data, memberIds: memberIdsOf(body.members) };
}

function memberIdsOf(members: unknown): string[] | undefined {
  if (members === undefined) return undefined;
  if (members === null) return [];
  if (!Array.isArray(members)) throw invalidValue("members must be a list of { value: <user id> }.");
  return members.map((m) => {
    const value = (m as { value?: unknown } | null)?.value;
    if (typeof value !== "string") throw invalidValue("members must be a list of { value: <user id> }.");
    return value.toLowerCase();
  });
}

/** POST /Groups: a new team, with the members it names moved into it. */
export async function createScimGroup(request: ScimRequest, body: unknown) {
  const input = groupInput(body);
  const now = request.now ?? new Date();
  return writingGroup(async (tx) => {
    const [created] = await tx.insert(team).values({ organizationId: request.caller.organizationId, name: input.displayName, createdAt: now, updatedAt: now }).returning();
    await recordAudit(tx, directoryActor(request.caller), {
      action: "team.create",
      organizationId: request.caller.organizationId,
      target: { type: "team", id: created!.id },
      details: { name: created!.name, via: "directory sync" },
      ip: request.ip,
      userAgent: request.userAgent,
      at: now,
    });
    const skipped = input.memberIds ? await setMembers(tx, request, created!, input.memberIds) : [];
    return { group: await getScimGroup(tx, request, created!.id), skipped };
  });
}

/** PUT /Groups/{id}: its name and its whole member list. */
export async function replaceScimGroup(request: ScimRequest, id: string, body: unknown) {
  const input = groupInput(body);
  return writingGroup(async (tx) => {
    const current = await teamOf(tx, request.caller.organizationId, id, { lock: true });
    await rename(tx, request, current, input.displayName);
    const skipped = input.memberIds ? await setMembers(tx, request, current, input.memberIds) : [];
    return { group: await getScimGroup(tx, request, current.id), skipped };
  });
}

/**
 * PATCH /Groups/{id}: Entra's `{"op": "Add", "path": "members", "value": [{"value": "<id>"}]}` and "Remove" (with a
 * value list or a `members[value eq "<id>"]` path), Okta's path-less replace of displayName; applied by scim-patch
 * to the group as SCIM shows it, and the difference written.
 */
export async function patchScimGroup(request: ScimRequest, id: string, body: unknown) {
  assertResource(body, PATCH_OP);
  const operations = (body as { Operations?: unknown }).Operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError(400, '"Operations" must be a non-empty array.', "invalidSyntax");
  const normalized = operations.map((operation, i) => {
    const { op, path, value } = (operation ?? {}) as { op?: unknown; path?: unknown; value?: unknown };
    const verb = typeof op === "string" ? op.toLowerCase() : "";
    if (verb !== "add" && verb !== "replace" && verb !== "remove") throw new ScimError(400, `Operation ${i + 1}: "op" must be add, replace or remove.`, "invalidSyntax");
    const root = typeof path === "string" ? path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/i, "").split(/[.[]/)[0]!.toLowerCase() : undefined;
    const keys = root === undefined && value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value).map((k) => k.toLowerCase()) : [root ?? ""];
    for (const key of keys) {
      if (!["members", "displayname", "externalid", "id", "schemas"].includes(key)) throw new ScimError(400, `Operation ${i + 1}: "${key}" is not an attribute of a Group.`, "invalidPath");
    }
    // Entra removes members by listing them (`"value": [{"$ref": null, "value": "<id>"}]`): compare their ids only.
    if (verb === "remove" && root === "members" && path === "members" && Array.isArray(value)) {
      return memberIdsOf(value)!
        .filter((memberId) => UUID.test(memberId))
        .map((memberId) => ({ op: "remove", path: `members[value eq "${memberId}"]` }) as ScimPatchOperation);
    }
    return [{ op: verb, ...(path !== undefined ? { path } : {}), ...(value !== undefined ? { value } : {}) } as ScimPatchOperation];
  }).flat();
  return writingGroup(async (tx) => {
    const current = await teamOf(tx, request.caller.organizationId, id, { lock: true });
    const resource = scimGroupOf(current, (await membersOf(tx, [current.id])).get(current.id)!, request.baseUrl);
    let patched: { displayName?: unknown; members?: unknown };
    try {
      patched = scimPatch(structuredClone(resource) as unknown as Parameters<typeof scimPatch>[0], normalized, { mutateDocument: true, treatMissingAsAdd: true }) as typeof patched;
    } catch (error) {
      throw new ScimError(400, (error as Error).message, "invalidValue");
    }
    const name = groupName.safeParse(patched.displayName);
    if (!name.success) throw invalidValue(name.error.issues[0]!.message);
    await rename(tx, request, current, name.data);
    const skipped = await setMembers(tx, request, current, memberIdsOf(patched.members ?? []) ?? []);
    return { group: await getScimGroup(tx, request, current.id), skipped };
  });
}

/** DELETE /Groups/{id}: the team goes; its people stay, in no team. */
export async function deleteScimGroup(request: ScimRequest, id: string) {
  const now = request.now ?? new Date();
  return writingGroup(async (tx) => {
    const current = await teamOf(tx, request.caller.organizationId, id, { lock: true });
    const moved = await tx.update(member).set({ teamId: null, updatedAt: now }).where(eq(member.teamId, current.id)).returning({ id: member.id });
    await tx.delete(team).where(eq(team.id, current.id));
    await recordAudit(tx, directoryActor(request.caller), {
      action: "team.delete",
      organizationId: request.caller.organizationId,
      target: { type: "team", id: current.id },
      details: { name: current.name, movedMembers: moved.length, movedTo: null, via: "directory sync" },
      ip: request.ip,
      userAgent: request.userAgent,
      at: now,
    });
    return { skipped: [] as string[] };
  });
}

async function rename(tx: Executor, request: ScimRequest, current: Team, name: string) {
  if (name === current.name) return;
  const now = request.now ?? new Date();
  await tx.update(team).set({ name, updatedAt: now }).where(eq(team.id, current.id));
  await recordAudit(tx, directoryActor(request.caller), {
    action: "team.rename",
    organizationId: request.caller.organizationId,
    target: { type: "team", id: current.id },
    details: { changes: { name: { from: current.name, to: name } }, via: "directory sync" },
    ip: request.ip,
    userAgent: request.userAgent,
    at: now,
  });
}

/**
 * Makes the team's Member-role people exactly these: the ones added move into it from wherever they were, the ones
 * left out leave it for no team. Ids that aren't the organization's Member-role people (an admin, a typo, someone
 * else's) are skipped and returned, so one stranger doesn't fail a whole group.
 */
async function setMembers(tx: Executor, request: ScimRequest, current: Team, wanted: string[]): Promise<string[]> {
  const now = request.now ?? new Date();
  const valid = [...new Set(wanted.filter((id) => UUID.test(id)))];
  const managed = valid.length
    ? await tx
        .select({ id: member.id, teamId: member.teamId })
        .from(member)
        .where(and(inArray(member.id, valid), eq(member.organizationId, request.caller.organizationId), eq(member.role, "member")))
    : [];
  const managedIds = new Set(managed.map((m) => m.id));
  const skipped = [...new Set(wanted)].filter((id) => !managedIds.has(id));
  const joining = managed.filter((m) => m.teamId !== current.id);
  const leaving = await tx
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.teamId, current.id), eq(member.role, "member"), managed.length ? notInArray(member.id, [...managedIds]) : undefined));
  if (joining.length) await tx.update(member).set({ teamId: current.id, updatedAt: now }).where(inArray(member.id, joining.map((m) => m.id)));
  if (leaving.length) await tx.update(member).set({ teamId: null, updatedAt: now }).where(inArray(member.id, leaving.map((m) => m.id)));
  const entry = (id: string, from: string | null, to: string | null) => ({
    action: "member.update",
    organizationId: request.caller.organizationId,
    target: { type: "member" as const, id },
    details: { changes: { teamId: { from, to } }, via: "directory sync" },
    ip: request.ip,
    userAgent: request.userAgent,
    at: now,
  });
  const entries = [...joining.map((m) => entry(m.id, m.teamId, current.id)), ...leaving.map((m) => entry(m.id, current.id, null))];
  if (entries.length) await recordAudits(tx, directoryActor(request.caller), entries);
  return skipped;
}
