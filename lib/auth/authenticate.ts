import { and, asc, eq, or } from "drizzle-orm";
import { getDb } from "@/db";
import { member, supportStaff } from "@/db/schema";
import type { SessionClaims } from "../actor";
import { recordAudit } from "../audit";
import { spendVerifyTime, verifyPassword } from "../passwords";
import { clearThrottle, recordFailure, secondsBlocked, type ThrottleRule } from "../throttle";

/** Per login name or email: 5 wrong passwords in 15 minutes pause that account's sign-in for 15 minutes. */
export const ACCOUNT_SIGN_IN_RULE: ThrottleRule = { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
/** Per IP address: 30 failures in 15 minutes pause sign-in from that address for 15 minutes (one office may share it). */
export const IP_SIGN_IN_RULE: ThrottleRule = { failures: 30, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export type AuthenticateResult =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

// An email shared by many accounts is checked against each of them; beyond this many, sign in with the login name.
const MAX_CANDIDATES = 10;

/**
 * Signs in with a login name or an email and a password (SPEC §4.2). An email shared by several accounts signs in the
 * one whose password matches. The answer never says whether the account exists: unknown names cost the same time and
 * count towards the same throttle as wrong passwords (SPEC §6).
 */
export async function authenticate({
  identifier: rawIdentifier,
  password,
  ip,
  now = new Date(),
}: {
  identifier: string;
  password: string;
  ip: string | null;
  now?: Date;
}): Promise<AuthenticateResult> {
  const db = await getDb();
  const identifier = rawIdentifier.trim().toLowerCase();
  const accountKey = `sign-in:account:${identifier}`;
  const ipKey = ip ? `sign-in:ip:${ip}` : null;
  const keys = ipKey ? [accountKey, ipKey] : [accountKey];

  const blockedFor = await secondsBlocked(db, keys, now);
  if (blockedFor > 0) return { ok: false, reason: "throttled", retryAfterSeconds: blockedFor };

  const [members, staff] = await Promise.all([
    db
      .select({ id: member.id, organizationId: member.organizationId, passwordHash: member.passwordHash, status: member.status, sessionVersion: member.sessionVersion, loginName: member.loginName })
      .from(member)
      .where(and(eq(member.portalAccess, true), or(eq(member.loginName, identifier), eq(member.primaryEmail, identifier))))
      .orderBy(asc(member.createdAt))
      .limit(MAX_CANDIDATES),
    db.select().from(supportStaff).where(eq(supportStaff.email, identifier)).limit(1),
  ]);

  // A login name match is tried first; then every account sharing the email, oldest first.
  const candidates = [...members].sort((a, b) => Number(b.loginName === identifier) - Number(a.loginName === identifier));
  let claims: SessionClaims | null = null;
  let checked = 0;
  for (const m of candidates) {
    if (!m.passwordHash) continue;
    checked++;
    if (await verifyPassword(m.passwordHash, password)) {
      // A disabled account with the right password still gets only the generic answer.
      if (m.status === "active") claims = { kind: "member", id: m.id, sessionVersion: m.sessionVersion };
      break;
    }
  }
  const support = staff[0];
  if (!claims && support && !support.disabledAt) {
    checked++;
    if (await verifyPassword(support.passwordHash, password)) {
      claims = { kind: "support", id: support.id, sessionVersion: support.sessionVersion };
    }
  }
  if (checked === 0) await spendVerifyTime(password);

  if (claims) {
    await clearThrottle(db, accountKey);
    if (claims.kind === "support") {
      await recordAudit(db, { kind: "support", supportId: support!.id, name: support!.name, email: support!.email }, {
        action: "support.sign-in",
        organizationId: null,
        ip,
        at: now,
      });
    }
    return { ok: true, claims };
  }

  // Count the failure against the account and the address; a block that starts now is audited once (issue: foundation).
  const organizations = [...new Set(members.map((m) => m.organizationId))];
  const blockedForSeconds = await db.transaction(async (tx) => {
    const account = await recordFailure(tx, accountKey, ACCOUNT_SIGN_IN_RULE, now);
    if (account.blockedNow) {
      const details = { scope: "account", identifier, minutes: ACCOUNT_SIGN_IN_RULE.blockSeconds / 60 };
      for (const organizationId of organizations.length ? organizations : [null]) {
        await recordAudit(tx, null, { action: "sign-in.locked-out", organizationId, details, ip, at: now });
      }
    }
    if (ipKey) {
      const address = await recordFailure(tx, ipKey, IP_SIGN_IN_RULE, now);
      if (address.blockedNow) {
        await recordAudit(tx, null, {
          action: "sign-in.locked-out",
          organizationId: null,
          details: { scope: "ip", minutes: IP_SIGN_IN_RULE.blockSeconds / 60 },
          ip,
          at: now,
        });
        return IP_SIGN_IN_RULE.blockSeconds;
      }
    }
    return account.blockedNow ? ACCOUNT_SIGN_IN_RULE.blockSeconds : 0;
  });
  // The attempt that starts a block already says so, rather than one attempt later.
  if (blockedForSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds: blockedForSeconds };
  return { ok: false, reason: "invalid" };
}
