import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, or } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, type Member } from "@/db/schema";
import { nudgeDispatcher } from "../email/runtime";
import { recordFailure, secondsBlocked, type ThrottleRule } from "../throttle";
import { queueLinkEmails, type LinkPurpose } from "./link-emails";
import { findLink } from "./links";
import { linkPurposeFor, whyNotSendable } from "./sendability";
import { organizationFor } from "./send-link-emails";

/**
 * The two ways a member asks for a link themselves: "Forgot your password?" (SPEC §4.8) and "Send me a new link" on
 * an expired, used or replaced link's page (SPEC §4.7). Both answer the same whatever happens, in about the same
 * time (SPEC §6): whether an account exists, is disabled or got an email is never told, and the email only ever goes
 * to the address on file. Only throttling is said, as "try again in…", and it is keyed on what was typed or the
 * link, so it says nothing either.
 */

export type LinkRequestOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Per login name or email typed: 5 requests in 15 minutes, then a 15-minute pause. */
export const ACCOUNT_REQUEST_RULE: ThrottleRule = { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
/** Per IP address: 20 requests in 15 minutes, then a 15-minute pause (an office may share one address). */
export const IP_REQUEST_RULE: ThrottleRule = { failures: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

/** Every answer takes at least this long, so a found account (an email rendered and queued) looks like a missing one. */
export const REQUEST_ANSWER_MS = 400;

// An email shared by several accounts gets a link for each of them; beyond this many, ask with the login name.
const MAX_ACCOUNTS = 10;

/**
 * "Forgot your password?": a reset link to every active account the login name or email names, and a new welcome
 * link to an account that never set a password (seed 003: it has nothing to reset). Disabled accounts get nothing.
 */
export async function requestPasswordReset({
  identifier: typed,
  ip = null,
  userAgent = null,
  now = new Date(),
  answerMs = REQUEST_ANSWER_MS,
}: {
  identifier: string;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
  answerMs?: number;
}): Promise<LinkRequestOutcome> {
  const identifier = typed.trim().toLowerCase();
  return answeredAfter(answerMs, async () => {
    const db = await getDb();
    const throttled = await countRequest(db, [`forgot-password:account:${identifier}`, ip && `forgot-password:ip:${ip}`], now);
    if (throttled) return throttled;
    const accounts = await db
      .select()
      .from(member)
      .where(and(eq(member.portalAccess, true), or(eq(member.loginName, identifier), eq(member.primaryEmail, identifier))))
      .orderBy(asc(member.createdAt))
      .limit(MAX_ACCOUNTS);
    await sendOwnLinks(db, accounts, { ip, userAgent, now, via: "forgot-password" });
    return { ok: true };
  });
}

/**
 * "Send me a new link" from a link's page: a fresh link of the kind the member needs now (a reset once they have set
 * a password, else a new welcome link), to the address on file, never to one typed on the page.
 */
export async function requestNewLink({
  secret,
  purpose,
  ip = null,
  userAgent = null,
  now = new Date(),
  answerMs = REQUEST_ANSWER_MS,
}: {
  secret: string;
  purpose: LinkPurpose;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
  answerMs?: number;
}): Promise<LinkRequestOutcome> {
  return answeredAfter(answerMs, async () => {
    const db = await getDb();
    const link = await findLink(db, secret, purpose, now);
    const throttled = await countRequest(db, [link && `new-link:account:${link.member.id}`, ip && `new-link:ip:${ip}`], now);
    if (throttled) return throttled;
    if (link) await sendOwnLinks(db, [link.member], { ip, userAgent, now, via: "new-link" });
    return { ok: true };
  });
}

/** Counts the request against each key; a key that is paused answers with how long, and nothing is sent. */
async function countRequest(db: Executor, keys: (string | null | false)[], now: Date): Promise<LinkRequestOutcome | null> {
  const live = keys.filter((k): k is string => !!k);
  const blocked = await secondsBlocked(db, live, now);
  if (blocked) return { ok: false, retryAfterSeconds: blocked };
  for (const key of live) await recordFailure(db, key, key.includes(":ip:") ? IP_REQUEST_RULE : ACCOUNT_REQUEST_RULE, now);
  return null;
}

/** The link each account needs now, grouped by organization (each has its own sender, lifetimes and language). */
async function sendOwnLinks(db: Executor, accounts: Member[], { ip, userAgent, now, via }: { ip: string | null; userAgent: string | null; now: Date; via: string }) {
  const wanted = accounts.flatMap((m) => {
    const purpose = linkPurposeFor(m);
    return whyNotSendable(null, m, purpose) ? [] : [{ m, purpose }];
  });
  if (!wanted.length) return;
  await db.transaction(async (tx) => {
    for (const { m, purpose } of wanted) {
      const organization = await organizationFor(tx, m.organizationId);
      // Audited as sent at the member's own request, with how they asked (queueLinkEmails writes the event).
      await queueLinkEmails(tx, { organization, recipients: [m], purpose, actor: null, ip, userAgent, auditDetails: { requestedBy: "member", via }, now });
    }
  });
  nudgeDispatcher();
}

/** Runs the work, then waits out the rest of `ms`, so the time taken doesn't tell what the work found. */
async function answeredAfter<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = ms - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
