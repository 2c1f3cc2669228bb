import { and, eq, like } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, organization, type Member } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { nudgeDispatcher } from "../email/runtime";
import { queueLinkEmails } from "../onboarding/link-emails";
import { organizationFor } from "../onboarding/send-link-emails";
import { ConflictError, ForbiddenError, ValidationError, fromConstraintViolation } from "../errors";
import { can, grantableRoles } from "../permissions";
import { escapeLike } from "../sql-like";
import { fullName } from "./format";
import { ROLE_LABELS } from "./labels";
import { proposeLoginName } from "./login-name";
import { assertPlacementInOrganization, syncAssignments } from "./placement";
import type { MemberInput } from "./schemas";

/**
 * Creates one member in the actor's organization (SPEC §4.4, seed 004). New members are "Pending"; login-less members
 * ("No Portal Access") have no login name, email or password. The login name, unless typed, is proposed as
 * `<extension>@<slug>` (or from the name), with a number added when a name-based one is taken. With "Send welcome
 * email now" the welcome email is queued in the same transaction.
 */
export async function createMember({ actor, input, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; input: MemberInput; ip?: string | null; userAgent?: string | null; now?: Date }): Promise<Member> {
  const target = { organizationId: actor.organizationId, role: input.role, siteId: input.siteId, teamId: input.teamId };
  assertMayPlace(actor, "member.create", target);
  const db = await getDb();
  let created: Member;
  try {
    created = await db.transaction(async (tx) => {
      await assertPlacementInOrganization(tx, actor.organizationId, input);
      if (input.extension) await assertExtensionFree(tx, actor.organizationId, input.extension);
      const loginName = input.portalAccess === "yes" ? await chooseLoginName(tx, actor.organizationId, input) : null;
      const [inserted] = await tx
        .insert(member)
        .values({
          organizationId: actor.organizationId,
          ...memberColumns(input, loginName),
          status: "pending",
          createdById: actor.memberId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const created = inserted!;
      await syncAssignments(tx, created.id, { ...created, managedSiteIds: input.managedSiteIds, supervisedTeamIds: input.supervisedTeamIds });
      await recordAudit(tx, actor, {
        action: "member.create",
        target: { type: "member", id: created.id },
        details: { name: fullName(created), extension: created.extension, role: created.role, loginName, portalAccess: created.portalAccess },
        ip,
        userAgent,
        at: now,
      });
      // "Send welcome email now": the invite and its email are written with the member, so both exist or neither.
      if (input.portalAccess === "yes" && input.sendWelcomeNow) {
        await queueLinkEmails(tx, { organization: await organizationFor(tx, actor.organizationId), recipients: [created], purpose: "invite", actor, ip, userAgent, now });
        return { ...created, confirmationSentAt: now };
      }
      return created;
    });
  } catch (error) {
    throw fromConstraintViolation(error);
  }
  if (created.confirmationSentAt) nudgeDispatcher();
  return created;
}

/**
 * The member as it will be must be one the actor may create or edit: a role they may grant, on one of their sites.
 * Says which field is wrong, so the form can show it there.
 */
export function assertMayPlace(actor: MemberActor, action: "member.create" | "member.edit", target: Pick<Member, "organizationId" | "role" | "siteId" | "teamId"> & { id?: string }, roleChanged = true): void {
  if (roleChanged && !grantableRoles(actor).includes(target.role)) {
    throw new ValidationError(`You can't give the ${ROLE_LABELS[target.role]} role`, "role");
  }
  if (can(actor, action, target)) return;
  if (actor.role === "site_manager") throw new ValidationError("Choose one of the sites you manage", "siteId");
  throw new ForbiddenError();
}

/** The columns of the member form (Create and Profile), as stored. */
export function memberColumns(input: MemberInput, loginName: string | null) {
  const portal = input.portalAccess === "yes";
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    extension: input.extension ?? null,
    loginName,
    role: input.role,
    siteId: input.siteId,
    teamId: input.teamId,
    department: input.department ?? null,
    directNumber: input.directNumber ?? null,
    portalAccess: portal,
    primaryEmail: portal ? input.email : null,
  };
}

export async function assertExtensionFree(db: Executor, organizationId: string, extension: string, exceptMemberId?: string) {
  const [taken] = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.extension, extension)))
    .limit(1);
  if (taken && taken.id !== exceptMemberId) throw new ConflictError(`Extension ${extension} is already in use`, "extension");
}

/** A typed login name must be free and end with the organization's short name; a proposed one is made free. */
export async function chooseLoginName(
  db: Executor,
  organizationId: string,
  input: { loginName?: string; extension?: string; firstName: string; lastName: string },
  exceptMemberId?: string,
): Promise<string> {
  const [org] = await db.select({ slug: organization.slug }).from(organization).where(eq(organization.id, organizationId));
  const suffix = `@${org!.slug}`;
  const takenBy = async (name: string) =>
    (await db.select({ id: member.id }).from(member).where(eq(member.loginName, name)).limit(1))[0]?.id;
  if (input.loginName) {
    if (!input.loginName.endsWith(suffix)) throw new ValidationError(`Login names in your organization end with ${suffix}`, "loginName");
    const owner = await takenBy(input.loginName);
    if (owner && owner !== exceptMemberId) throw new ConflictError("This login name is already taken", "loginName");
    return input.loginName;
  }
  const proposed = proposeLoginName({ ...input, organizationSlug: org!.slug });
  const owner = await takenBy(proposed);
  if (!owner || owner === exceptMemberId) return proposed;
  // dana.reyes@acme is taken: find the first free dana.reyes2@acme, dana.reyes3@acme…
  const local = proposed.slice(0, -suffix.length);
  const similar = await db
    .select({ loginName: member.loginName })
    .from(member)
    .where(like(member.loginName, `${escapeLike(local)}%${escapeLike(suffix)}`));
  const used = new Set(similar.map((m) => m.loginName));
  const separator = /\d$/.test(local) ? "-" : ""; // 201-2@acme, not 2012@acme
  for (let n = 2; ; n++) if (!used.has(`${local}${separator}${n}${suffix}`)) return `${local}${separator}${n}${suffix}`;
}
