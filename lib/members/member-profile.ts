import type { Executor } from "@/db";
import type { MemberActor } from "../actor";
import { authorizeOnMember, can, canReadAuditAbout, grantableRoles } from "../permissions";
import { managingDirectory } from "../scim/directory-owned";
import { assignmentsOf } from "./placement";

/**
 * A member's page (Profile, Advanced, Email log and Activity tabs): the member, what they manage, and what the actor may
 * do to them, so the page shows only buttons that work. Not found when the actor may not see them.
 */
export async function memberProfile(db: Executor, actor: MemberActor, memberId: string) {
  const target = await authorizeOnMember(db, actor, "member.view", memberId);
  const isSelf = target.id === actor.memberId;
  return {
    member: target,
    /** The directory that manages them ("Microsoft Entra ID"), or null (SPEC §4.16). */
    directory: await managingDirectory(db, target),
    ...(await assignmentsOf(db, target.id)),
    may: {
      edit: can(actor, "member.edit", target),
      // A role is changed by someone above it, never on oneself (lib/members/update-member.ts).
      changeRole: !isSelf && grantableRoles(actor).includes(target.role),
      disable: can(actor, "member.disable", target),
      resetCompletely: can(actor, "member.resetCompletely", target),
      viewEmailLog: can(actor, "member.viewEmailLog", target),
      viewActivity: canReadAuditAbout(actor, target),
      sendWelcome: can(actor, "member.sendWelcome", target),
      sendReset: can(actor, "member.sendReset", target),
    },
    grantableRoles: grantableRoles(actor),
  };
}
