import { and, asc, eq, or } from "drizzle-orm";
import { getDb } from "@/db";
import { member, supportStaff } from "@/db/schema";
import type { AccountClaims } from "../actor";
import { recordAudit } from "../audit";
import { spendVerifyTime, verifyPassword } from "../passwords";
import { clearThrottle, recordFailure, secondsBlockedByKey, type ThrottleRule } from "../throttle";

/**
 * Per account: 5 wrong passwords in 15 minutes pause that account's sign-in for 15 minutes, whichever of its
 * identifiers (login name, email) was typed. The same rule counts per identifier typed, so an unknown identifier is
 * paused exactly like a known one, and an email shared by several accounts has a count of its own (see below).
 */
export const ACCOUNT_SIGN_IN_RULE: ThrottleRule = { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
/** Per IP address: 30 failures in 15 minutes pause sign-in from that address for 15 minutes (one office may share it). */
export const IP_SIGN_IN_RULE: ThrottleRule = { failures: 30, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export type AuthenticateResult =
  | { ok: true; claims: AccountClaims }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

// An email shared by many accounts is checked against each of them; beyond this many, sign in with the login name.
const MAX_CANDIDATES = 10;

type Candidate =
  | { kind: "member"; id: string; organizationId: string; passwordHash: string; active: boolean; sessionVersion: number; loginName: string | null }
  | { kind: "support"; id: string; organizationId: null; passwordHash: string; active: boolean; sessionVersion: number; loginName: null; name: string; email: string };

const accountKeyOf = (c: Candidate) => `sign-in:${c.kind}:${c.id}`;

/**
 * Signs in with a login name or an email and a password (SPEC §4.2). An email shared by several accounts signs in the
 * one whose password matches. The answer never says whether the account exists: unknown names cost the same time and
 * count towards the same throttle as wrong passwords (SPEC §6).
 *
 * Failures count against the identifier typed and, when it names exactly one account, against that account, so a
 * paused account stays paused whether its login name or its email is typed next. A failure through an email shared by
 * several accounts counts against that email only: one of the people sharing it cannot pause the others' accounts,
 * who keep signing in with their login names, and an account paused on its own is skipped when the shared email is
 * tried, so the pause is not sidestepped either.
 */
export async function authenticate({
  identifier: rawIdentifier,
  password,
  ip,
  userAgent = null,
  now = new Date(),
}: {
  identifier: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  now?: Date;
}): Promise<AuthenticateResult> {
  const db = await getDb();
  const identifier = rawIdentifier.trim().toLowerCase();
  const identifierKey = `sign-in:identifier:${identifier}`;
  const ipKey = ip ? `sign-in:ip:${ip}` : null;

  const [members, staff] = await Promise.all([
    db
      .select({ id: member.id, organizationId: member.organizationId, passwordHash: member.passwordHash, status: member.status, sessionVersion: member.sessionVersion, loginName: member.loginName })
      .from(member)
      .where(and(eq(member.portalAccess, true), or(eq(member.loginName, identifier), eq(member.primaryEmail, identifier))))
      .orderBy(asc(member.createdAt))
      .limit(MAX_CANDIDATES),
    db.select().from(supportStaff).where(eq(supportStaff.email, identifier)).limit(1),
  ]);
  // Accounts without a password yet cannot be signed in to, so they are not candidates (nor paused).
  const accounts: Candidate[] = [
    ...members.flatMap((m) => (m.passwordHash ? [{ kind: "member" as const, id: m.id, organizationId: m.organizationId, passwordHash: m.passwordHash, active: m.status === "active", sessionVersion: m.sessionVersion, loginName: m.loginName }] : [])),
    ...staff.map((st) => ({ kind: "support" as const, id: st.id, organizationId: null, passwordHash: st.passwordHash, active: !st.disabledAt, sessionVersion: st.sessionVersion, loginName: null, name: st.name, email: st.email })),
  ];
  // A login name names one account; so does an email that only one account has.
  const named = accounts.find((a) => a.loginName === identifier) ?? (accounts.length === 1 ? accounts[0] : undefined);
  // A login name match is tried first; then every account sharing the email, oldest first.
  const candidates = named ? [named] : accounts;

  const keys = [identifierKey, ...(ipKey ? [ipKey] : []), ...candidates.map(accountKeyOf)];
  const blocked = await secondsBlockedByKey(db, keys, now);
  const sharedBlock = Math.max(0, ...[identifierKey, ipKey].map((k) => (k ? blocked.get(k) ?? 0 : 0)));
  if (sharedBlock > 0) return { ok: false, reason: "throttled", retryAfterSeconds: sharedBlock };
  const open = candidates.filter((c) => !blocked.has(accountKeyOf(c)));
  if (open.length === 0 && candidates.length > 0) {
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.min(...candidates.map((c) => blocked.get(accountKeyOf(c))!)) };
  }

  let matched: Candidate | null = null;
  for (const c of open) {
    if (await verifyPassword(c.passwordHash, password)) {
      matched = c;
      break;
    }
  }
  if (open.length === 0) await spendVerifyTime(password);

  // A disabled account with the right password still gets only the generic answer, and counts as a failure.
  if (matched?.active) {
    await clearThrottle(db, identifierKey);
    await clearThrottle(db, accountKeyOf(matched));
    if (matched.kind === "support") {
      await recordAudit(db, { kind: "support", supportId: matched.id, name: matched.name, email: matched.email }, {
        action: "support.sign-in",
        organizationId: null,
        ip,
        userAgent,
        at: now,
      });
    }
    return { ok: true, claims: { kind: matched.kind, id: matched.id, sessionVersion: matched.sessionVersion } };
  }

  // Count the failure against the identifier, the account it names and the address; a block that starts now is
  // audited once (issue: foundation).
  const minutes = ACCOUNT_SIGN_IN_RULE.blockSeconds / 60;
  const blockedForSeconds = await db.transaction(async (tx) => {
    let blockSeconds = 0;
    const typed = await recordFailure(tx, identifierKey, ACCOUNT_SIGN_IN_RULE, now);
    if (named) {
      const account = await recordFailure(tx, accountKeyOf(named), ACCOUNT_SIGN_IN_RULE, now);
      if (account.blockedNow) {
        await recordAudit(tx, null, { action: "sign-in.locked-out", organizationId: named.organizationId, details: { scope: "account", identifier, minutes }, ip, userAgent, at: now });
      }
      if (account.blockedNow || typed.blockedNow) blockSeconds = ACCOUNT_SIGN_IN_RULE.blockSeconds;
    } else if (typed.blockedNow) {
      // An unknown identifier, or an email several accounts share: told apart in the audit log, never in the answer.
      const organizations = [...new Set(accounts.map((a) => a.organizationId))];
      for (const organizationId of organizations.length ? organizations : [null]) {
        await recordAudit(tx, null, { action: "sign-in.locked-out", organizationId, details: { scope: accounts.length ? "shared-email" : "account", identifier, minutes }, ip, userAgent, at: now });
      }
      blockSeconds = ACCOUNT_SIGN_IN_RULE.blockSeconds;
    }
    if (ipKey) {
      const address = await recordFailure(tx, ipKey, IP_SIGN_IN_RULE, now);
      if (address.blockedNow) {
        await recordAudit(tx, null, {
          action: "sign-in.locked-out",
          organizationId: null,
          details: { scope: "ip", minutes: IP_SIGN_IN_RULE.blockSeconds / 60 },
          ip,
          userAgent,
          at: now,
        });
        return IP_SIGN_IN_RULE.blockSeconds;
      }
    }
    return blockSeconds;
  });
  // The attempt that starts a block already says so, rather than one attempt later.
  if (blockedForSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds: blockedForSeconds };
  return { ok: false, reason: "invalid" };
}
