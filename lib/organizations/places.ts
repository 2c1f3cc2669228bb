import { and, asc, count, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { importRow, member, site, siteManager, team, teamSupervisor, type Role } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fromConstraintViolation } from "../errors";
import { ROLE_LABELS } from "../members/labels";
import { assertCanInOrganization, authorizeOnMember, canInOrganization, grantableRoles } from "../permissions";
import { escapeLike } from "../sql-like";
import { lineOfText } from "../validation";

/**
 * Sites and teams (SPEC §4.15): the places members belong to, and the site managers and call-center supervisors who
 * look after them. Both work alike, so one set of functions serves both, told apart by PLACES[kind].
 */
export type PlaceKind = "site" | "team";

const PLACES = {
  site: {
    table: site,
    memberColumn: member.siteId,
    assignment: siteManager,
    assignmentPlace: siteManager.siteId,
    assignmentMember: siteManager.memberId,
    role: "site_manager",
    view: "organization.viewSites",
    word: "site",
    nobody: "No site",
  },
  team: {
    table: team,
    memberColumn: member.teamId,
    assignment: teamSupervisor,
    assignmentPlace: teamSupervisor.teamId,
    assignmentMember: teamSupervisor.memberId,
    role: "supervisor",
    view: "organization.viewTeams",
    word: "team",
    nobody: "No Team",
  },
} as const;

/** The words a page uses for a kind of place: "site" / "Site Manager", "team" / "Call Center Supervisor". */
export function placeWords(kind: PlaceKind) {
  const place = PLACES[kind];
  return { word: place.word, nobody: place.nobody, managerRole: place.role, managerLabel: ROLE_LABELS[place.role] };
}

/** A site's or team's name: 1–100 characters, no hidden characters; unique per organization, whatever the case. */
export const placeName = (kind: PlaceKind) =>
  lineOfText(`Enter a name for the ${kind}`)
    .min(1, `Enter a name for the ${kind}`)
    .refine((name) => [...name].length <= 100, "Use at most 100 characters");

export type PlaceSummary = {
  id: string;
  name: string;
  memberCount: number;
  managers: { id: string; name: string }[];
};

/**
 * The sites (or teams) the actor may see, with how many members each holds and who manages it. Owners and admins see
 * them all; a site manager sees the sites they manage.
 */
export async function listPlaces({ actor, kind }: { actor: MemberActor; kind: PlaceKind }): Promise<PlaceSummary[]> {
  const place = PLACES[kind];
  assertCanInOrganization(actor, place.view, actor.organizationId);
  const everything = canInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const ownIds = kind === "site" ? actor.siteIds : actor.teamIds;
  if (!everything && ownIds.length === 0) return [];
  const db = await getDb();
  const places = await db
    .select({ id: place.table.id, name: place.table.name, memberCount: count(member.id) })
    .from(place.table)
    .leftJoin(member, eq(place.memberColumn, place.table.id))
    .where(and(eq(place.table.organizationId, actor.organizationId), everything ? undefined : inArray(place.table.id, ownIds)))
    .groupBy(place.table.id)
    .orderBy(sql`lower(${place.table.name})`, asc(place.table.id));
  if (places.length === 0) return [];
  const managers = await db
    .select({ placeId: place.assignmentPlace, id: member.id, firstName: member.firstName, lastName: member.lastName })
    .from(place.assignment)
    .innerJoin(member, eq(member.id, place.assignmentMember))
    .where(and(inArray(place.assignmentPlace, places.map((p) => p.id)), eq(member.role, place.role)))
    .orderBy(asc(member.lastName), asc(member.firstName));
  return places.map((p) => ({
    ...p,
    managers: managers.filter((m) => m.placeId === p.id).map((m) => ({ id: m.id, name: `${m.firstName} ${m.lastName}` })),
  }));
}

/**
 * Creates sites or teams inside the caller's transaction (Organization → Sites; an import that names new ones, under
 * the ids its check gave them), audited one by one. A name taken meanwhile, whatever its case, is refused beside the field.
 */
