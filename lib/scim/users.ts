import { randomInt } from "node:crypto";
import { and, asc, count, eq, ilike, like, ne, or, sql, type SQL } from "drizzle-orm";
import { scimPatch, type ScimPatchOperation } from "scim-patch";
import type { Executor } from "@/db";
import { member, organization, site, team, type Member } from "@/db/schema";
import { recordAudit } from "../audit";
import { fullName } from "../members/format";
import { proposeLoginName } from "../members/login-name";
import { applyStatusChange } from "../members/member-status";
import { queueLinkEmails } from "../onboarding/link-emails";
import { escapeLike } from "../sql-like";
import { revokeOpenTokens } from "../tokens";
import { invalidValue, notFound, ScimError } from "./errors";
import { LIST_RESPONSE, PATCH_OP, USER_SCHEMA } from "./schema-ids";
import { directoryActor, pageParams, writing, type ScimRequest } from "./request";
import { userFilterCondition } from "./user-filter";
import { assertResource, directoryFieldsOf, scimUserOf, type DirectoryFields, type ScimMember, type ScimUser } from "./user-mapping";
import { assertKnownUserPaths } from "./user-paths";

/**
 * The SCIM Users endpoint (RFC 7644 §3) on an organization's members. A token sees and changes the members whose role
 * is Member, never owners, admins, site managers or supervisors (SPEC §4.16), and only in its own organization; the
 * others don't exist for it. Every change is audited as "Directory sync (token name)", in the change's transaction.
 */

type Written = { user: ScimUser; memberId: string; status: 200 | 201 };

const writingUser = <T>(work: (tx: Executor) => Promise<T>) => writing(work, "Another user already has this userName, externalId, extension or login name.");
const inScope = (organizationId: string) => and(eq(member.organizationId, organizationId), eq(member.role, "member"))!;

async function scimMembers(db: Executor, where: SQL, page?: { offset: number; limit: number }): Promise<ScimMember[]> {
  const query = db
    .select({ member, siteName: site.name, teamName: team.name })
    .from(member)
    .leftJoin(site, eq(site.id, member.siteId))
    .leftJoin(team, eq(team.id, member.teamId))
    .where(where)
    .orderBy(asc(member.createdAt), asc(member.id));
  const rows = page ? await query.offset(page.offset).limit(page.limit) : await query;
  return rows.map((r) => ({ ...r.member, siteName: r.siteName, teamName: r.teamName }));
}

/** GET /Users: `filter`, `startIndex` (1-based) and `count` (at most 200), oldest first so pages stay put. */
export async function listScimUsers(db: Executor, request: ScimRequest, params: URLSearchParams) {
  const where = and(inScope(request.caller.organizationId), userFilterCondition(params.get("filter")))!;
  const { startIndex, size } = pageParams(params);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(member).where(where),
    size ? scimMembers(db, where, { offset: startIndex - 1, limit: size }) : Promise.resolve([]),
  ]);
  return {
    schemas: [LIST_RESPONSE],
    totalResults: total?.n ?? 0,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((m) => scimUserOf(m, request.baseUrl)),
  };
}

async function scimMember(db: Executor, organizationId: string, id: string, { lock = false } = {}): Promise<ScimMember> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound("User");
  const query = db
    .select({ member, siteName: site.name, teamName: team.name })
    .from(member)
    .leftJoin(site, eq(site.id, member.siteId))
    .leftJoin(team, eq(team.id, member.teamId))
    .where(and(inScope(organizationId), eq(member.id, id.toLowerCase())));
  // Locked in the same statement when it is about to change: two PATCHes of one person take turns.
  const [found] = lock ? await query.for("update", { of: member }) : await query;
  if (!found) throw notFound("User");
  return { ...found.member, siteName: found.siteName, teamName: found.teamName };
}

export async function getScimUser(db: Executor, request: ScimRequest, id: string) {
  return scimUserOf(await scimMember(db, request.caller.organizationId, id), request.baseUrl);
}

