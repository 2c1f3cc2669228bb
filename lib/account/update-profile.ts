import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { member } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { accountOf, ownAccount, type OwnAccount } from "./own-account";
import type { ProfileInput } from "./schemas";

const PROFILE_FIELDS = ["firstName", "lastName", "language", "timeZone", "listedInDirectory"] as const;

/**
 * Saves the Profile section of My Account (SPEC §4.9): the member's name, language and time zone (none: their
 * organization's), and whether the company directory lists them. Audited as the member's own act, with each changed
 * field's from and to; saving what is already there changes and audits nothing. Returns the account in its (perhaps
 * new) language, so the answer is worded in it.
 */
export async function updateProfile({
  actor,
  input,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: MemberActor;
  input: ProfileInput;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<OwnAccount> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { member: current, organization } = await ownAccount(tx, actor, { lock: true });
    const next = { firstName: input.firstName, lastName: input.lastName, language: input.language ?? null, timeZone: input.timeZone ?? null, listedInDirectory: input.listedInDirectory };
    const changed = PROFILE_FIELDS.filter((field) => current[field] !== next[field]);
    if (!changed.length) return accountOf(current, organization);
    const [updated] = await tx
      .update(member)
      .set({ ...next, updatedAt: now })
      .where(eq(member.id, current.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "account.profile-update",
      target: { type: "member", id: current.id },
      details: { changes: Object.fromEntries(changed.map((field) => [field, { from: current[field], to: next[field] }])) },
      ip,
      userAgent,
      at: now,
    });
    return accountOf(updated!, organization);
  });
}
