import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { member, type Member } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ValidationError, fromConstraintViolation } from "../errors";
import { authorizeOnMember } from "../permissions";
import { assertDirectoryFieldsUnchanged } from "../scim/directory-owned";
import { revokeOpenTokens } from "../tokens";
import { assertExtensionFree, assertMayPlace, chooseLoginName, memberColumns } from "./create-member";
import { assertPlacementInOrganization, syncAssignments } from "./placement";
import type { UpdateMemberInput } from "./schemas";

const AUDITED_FIELDS = ["firstName", "lastName", "extension", "loginName", "role", "siteId", "teamId", "department", "directNumber", "portalAccess", "primaryEmail"] as const;

/**
 * Saves a member's Profile tab (SPEC §4.4 fields). The member is checked twice: as stored (may the actor edit them?)
 * and as they will be (a role the actor may grant, a site they manage). A new email address clears its bounce flag
 * and revokes links sent to the old one; taking portal access away ends their sessions and removes the password.
 */
export async function updateMember({ actor, input, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; input: UpdateMemberInput; ip?: string | null; userAgent?: string | null; now?: Date }): Promise<Member> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const current = await authorizeOnMember(tx, actor, "member.edit", input.memberId);
      const roleChanged = input.role !== current.role;
      if (roleChanged && current.id === actor.memberId) throw new ValidationError("You can't change your own role", "role");
      assertMayPlace(actor, "member.edit", { id: current.id, organizationId: current.organizationId, role: input.role, siteId: input.siteId, teamId: input.teamId }, roleChanged);
      await assertPlacementInOrganization(tx, current.organizationId, input);
      if (input.extension) await assertExtensionFree(tx, current.organizationId, input.extension, current.id);

      const portal = input.portalAccess === "yes";
      const loginName = portal
        ? await chooseLoginName(tx, current.organizationId, { ...input, loginName: input.loginName ?? current.loginName ?? undefined }, current.id)
        : null;
      const next = memberColumns(input, loginName);
      await assertDirectoryFieldsUnchanged(tx, current, next);
      const emailChanged = next.primaryEmail !== current.primaryEmail;
      const portalRemoved = current.portalAccess && !portal;
      const [updated] = await tx
        .update(member)
        .set({
          ...next,
          ...(emailChanged ? { primaryEmailProblem: null } : {}),
          ...(portalRemoved
            ? { passwordHash: null, pendingEmail: null, sessionVersion: sql`${member.sessionVersion} + 1`, status: current.status === "disabled" ? "disabled" : "pending" }
            : {}),
          updatedAt: now,
        } as Partial<Member>)
        .where(eq(member.id, current.id))
        .returning();
      if (portalRemoved) await revokeOpenTokens(tx, [current.id], now);
      // The links sent to the old address to set a password, and its "This wasn't me" link (which would put it back).
      else if (emailChanged) await revokeOpenTokens(tx, [current.id], now, ["invite", "reset", "email-undo"]);
      await syncAssignments(tx, current.id, { ...next, managedSiteIds: input.managedSiteIds, supervisedTeamIds: input.supervisedTeamIds });

      const changes = Object.fromEntries(
        AUDITED_FIELDS.filter((f) => current[f] !== next[f]).map((f) => [f, { from: current[f], to: next[f] }]),
      );
      await recordAudit(tx, actor, { action: "member.update", target: { type: "member", id: current.id }, details: { changes }, ip, userAgent, at: now });
      return updated!;
    });
  } catch (error) {
    throw fromConstraintViolation(error);
  }
}