/** POST /Users: a new member, "Pending" (or "Disabled" when sent inactive), welcomed by email if the organization says so. */
export async function createScimUser(request: ScimRequest, body: unknown): Promise<Written> {
  assertResource(body, USER_SCHEMA);
  const fields = directoryFieldsOf(body);
  if (!fields.email) throw invalidValue("emails: a work email address is required: the welcome email and password resets go to it.");
  if (!fields.firstName) throw invalidValue("name.givenName is required.");
  const { caller } = request;
  const now = request.now ?? new Date();
  return writingUser(async (tx) => {
    await assertUnique(tx, caller.organizationId, fields);
    const placement = await placementOf(tx, caller.organizationId, fields);
    // A login name made from the person's name may be reached by another create at the same moment (a directory
    // adding two Dana Reyeses at once): the insert then waits for it, writes nothing, and the next free one is taken.
    let created: Member | undefined;
    for (let attempt = 1; !created; attempt++) {
      if (attempt > 10) throw new ScimError(409, "No free login name could be made for this user: send a userName that is one.", "uniqueness");
      const loginName = await loginNameFor(tx, caller, fields, attempt);
      [created] = await tx
        .insert(member)
        .values({
          organizationId: caller.organizationId,
          firstName: fields.firstName,
          lastName: fields.lastName,
          extension: fields.extension ?? null,
          loginName,
          role: "member",
          siteId: placement.siteId ?? null,
          department: fields.department ?? null,
          directNumber: fields.directNumber ?? null,
          portalAccess: true,
          status: fields.active ? "pending" : "disabled",
          primaryEmail: fields.email,
          externalId: fields.externalId ?? null,
          directoryUserName: fields.userName,
          directoryTokenId: caller.tokenId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: member.loginName })
        .returning();
    }
    const actor = directoryActor(caller);
    await recordAudit(tx, actor, {
      action: "member.create",
      organizationId: caller.organizationId,
      target: { type: "member", id: created!.id },
      details: { name: fullName(created!), extension: created!.extension, role: "member", loginName: created.loginName, portalAccess: true, via: "directory sync" },
      ip: request.ip,
      userAgent: request.userAgent,
      at: now,
    });
    if (caller.welcomeOnProvision && fields.active) {
      const [org] = await tx.select().from(organization).where(eq(organization.id, caller.organizationId));
      await queueLinkEmails(tx, { organization: org!, recipients: [created!], purpose: "invite", actor, ip: request.ip, userAgent: request.userAgent, now });
    }
    return { user: scimUserOf({ ...created!, siteName: placement.siteName ?? null, teamName: null }, request.baseUrl), memberId: created!.id, status: 201 };
  });
}

/** PUT /Users/{id}: the directory's whole view of the member (Okta's way). Optional fields it leaves out stay as they are. */
export async function replaceScimUser(request: ScimRequest, id: string, body: unknown): Promise<Written> {
  assertResource(body, USER_SCHEMA);
  const fields = directoryFieldsOf(body);
  return writingUser(async (tx) => {
    const current = await scimMember(tx, request.caller.organizationId, id, { lock: true });
    return applyDirectoryFields(tx, request, current, fields);
  });
}

/**
 * PATCH /Users/{id} (Entra's way): the operations are applied by scim-patch to the member as SCIM shows them (so
 * `"op": "Replace"`, `emails[type eq "work"].value` and a path-less value object all work), and the result is read
 * back like a PUT. Paths outside the User schema are refused, and nothing is written.
 */
export async function patchScimUser(request: ScimRequest, id: string, body: unknown): Promise<Written> {
  const operations = patchOperations(body);
  return writingUser(async (tx) => {
    const current = await scimMember(tx, request.caller.organizationId, id, { lock: true });
    let patched: unknown;
    try {
      const resource = structuredClone(scimUserOf(current, request.baseUrl)) as unknown as Parameters<typeof scimPatch>[0];
      patched = scimPatch(resource, operations, { mutateDocument: true, treatMissingAsAdd: true });
    } catch (error) {
      const scimType = (error as { scimCode?: string }).scimCode;
      throw new ScimError(400, (error as Error).message, scimType === "noTarget" || scimType === "invalidPath" || scimType === "invalidValue" ? scimType : "invalidValue");
    }
    return applyDirectoryFields(tx, request, current, directoryFieldsOf(patched));
  });
}

/** DELETE /Users/{id}: the member is disabled (sessions end, links stop), never deleted; re-activation brings them back. */
export async function deleteScimUser(request: ScimRequest, id: string): Promise<{ memberId: string }> {
  return writingUser(async (tx) => {
    const current = await scimMember(tx, request.caller.organizationId, id, { lock: true });
    await setActive(tx, request, current, false);
    return { memberId: current.id };
  });
}