export async function insertPlaces(
  tx: Executor,
  actor: MemberActor,
  kind: PlaceKind,
  places: { id?: string; name: string }[],
  { ip = null, userAgent = null, now = new Date() }: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ id: string; name: string }[]> {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  if (places.length === 0) return [];
  const place = PLACES[kind];
  const created = await tx
    .insert(place.table)
    .values(places.map(({ id, name }) => ({ ...(id ? { id } : {}), organizationId: actor.organizationId, name, createdAt: now, updatedAt: now })))
    .returning({ id: place.table.id, name: place.table.name });
  for (const row of created) {
    await recordAudit(tx, actor, { action: `${kind}.create`, target: { type: kind, id: row.id }, details: { name: row.name }, ip, userAgent, at: now });
  }
  return created;
}

/**
 * The places of an import's "Create them and import", in its transaction: each is created under the id its rows were
 * staged with, unless a place of that name (whatever its case) was created since the check, whose id the rows then take.
 */
export async function createImportedPlaces(
  tx: Executor,
  actor: MemberActor,
  kind: PlaceKind,
  places: { id: string; name: string }[],
  { jobId, ip = null, userAgent = null, now }: { jobId: string; ip?: string | null; userAgent?: string | null; now: Date },
): Promise<{ id: string; name: string }[]> {
  if (places.length === 0) return [];
  const place = PLACES[kind];
  const existing = await tx
    .select({ id: place.table.id, name: place.table.name })
    .from(place.table)
    .where(and(eq(place.table.organizationId, actor.organizationId), inArray(sql`lower(${place.table.name})`, places.map((p) => p.name.toLowerCase()))));
  const byName = new Map(existing.map((e) => [e.name.toLowerCase(), e.id]));
  const column = kind === "site" ? importRow.siteId : importRow.teamId;
  for (const planned of places) {
    const id = byName.get(planned.name.toLowerCase());
    if (id) {
      await tx
        .update(importRow)
        .set(kind === "site" ? { siteId: id } : { teamId: id })
        .where(and(eq(importRow.jobId, jobId), eq(column, planned.id)));
    }
  }
  return insertPlaces(tx, actor, kind, places.filter((p) => !byName.has(p.name.toLowerCase())), { ip, userAgent, now });
}

/** "Create site" / "Create team". */
export async function createPlace({ actor, kind, name, ip = null, userAgent = null, now = new Date() }: PlaceAct & { name: string }): Promise<{ id: string; name: string }> {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => (await insertPlaces(tx, actor, kind, [{ name }], { ip, userAgent, now }))[0]!);
  } catch (error) {
    throw fromConstraintViolation(error);
  }
}

type PlaceAct = { actor: MemberActor; kind: PlaceKind; ip?: string | null; userAgent?: string | null; now?: Date };

/** Finds one of the actor's organization's places by an id from a form, locked for the act; any other id is "not found". */
async function lockPlace(tx: Executor, actor: MemberActor, kind: PlaceKind, placeId: unknown) {
  const place = PLACES[kind];
  const parsed = z.uuid().safeParse(placeId);
  const [row] = parsed.success
    ? await tx
        .select()
        .from(place.table)
        .where(and(eq(place.table.id, parsed.data), eq(place.table.organizationId, actor.organizationId)))
        .for("update")
        .limit(1)
    : [];
  if (!row) throw new NotFoundError(`This ${kind} doesn't exist any more. Reload the page to see the current list.`);
  return row;
}

/** "Rename": audited with from and to; the same name again changes nothing. */
export async function renamePlace({ actor, kind, placeId, name, ip = null, userAgent = null, now = new Date() }: PlaceAct & { placeId: unknown; name: string }) {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const place = PLACES[kind];
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const current = await lockPlace(tx, actor, kind, placeId);
      if (current.name === name) return { id: current.id, name, changed: false };
      await tx.update(place.table).set({ name, updatedAt: now }).where(eq(place.table.id, current.id));
      await recordAudit(tx, actor, { action: `${kind}.rename`, target: { type: kind, id: current.id }, details: { changes: { name: { from: current.name, to: name } } }, ip, userAgent, at: now });
      return { id: current.id, name, changed: true };
    });
  } catch (error) {
    throw fromConstraintViolation(error);
  }
}

