import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member } from "@/db/schema";
import type { MemberActor } from "../actor";
import { recordAudit } from "../audit";
import { ACCOUNT_SIGN_IN_RULE } from "../auth/authenticate";
import { queuePasswordChanged } from "../email/password-changed";
import { nudgeDispatcher } from "../email/runtime";
import { InvalidFieldsError } from "../errors";
import { pauseWords } from "../i18n/language";
import { passwordContextOf } from "../onboarding/links";
import { describePasswordProblem, hashPassword, hashPin, passwordProblems, pinProblems, verifyPassword } from "../passwords";
import { clearThrottle, recordFailure, secondsBlocked } from "../throttle";
import { AccountError, ownAccount, type OwnAccount } from "./own-account";
import type { PasswordChangeInput, PinChangeInput } from "./schemas";

/**
 * A wrong current password counts where a wrong sign-in password does, against the account (5 in 15 minutes pause it
 * for 15): typing it in My Account is no way around the sign-in throttle (SPEC §6), and a success clears it as a
 * sign-in does.
 */
const signInKeyOf = (memberId: string) => `sign-in:member:${memberId}`;

type Refusals = Record<string, string[]>;

/**
 * Checks the password the member typed to prove it is them. Throws when the account is paused (or this attempt
 * pauses it); otherwise adds the refusal beside `field` when it is wrong.
 */
async function checkCurrentPassword(db: Executor, account: OwnAccount, typed: string, field: string, refusals: Refusals, now: Date): Promise<void> {
  const key = signInKeyOf(account.member.id);
  const { t } = account;
  const blocked = await secondsBlocked(db, [key], now);
  if (blocked) throw new AccountError(t.forms.tooManyAttempts(pauseWords(t, blocked)));
  if (!typed) {
    refusals[field] = [t.account.password.currentRequired];
    return;
  }
  if (account.member.passwordHash && (await verifyPassword(account.member.passwordHash, typed))) {
    await clearThrottle(db, key);
    return;
  }
  const { blockedNow } = await recordFailure(db, key, ACCOUNT_SIGN_IN_RULE, now);
  if (blockedNow) throw new AccountError(t.forms.tooManyAttempts(pauseWords(t, ACCOUNT_SIGN_IN_RULE.blockSeconds)));
  refusals[field] = [t.account.password.wrong];
}

function refuseIfAny(account: OwnAccount, refusals: Refusals): void {
  if (Object.keys(refusals).length) throw new InvalidFieldsError(account.t.forms.checkFields, refusals);
}

/**
 * "Update Password" (SPEC §4.9): the current password, then the new one twice, under the same rules as the set-password
 * page (every rule it breaks said at once). Every other session of the member ends (session version); the caller
 * gives this browser a session of the new version. "Your password was changed" is queued in the same transaction.
 */
export async function changePassword({
  actor,
  input,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: MemberActor;
  input: PasswordChangeInput;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ sessionVersion: number; account: OwnAccount }> {
  const db = await getDb();
  const account = await ownAccount(db, actor);
  const { t, member: m } = account;
  const refusals: Refusals = {};
  const problems = passwordProblems(input.password, passwordContextOf(account));
  if (problems.length) refusals.password = problems.map((p) => describePasswordProblem(p, t.password.rules));
  if (input.confirmPassword !== input.password) refusals.confirmPassword = [t.password.mismatch];
  await checkCurrentPassword(db, account, input.currentPassword, "currentPassword", refusals, now);
  refuseIfAny(account, refusals);
  const passwordHash = await hashPassword(input.password);
  const sessionVersion = await db.transaction(async (tx) => {
    // Only over the password just checked: a change made meanwhile (in another tab) wins, and this one is asked again.
    const [updated] = await tx
      .update(member)
      .set({ passwordHash, sessionVersion: sql`${member.sessionVersion} + 1`, updatedAt: now })
      .where(and(eq(member.id, m.id), eq(member.passwordHash, m.passwordHash!)))
      .returning();
    if (!updated) throw new InvalidFieldsError(t.forms.checkFields, { currentPassword: [t.account.password.wrong] });
    await queuePasswordChanged(tx, account.organization, updated, now);
    await recordAudit(tx, actor, { action: "account.password-change", target: { type: "member", id: m.id }, details: { signedOutElsewhere: true }, ip, userAgent, at: now });
    return updated.sessionVersion;
  });
  nudgeDispatcher();
  return { sessionVersion, account };
}

/**
 * The voicemail PIN (SPEC §4.9): the member's password proves it is them, so the old PIN, often forgotten, isn't
 * asked for. The same rules as the set-password page, every one broken said at once. Sessions stay as they are.
 */
export async function changeVoicemailPin({
  actor,
  input,
  ip = null,
  userAgent = null,
  now = new Date(),
}: {
  actor: MemberActor;
  input: PinChangeInput;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<{ account: OwnAccount }> {
  const db = await getDb();
  const account = await ownAccount(db, actor);
  const { t, member: m } = account;
  const refusals: Refusals = {};
  const problems = pinProblems(input.voicemailPin, { extension: m.extension });
  if (problems.length) refusals.voicemailPin = input.voicemailPin ? problems.map((rule) => t.pin.rules[rule]) : [t.pin.rules.required];
  await checkCurrentPassword(db, account, input.password, "password", refusals, now);
  refuseIfAny(account, refusals);
  await db.transaction(async (tx) => {
    await tx.update(member).set({ voicemailPinHash: hashPin(input.voicemailPin), updatedAt: now }).where(eq(member.id, m.id));
    await recordAudit(tx, actor, { action: "account.voicemail-pin-change", target: { type: "member", id: m.id }, details: { hadPin: m.voicemailPinHash !== null }, ip, userAgent, at: now });
  });
  return { account };
}

/**
 * "Sign out everywhere else" (SPEC §4.9): every session of the member ends (session version); the caller gives this
 * browser a session of the new version, so only this one stays signed in.
 */
export async function signOutEverywhereElse({ actor, ip = null, userAgent = null, now = new Date() }: { actor: MemberActor; ip?: string | null; userAgent?: string | null; now?: Date }): Promise<{ sessionVersion: number; account: OwnAccount }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const account = await ownAccount(tx, actor, { lock: true });
    const [updated] = await tx
      .update(member)
      .set({ sessionVersion: sql`${member.sessionVersion} + 1`, updatedAt: now })
      .where(eq(member.id, account.member.id))
      .returning({ sessionVersion: member.sessionVersion });
    await recordAudit(tx, actor, { action: "account.sign-out-elsewhere", target: { type: "member", id: account.member.id }, ip, userAgent, at: now });
    return { sessionVersion: updated!.sessionVersion, account };
  });
}