function patchOperations(body: unknown): ScimPatchOperation[] {
  assertResource(body, PATCH_OP);
  const operations = (body as { Operations?: unknown }).Operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError(400, '"Operations" must be a non-empty array.', "invalidSyntax");
  if (operations.length > 100) throw new ScimError(400, "At most 100 operations a request.", "tooMany");
  return operations.map((operation, i) => {
    if (typeof operation !== "object" || operation === null) throw new ScimError(400, `Operation ${i + 1} must be an object.`, "invalidSyntax");
    const { op, path, value } = operation as { op?: unknown; path?: unknown; value?: unknown };
    const normalized = typeof op === "string" ? op.toLowerCase() : "";
    if (normalized !== "add" && normalized !== "replace" && normalized !== "remove") {
      throw new ScimError(400, `Operation ${i + 1}: "op" must be add, replace or remove.`, "invalidSyntax");
    }
    if (path !== undefined && typeof path !== "string") throw new ScimError(400, `Operation ${i + 1}: "path" must be a string.`, "invalidPath");
    assertKnownUserPaths(path, value, i + 1);
    return { op: normalized, ...(path !== undefined ? { path } : {}), ...(value !== undefined ? { value } : {}) } as ScimPatchOperation;
  });
}

/** The member's fields as the directory now has them: what changed is written and audited, the rest left alone. */
async function applyDirectoryFields(tx: Executor, request: ScimRequest, current: ScimMember, fields: DirectoryFields): Promise<Written> {
  const { caller } = request;
  const now = request.now ?? new Date();
  if (!fields.firstName) throw invalidValue("name.givenName is required.");
  const uniqueChanged =
    (fields.externalId !== undefined && fields.externalId !== current.externalId) ||
    fields.userName.toLowerCase() !== current.directoryUserName?.toLowerCase() ||
    (fields.extension !== undefined && fields.extension !== current.extension);
  if (uniqueChanged) await assertUnique(tx, caller.organizationId, fields, current.id);
  const placement = fields.siteName?.toLowerCase() === current.siteName?.toLowerCase() ? { siteId: undefined } : await placementOf(tx, caller.organizationId, fields);
  const next: Partial<Member> = {
    firstName: fields.firstName,
    lastName: fields.lastName,
    ...(fields.email ? { primaryEmail: fields.email } : {}),
    ...(fields.extension !== undefined ? { extension: fields.extension } : {}),
    ...(placement.siteId !== undefined ? { siteId: placement.siteId } : {}),
    ...(fields.department !== undefined ? { department: fields.department } : {}),
    ...(fields.directNumber !== undefined ? { directNumber: fields.directNumber } : {}),
    ...(fields.externalId !== undefined ? { externalId: fields.externalId } : {}),
    directoryUserName: fields.userName,
  };
  const changed = (Object.keys(next) as (keyof Member)[]).filter((key) => next[key] !== current[key]);
  const adopted = current.directoryTokenId !== caller.tokenId;
  if (changed.length || adopted) {
    const emailChanged = changed.includes("primaryEmail");
    await tx
      .update(member)
      .set({ ...next, ...(emailChanged ? { primaryEmailProblem: null } : {}), directoryTokenId: caller.tokenId, updatedAt: now })
      .where(eq(member.id, current.id));
    // As when a manager changes it: the links sent to the old address stop working.
    if (emailChanged) await revokeOpenTokens(tx, [current.id], now, ["invite", "reset", "email-undo"]);
    const audited = changed.filter((key) => key !== "directoryUserName" && key !== "externalId");
    if (audited.length) {
      await recordAudit(tx, directoryActor(caller), {
        action: "member.update",
        organizationId: caller.organizationId,
        target: { type: "member", id: current.id },
        details: { changes: Object.fromEntries(audited.map((key) => [key, { from: current[key], to: next[key] }])), via: "directory sync" },
        ip: request.ip,
        userAgent: request.userAgent,
        at: now,
      });
    }
  }
  const status = await setActive(tx, request, current, fields.active);
  const siteName = placement.siteId === undefined ? current.siteName : (placement.siteName ?? null);
  const after: ScimMember = { ...current, ...next, siteName, status, ...(changed.length || adopted ? { directoryTokenId: caller.tokenId, updatedAt: now } : {}) };
  return { user: scimUserOf(after, request.baseUrl), memberId: current.id, status: 200 };
}

