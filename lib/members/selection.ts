import { and, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { member, type Member } from "@/db/schema";
import type { MemberActor } from "../actor";
import { visibleMembers } from "../permissions";
import { membersMatching } from "./list-members";
import type { MemberSelection } from "./schemas";

/**
 * What bulk acts need to know of each selected member: enough to ask lib/permissions, to name them, and to write
 * them an email (address, language, time zone, the details the welcome email states).
 */
const selectedColumns = {
  id: member.id,
  organizationId: member.organizationId,
  role: member.role,
  siteId: member.siteId,
  teamId: member.teamId,
  firstName: member.firstName,
  lastName: member.lastName,
  extension: member.extension,
  status: member.status,
  portalAccess: member.portalAccess,
  confirmedAt: member.confirmedAt,
  loginName: member.loginName,
  primaryEmail: member.primaryEmail,
  primaryEmailProblem: member.primaryEmailProblem,
  department: member.department,
  directoryTokenId: member.directoryTokenId,
  language: member.language,
  timeZone: member.timeZone,
  directNumber: member.directNumber,
};
export type SelectedMember = Pick<Member, keyof typeof selectedColumns>;

/**
 * The members a selection names, re-read on the server under the actor's scope (SPEC §4.3): "Select all N matching"
 * re-runs the query; picked ids that the actor can't see (forged, or moved away since) count as missing.
 */
export async function loadSelection(db: Executor, actor: MemberActor, selection: MemberSelection): Promise<{ members: SelectedMember[]; missing: number }> {
  if (selection.kind === "query") {
    const members = await db.select(selectedColumns).from(member).where(await membersMatching(db, actor, selection.query));
    return { members, missing: 0 };
  }
  const ids = [...new Set(selection.ids)];
  const members: SelectedMember[] = [];
  await inChunks(ids, async (chunk) => {
    members.push(...(await db.select(selectedColumns).from(member).where(and(visibleMembers(actor), inArray(member.id, chunk)))));
  });
  return { members, missing: ids.length - members.length };
}

/** Runs fn over ids in slices, so one statement never carries more parameters than PostgreSQL accepts. */
export async function inChunks<T>(ids: T[], fn: (chunk: T[]) => Promise<unknown>, size = 5000): Promise<void> {
  for (let i = 0; i < ids.length; i += size) await fn(ids.slice(i, i + size));
}
