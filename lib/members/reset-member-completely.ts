import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { member, memberEmail } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { authorizeOnMember } from "../permissions";
import { revokeOpenTokens } from "../tokens";
import { fullName } from "./format";

/** What "Reset user completely" clears, in the words of its confirmation dialog (SPEC §4.10). */
export const CLEARED_BY_RESET = [
  "First and last name",
  "Email addresses, including additional ones",
  "Password, voicemail PIN and device PIN",
  "Language, time zone and directory listing",
  "Confirmation dates, outstanding email links and signed-in sessions",
] as const;
/** The same, said of a login-less member, who has no email, password, links or sessions to clear. */
export const CLEARED_BY_RESET_NO_PORTAL = ["First and last name", "Voicemail PIN and device PIN", "Language, time zone and directory listing"] as const;

/**
 * Makes an extension ready for a new employee (SPEC §4.10): clears everything personal, revokes links and sessions,
 * keeps the extension, login name, direct number, role and placement, and sets the member back to "Pending".
 */
export async function resetMemberCompletely({ actor, memberId, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; memberId: string; ip?: string | null; userAgent?: string | null; now?: Date }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await authorizeOnMember(tx, actor, "member.resetCompletely", memberId);
    const [reset] = await tx
      .update(member)
      .set({
        firstName: "",
        lastName: "",
        primaryEmail: null,
        primaryEmailProblem: null,
        pendingEmail: null,
        passwordHash: null,
        voicemailPinHash: null,
        devicePinHash: null,
        language: null,
        timeZone: null,
        listedInDirectory: true,
        confirmationSentAt: null,
        confirmedAt: null,
        status: "pending",
        sessionVersion: sql`${member.sessionVersion} + 1`,
        updatedAt: now,
      })
      .where(eq(member.id, target.id))
      .returning();
    await tx.delete(memberEmail).where(eq(memberEmail.memberId, target.id));
    const revokedLinks = await revokeOpenTokens(tx, [target.id], now);
    await recordAudit(tx, actor, {
      action: "member.reset-completely",
      target: { type: "member", id: target.id },
      details: { previousName: fullName(target), extension: target.extension, revokedLinks },
      ip,
      userAgent,
      at: now,
    });
    return reset!;
  });
}