/**
 * "Delete": a site (or team) that still holds members goes only together with moving them, to another one or to
 * "No site" ("none"), in the same transaction (SPEC §4.15). `expectedMembers` is the count the dialog showed: if
 * members arrived since, nothing is deleted and the dialog is told how many there are now.
 */
export async function deletePlace({
  actor,
  kind,
  placeId,
  moveTo,
  expectedMembers,
  ip = null,
  userAgent = null,
  now = new Date(),
}: PlaceAct & { placeId: unknown; moveTo?: string; expectedMembers: number }): Promise<{ name: string; moved: number; movedTo: { id: string; name: string } | null }> {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const place = PLACES[kind];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockPlace(tx, actor, kind, placeId);
    // A member written meanwhile with this place's id waits for the lock (its foreign key check shares the row), so
    // the count under it is exact and nobody lands on a deleted place.
    const [{ members }] = (await tx.select({ members: count() }).from(member).where(eq(place.memberColumn, current.id))) as [{ members: number }];
    if (members !== expectedMembers) {
      throw new ConflictError(
        `${current.name} has ${members === 1 ? "1 member" : `${members} members`} now. Close this dialog and try again to choose where they go.`,
      );
    }
    let movedTo: { id: string; name: string } | null = null;
    if (members > 0) {
      if (moveTo === undefined || moveTo === "") throw new ValidationError(`Choose where its ${members === 1 ? "member goes" : "members go"}`, "moveTo");
      if (moveTo !== "none") {
        if (moveTo === current.id) throw new ValidationError(`Choose another ${kind}`, "moveTo");
        const target = await lockPlace(tx, actor, kind, moveTo).catch(() => {
          throw new ValidationError(`Choose a ${kind} from the list`, "moveTo");
        });
        movedTo = { id: target.id, name: target.name };
      }
      await tx
        .update(member)
        .set({ [kind === "site" ? "siteId" : "teamId"]: movedTo?.id ?? null, updatedAt: now })
        .where(eq(place.memberColumn, current.id));
    }
    await tx.delete(place.table).where(eq(place.table.id, current.id));
    await recordAudit(tx, actor, {
      action: `${kind}.delete`,
      target: { type: kind, id: current.id },
      details: { name: current.name, movedMembers: members, movedTo },
      ip,
      userAgent,
      at: now,
    });
    return { name: current.name, moved: members, movedTo };
  });
}

/** Who may be made a site manager (or supervisor): people who sign in, already in that role or plain members. */
const candidateRoles = (kind: PlaceKind): Role[] => [PLACES[kind].role, "member"];

export type ManagerCandidate = { id: string; name: string; role: Role; loginName: string | null; extension: string | null; placeName: string | null };

/**
 * The people "Add site manager" (or "Add supervisor") offers for one place, found by name, login name or extension:
 * members who sign in to the portal and aren't disabled, in the role already or plain members, and not yet assigned
 * there. The place's own people come first. At most 20: the search narrows the rest.
 */
export async function managerCandidates({ actor, kind, placeId, search = "" }: { actor: MemberActor; kind: PlaceKind; placeId: unknown; search?: string }): Promise<ManagerCandidate[]> {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const place = PLACES[kind];
  const db = await getDb();
  const current = await lockPlace(db, actor, kind, placeId);
  const roles = candidateRoles(kind).filter((role) => role === "member" || grantableRoles(actor).includes(role));
  const words = search.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  const rows = await db
    .select({
      id: member.id,
      firstName: member.firstName,
      lastName: member.lastName,
      role: member.role,
      loginName: member.loginName,
      extension: member.extension,
      placeId: place.memberColumn,
    })
    .from(member)
    .where(
      and(
        eq(member.organizationId, actor.organizationId),
        eq(member.portalAccess, true),
        ne(member.status, "disabled"),
        inArray(member.role, roles),
        sql`not exists (select 1 from ${place.assignment} where ${place.assignmentPlace} = ${current.id} and ${place.assignmentMember} = ${member.id})`,
        ...words.map((word) => {
          const pattern = `${escapeLike(word)}%`;
          return or(ilike(member.firstName, pattern), ilike(member.lastName, pattern), ilike(member.loginName, pattern), sql`${member.extension} like ${pattern}`)!;
        }),
      ),
    )
    .orderBy(sql`(${place.memberColumn} = ${current.id}) is not true`, asc(member.lastName), asc(member.firstName), asc(member.id))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    name: `${r.firstName} ${r.lastName}`,
    role: r.role,
    loginName: r.loginName,
    extension: r.extension,
    placeName: r.placeId === current.id ? current.name : null,
  }));
}