/** `active: false` disables (sessions end, links stop); `true` brings a disabled member back as they were. */
async function setActive(tx: Executor, request: ScimRequest, current: Member, active: boolean): Promise<Member["status"]> {
  const now = request.now ?? new Date();
  if (active === (current.status !== "disabled")) return current.status;
  const changed = await applyStatusChange(tx, [current.id], active ? "enabled" : "disabled", now);
  if (!changed.length) return current.status;
  await recordAudit(tx, directoryActor(request.caller), {
    action: active ? "member.enable" : "member.disable",
    organizationId: request.caller.organizationId,
    target: { type: "member", id: current.id },
    details: { via: "directory sync" },
    ip: request.ip,
    userAgent: request.userAgent,
    at: now,
  });
  return active ? (current.confirmedAt ? "active" : "pending") : "disabled";
}

/** externalId and userName are unique in the organization, and so is an extension: 409 `uniqueness` otherwise (one query). */
async function assertUnique(tx: Executor, organizationId: string, fields: DirectoryFields, exceptId?: string) {
  const userName = fields.userName.toLowerCase();
  const taken = await tx
    .select({ externalId: member.externalId, userName: sql<string | null>`lower(${member.directoryUserName})`, extension: member.extension })
    .from(member)
    .where(
      and(
        eq(member.organizationId, organizationId),
        exceptId ? ne(member.id, exceptId) : undefined,
        or(
          fields.externalId ? eq(member.externalId, fields.externalId) : undefined,
          sql`lower(${member.directoryUserName}) = ${userName}`,
          fields.extension ? eq(member.extension, fields.extension) : undefined,
        ),
      ),
    )
    .limit(3);
  if (fields.externalId && taken.some((t) => t.externalId === fields.externalId)) throw new ScimError(409, `externalId "${fields.externalId}" is already another user's.`, "uniqueness");
  if (taken.some((t) => t.userName === userName)) throw new ScimError(409, `userName "${fields.userName}" is already another user's.`, "uniqueness");
  if (fields.extension && taken.some((t) => t.extension === fields.extension)) throw new ScimError(409, `Extension ${fields.extension} is already another user's.`, "uniqueness");
}

/** The site the Gatehouse extension names, by name; unknown names are refused rather than guessed. */
async function placementOf(tx: Executor, organizationId: string, fields: DirectoryFields): Promise<{ siteId: string | null | undefined; siteName?: string | null }> {
  if (fields.siteName === undefined) return { siteId: undefined };
  if (fields.siteName === null) return { siteId: null, siteName: null };
  const [found] = await tx
    .select({ id: site.id, name: site.name })
    .from(site)
    .where(and(eq(site.organizationId, organizationId), ilike(site.name, escapeLike(fields.siteName))))
    .limit(1);
  if (!found) throw invalidValue(`site: no site is named "${fields.siteName}" in this organization.`);
  return { siteId: found.id, siteName: found.name };
}

/**
 * The login name of a new member: made as on Create when the userName is an email address (`201@acme`,
 * `dana.reyes@acme`, or `dana.reyes2@acme` when that is taken); else the userName itself, given the organization's
 * short name if it has none (409 when taken).
 */
async function loginNameFor(tx: Executor, caller: ScimRequest["caller"], fields: DirectoryFields, attempt = 1): Promise<string> {
  const suffix = `@${caller.organizationSlug}`;
  const userName = fields.userName.toLowerCase();
  if (!userName.includes("@") || userName.endsWith(suffix)) {
    const wanted = userName.includes("@") ? userName : `${userName}${suffix}`;
    if (!/^[a-z0-9._-]+@[a-z0-9-]+$/.test(wanted)) throw invalidValue(`userName "${fields.userName}" can't be a login name: use letters, digits, dots or dashes, or an email address.`);
    const [taken] = await tx.select({ id: member.id }).from(member).where(eq(member.loginName, wanted)).limit(1);
    if (taken) throw new ScimError(409, `The login name ${wanted} is already taken.`, "uniqueness");
    return wanted;
  }
  const proposed = proposeLoginName({ extension: fields.extension, firstName: fields.firstName, lastName: fields.lastName, organizationSlug: caller.organizationSlug });
  const local = proposed.slice(0, -suffix.length);
  // The proposal and its numbered variants already used, in one look-up.
  const used = new Set(
    (await tx.select({ loginName: member.loginName }).from(member).where(like(member.loginName, `${escapeLike(local)}%${escapeLike(suffix)}`))).map((m) => m.loginName),
  );
  // After a lost race, one of the next few free names at random: the creates that lost it together spread out.
  let skip = attempt === 1 ? 0 : randomInt(attempt * 2);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? proposed : `${local}${n}${suffix}`;
    if (!used.has(candidate) && skip-- === 0) return candidate;
  }
}
