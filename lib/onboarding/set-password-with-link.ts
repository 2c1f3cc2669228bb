import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, token } from "@/db/schema";
import { memberActorOf, type SessionClaims } from "../actor";
import { recordAudit } from "../audit";
import { getConfig } from "../config";
import { emailBaseFor, envelopeFor } from "../email/compose";
import { nudgeDispatcher } from "../email/runtime";
import { queueEmails } from "../email/outbox";
import { renderEmail } from "../email/render-email";
import { DomainError, ValidationError, minutesText } from "../errors";
import { hashPassword, hashPin, passwordProblem, pinProblem } from "../passwords";
import { clearThrottle, recordFailure, secondsBlocked, type ThrottleRule } from "../throttle";
import type { LinkPurpose } from "./link-emails";
import { findLink, type FoundLink, type LinkState } from "./links";

/** The link can't set a password: the page shows which case it is and offers a new link (SPEC §4.7). */
export class LinkNotUsableError extends DomainError {
  constructor(readonly state: Exclude<LinkState, "valid">) {
    super("This link can no longer be used.");
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${minutesText(retryAfterSeconds)}.`);
  }
}

/** Per account: 10 refused submissions in 15 minutes pause that account's link for 15 minutes (SPEC §6). */
export const ACCOUNT_SET_PASSWORD_RULE: ThrottleRule = { failures: 10, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
/** Per IP: 30 refused submissions (unknown links included) in 15 minutes pause that address for 15 minutes. */
export const IP_SET_PASSWORD_RULE: ThrottleRule = { failures: 30, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export type SetPasswordInput = { secret: string; password: string; confirmPassword: string; voicemailPin?: string };

export type PasswordSet = {
  purpose: LinkPurpose;
  organizationName: string;
  memberName: string;
  /** For signing the member in after a welcome link; a reset asks them to sign in themselves (SPEC §4.8). */
  claims: SessionClaims;
};

/**
 * The POST of the set-password and reset-password pages (SPEC §4.7, §4.8, §6): the only thing that consumes a link.
 * Checks the link, the password rules of the member's organization and the voicemail PIN when none is set, hashes
 * outside the transaction, then in one transaction (the link locked, so a replayed POST finds it used): stores the
 * password, marks the member "Active" with "Confirmed at" stamped, uses this link and revokes every other open
 * invite or reset link, audits it, and for a reset ends every session (session version) and queues "Your password
 * was changed". Refused submissions count towards throttling per account and per IP and write nothing else.
 */
export async function setPasswordWithLink({
  purpose,
  input,
  ip = null,
  now = new Date(),
}: {
  purpose: LinkPurpose;
  input: SetPasswordInput;
  ip?: string | null;
  now?: Date;
}): Promise<PasswordSet> {
  const db = await getDb();
  const ipKey = ip ? `set-password:ip:${ip}` : null;
  const ipBlocked = ipKey ? await secondsBlocked(db, [ipKey], now) : 0;
  if (ipBlocked) throw new TooManyAttemptsError(ipBlocked);

  const link = await findLink(db, input.secret, purpose, now);
  const accountKey = link ? `set-password:account:${link.member.id}` : null;
  const refused = async (error: DomainError): Promise<never> => {
    if (accountKey) await recordFailure(db, accountKey, ACCOUNT_SET_PASSWORD_RULE, now);
    if (ipKey) await recordFailure(db, ipKey, IP_SET_PASSWORD_RULE, now);
    throw error;
  };
  if (!link) return refused(new LinkNotUsableError("unknown"));
  const accountBlocked = await secondsBlocked(db, [accountKey!], now);
  if (accountBlocked) throw new TooManyAttemptsError(accountBlocked);
  if (link.state !== "valid") return refused(new LinkNotUsableError(link.state));

  const problem = inputProblem(link, input);
  if (problem) return refused(problem);
  const needsPin = !link.member.voicemailPinHash;
  const [passwordHash, pinHash] = await Promise.all([hashPassword(input.password), needsPin ? hashPin(input.voicemailPin!) : null]);

  const result = await db.transaction(async (tx) => {
    // The link row is locked: of two POSTs with it, the second waits here and then finds it used.
    const [locked] = await tx.select().from(token).where(eq(token.id, link.token.id)).for("update");
    if (!locked || locked.usedAt) throw new LinkNotUsableError("used");
    if (locked.revokedAt) throw new LinkNotUsableError("replaced");
    if (locked.expiresAt <= now) throw new LinkNotUsableError("expired");

    const [updated] = await tx
      .update(member)
      .set({
        passwordHash,
        ...(pinHash ? { voicemailPinHash: pinHash } : {}),
        status: "active",
        confirmedAt: link.member.confirmedAt ?? now,
        // A reset ends every session of the member, wherever they are signed in (SPEC §4.8, §6).
        ...(purpose === "reset" ? { sessionVersion: sql`${member.sessionVersion} + 1` } : {}),
        updatedAt: now,
      })
      .where(and(eq(member.id, link.member.id), ne(member.status, "disabled")))
      .returning();
    if (!updated) throw new LinkNotUsableError("cancelled");
    await tx.update(token).set({ usedAt: now }).where(eq(token.id, locked.id));
    await tx
      .update(token)
      .set({ revokedAt: now })
      .where(and(eq(token.memberId, updated.id), inArray(token.purpose, ["invite", "reset"]), isNull(token.usedAt), isNull(token.revokedAt)));
    const self = await memberActorOf(tx, updated);
    await recordAudit(tx, self, {
      action: "member.password-set",
      target: { type: "member", id: updated.id },
      details: { via: purpose === "invite" ? "welcome link" : "reset link", voicemailPinSet: needsPin },
      ip,
      at: now,
    });
    if (purpose === "reset") await queuePasswordChanged(tx, link, updated, now);
    return updated;
  });
  await clearThrottle(db, accountKey!);
  if (purpose === "reset") nudgeDispatcher();
  return {
    purpose,
    organizationName: link.organization.name,
    memberName: `${result.firstName} ${result.lastName}`.trim(),
    claims: { kind: "member", id: result.id, sessionVersion: result.sessionVersion },
  };
}

/** Every rule the submission breaks, beside its field; null when it may be saved. */
function inputProblem(link: FoundLink, input: SetPasswordInput): ValidationError | null {
  const m = link.member;
  const problem = passwordProblem(input.password, {
    minLength: link.organization.minPasswordLength,
    loginName: m.loginName,
    email: m.primaryEmail,
    names: [m.firstName, m.lastName, link.organization.name, link.organization.slug],
  });
  if (problem) return new ValidationError(problem, "password");
  if (input.confirmPassword !== input.password) return new ValidationError("The two passwords don't match. Type the same password twice.", "confirmPassword");
  if (!m.voicemailPinHash) {
    const pin = pinProblem(input.voicemailPin ?? "", { extension: m.extension });
    if (pin) return new ValidationError(input.voicemailPin ? pin : "Choose a voicemail PIN of 4 to 8 digits.", "voicemailPin");
  }
  return null;
}

async function queuePasswordChanged(tx: Executor, link: FoundLink, m: typeof member.$inferSelect, now: Date) {
  if (!m.primaryEmail) return;
  const { appUrl, emailFrom } = getConfig();
  const content = await renderEmail("password-changed", { ...emailBaseFor(link.organization, m, appUrl), changedAt: now, signInUrl: `${appUrl}/sign-in` });
  await queueEmails(tx, [
    { organizationId: link.organization.id, memberId: m.id, template: "password-changed", to: m.primaryEmail, content, ...envelopeFor(link.organization, emailFrom) },
  ]);
}