/**
 * "Add site manager" / "Add supervisor": the member manages (supervises) this place too. A plain member becomes a
 * Site Manager (Call Center Supervisor) by it, audited as a role change; someone in another role is refused, since
 * taking that role away is a Profile decision with its own consequences.
 */
export async function assignManager({ actor, kind, placeId, memberId, ip = null, userAgent = null, now = new Date() }: PlaceAct & { placeId: unknown; memberId: unknown }) {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const place = PLACES[kind];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockPlace(tx, actor, kind, placeId);
    const target = await authorizeOnMember(tx, actor, "member.edit", memberId);
    const name = `${target.firstName} ${target.lastName}`;
    const label = ROLE_LABELS[place.role];
    if (!target.portalAccess || target.status === "disabled") {
      throw new ValidationError(`${name} can't sign in to the portal, so they can't be ${withArticle(label)}`, "memberId");
    }
    if (!candidateRoles(kind).includes(target.role)) {
      throw new ValidationError(`${name} is ${withArticle(ROLE_LABELS[target.role])}. Change their role on their profile first.`, "memberId");
    }
    const promoted = target.role !== place.role;
    if (promoted) {
      if (!grantableRoles(actor).includes(place.role)) throw new ForbiddenError(`You can't give the ${label} role`);
      // A new role holds only what it is given here: the other role's assignments (none for a member) go.
      await tx.delete(kind === "site" ? teamSupervisor : siteManager).where(eq(kind === "site" ? teamSupervisor.memberId : siteManager.memberId, target.id));
      await tx.update(member).set({ role: place.role, updatedAt: now }).where(eq(member.id, target.id));
      await recordAudit(tx, actor, { action: "member.update", target: { type: "member", id: target.id }, details: { changes: { role: { from: target.role, to: place.role } } }, ip, userAgent, at: now });
    }
    const inserted =
      kind === "site"
        ? await tx.insert(siteManager).values({ siteId: current.id, memberId: target.id }).onConflictDoNothing().returning()
        : await tx.insert(teamSupervisor).values({ teamId: current.id, memberId: target.id }).onConflictDoNothing().returning();
    if (inserted.length) {
      await recordAudit(tx, actor, { action: `${kind}.manager-add`, target: { type: kind, id: current.id }, details: { name: current.name, memberId: target.id, member: name }, ip, userAgent, at: now });
    }
    return { placeName: current.name, memberName: name, promoted };
  });
}

const withArticle = (label: string) => `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label}`;

/** "Remove": they no longer manage (supervise) this place; their role stays, and their profile shows what is left. */
export async function removeManager({ actor, kind, placeId, memberId, ip = null, userAgent = null, now = new Date() }: PlaceAct & { placeId: unknown; memberId: unknown }) {
  assertCanInOrganization(actor, "organization.managePlaces", actor.organizationId);
  const place = PLACES[kind];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await lockPlace(tx, actor, kind, placeId);
    const target = await authorizeOnMember(tx, actor, "member.edit", memberId);
    const removed = await tx
      .delete(place.assignment)
      .where(and(eq(place.assignmentPlace, current.id), eq(place.assignmentMember, target.id)))
      .returning();
    const name = `${target.firstName} ${target.lastName}`;
    if (removed.length) {
      await recordAudit(tx, actor, { action: `${kind}.manager-remove`, target: { type: kind, id: current.id }, details: { name: current.name, memberId: target.id, member: name }, ip, userAgent, at: now });
    }
    return { placeName: current.name, memberName: name, removed: removed.length > 0 };
  });
}
