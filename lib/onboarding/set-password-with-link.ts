import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, throttle, token, type Role } from "@/db/schema";
import { actorLabel, type AccountClaims } from "../actor";
import { nudgeDispatcher } from "../email/runtime";
import { queuePasswordChanged } from "../email/password-changed";
import { DomainError, InvalidFieldsError } from "../errors";
import { en, memberLanguage, messagesFor, pauseWords, type Messages } from "../i18n/language";
import { describePasswordProblem, hashPassword, hashPin, passwordProblems, pinProblems } from "../passwords";
import { fullName } from "../members/format";
import { recordFailure, secondsBlocked, type ThrottleRule } from "../throttle";
import { hashTokenSecret } from "../tokens";
import type { LinkPurpose } from "./link-emails";
import { findLink, isLinkSecret, passwordContextOf, selectLink, stateOf, type FoundLink, type LinkState } from "./links";

/** The link can't set a password: the page shows which case it is and offers a new link (SPEC §4.7). */
export class LinkNotUsableError extends DomainError {
  constructor(readonly state: Exclude<LinkState, "valid">) {
    super("This link can no longer be used.");
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    t: Messages = en,
  ) {
    super(t.forms.tooManyAttempts(pauseWords(t, retryAfterSeconds)));
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
  /** Members land on "You're all set" after their first password; managers on their home page. */
  role: Role;
  /** For signing the member in after a welcome link; a reset asks them to sign in themselves (SPEC §4.8). */
  claims: AccountClaims;
};

/**
 * The POST of the set-password and reset-password pages (SPEC §4.7, §4.8, §6): the only thing that consumes a link.
 * Checks the link, the password rules of the member's organization and the voicemail PIN when none is set, hashes,
 * then in one statement (consumeLink): uses the link (only if it is still open, so of two POSTs with it the second
 * finds it used), stores the password, marks the member "Active" with "Confirmed at" stamped, revokes every other open
 * invite or reset link and audits it; a reset also ends every session (session version) and queues "Your password was
 * changed" in the same transaction. Refused submissions count towards throttling per account and per IP and write
 * nothing else.
 */
export async function setPasswordWithLink({
  purpose,
  input,
  ip = null,
  userAgent = null,
  language = "en",
  now = new Date(),
}: {
  purpose: LinkPurpose;
  input: SetPasswordInput;
  ip?: string | null;
  userAgent?: string | null;
  /** The words of a refusal when the link names no member (whose own language is used otherwise). */
  language?: string;
  now?: Date;
}): Promise<PasswordSet> {
  const db = await getDb();
  // Two round trips in all when it succeeds (SPEC §7: fifty of these at once): find with the throttle check, consume.
  const ipKey = ip ? `set-password:ip:${ip}` : null;
  const { link, blockedSeconds } = await findLinkToSubmit(db, input.secret, purpose, ipKey, now);
  const t = link ? messagesFor(memberLanguage(link.member, link.organization)) : messagesFor(language);
  if (blockedSeconds) throw new TooManyAttemptsError(blockedSeconds, t);
  const accountKey = link ? accountKeyOf(link.member.id) : null;
  const refused = async (error: DomainError): Promise<never> => {
    if (accountKey) await recordFailure(db, accountKey, ACCOUNT_SET_PASSWORD_RULE, now);
    if (ipKey) await recordFailure(db, ipKey, IP_SET_PASSWORD_RULE, now);
    throw error;
  };
  if (!link) return refused(new LinkNotUsableError("unknown"));
  if (link.state !== "valid") return refused(new LinkNotUsableError(link.state));

  const problem = inputProblem(link, input, t);
  if (problem) return refused(problem);
  // One slow hash, the password's; the PIN's is an HMAC (lib/passwords.ts).
  const pinHash = link.member.voicemailPinHash ? null : hashPin(input.voicemailPin!);
  const passwordHash = await hashPassword(input.password);
  const consume = (ex: Executor) => consumeLink(ex, { link, purpose, passwordHash, pinHash, accountKey: accountKey!, ip, userAgent, now });
  const updated =
    purpose === "invite"
      ? await consume(db)
      : await db.transaction(async (tx) => {
          const changed = await consume(tx);
          if (changed) {
            const recipient = { id: changed.id, firstName: changed.first_name, lastName: changed.last_name, loginName: changed.login_name, language: changed.language, timeZone: changed.time_zone, primaryEmail: changed.primary_email };
            await queuePasswordChanged(tx, link.organization, recipient, now);
          }
          return changed;
        });
  if (!updated) {
    // Used, replaced or expired since it was read (another tab, a double submit): say which.
    const now2 = await findLink(db, input.secret, purpose, now);
    throw new LinkNotUsableError(now2 && now2.state !== "valid" ? now2.state : "used");
  }
  if (purpose === "reset") nudgeDispatcher();
  return {
    purpose,
    organizationName: link.organization.name,
    memberName: `${updated.first_name} ${updated.last_name}`.trim(),
    role: link.member.role,
    claims: { kind: "member", id: updated.id, sessionVersion: updated.session_version },
  };
}

const ACCOUNT_KEY_PREFIX = "set-password:account:";
const accountKeyOf = (memberId: string) => `${ACCOUNT_KEY_PREFIX}${memberId}`;

/**
 * The link a secret names (as findLink reads it) and, in the same statement, whether its account or the client's
 * address is blocked now: seconds until both are free, 0 when neither is. An unknown secret costs a second query, for
 * the address alone. The statement is prepared once per database (fifty of these at once, SPEC §7: building it each
 * time was a measurable share of the event loop's work).
 */
async function findLinkToSubmit(
  db: Executor,
  secret: string,
  purpose: LinkPurpose,
  ipKey: string | null,
  now: Date,
): Promise<{ link: FoundLink | null; blockedSeconds: number }> {
  const [found] = isLinkSecret(secret)
    ? await linkToSubmitQuery(db).execute({ secretHash: hashTokenSecret(secret), purpose, ipKey, now: now.toISOString() })
    : [];
  if (!found) return { link: null, blockedSeconds: ipKey ? await secondsBlocked(db, [ipKey], now) : 0 };
  const { blockedUntil, ...link } = found;
  const blockedSeconds = blockedUntil ? Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000) : 0;
  return { link: { ...link, state: await stateOf(db, link.token, link.member, now) }, blockedSeconds };
}

const linkToSubmitQueries = new WeakMap<Executor, ReturnType<typeof prepareLinkToSubmit>>();
const linkToSubmitQuery = (db: Executor) => {
  let query = linkToSubmitQueries.get(db);
  if (!query) linkToSubmitQueries.set(db, (query = prepareLinkToSubmit(db)));
  return query;
};

function prepareLinkToSubmit(db: Executor) {
  const now = sql.placeholder("now");
  // A null ipKey (no address known) matches no throttle row.
  const keys = sql`${sql.placeholder("ipKey")}::text, ${ACCOUNT_KEY_PREFIX}::text || ${member.id}::text`;
  return selectLink(db, {
    blockedUntil: sql<Date | null>`(select max(${throttle.blockedUntil}) from ${throttle}
      where ${throttle.key} in (${keys}) and ${throttle.blockedUntil} > ${now}::timestamptz)`.mapWith(throttle.blockedUntil),
  })
    .where(and(eq(token.secretHash, sql.placeholder("secretHash")), eq(token.purpose, sql.placeholder("purpose"))))
    .limit(1)
    .prepare("find_link_to_submit");
}

type Changed = { id: string; session_version: number; first_name: string; last_name: string; primary_email: string | null; language: string | null; time_zone: string | null; login_name: string | null };

/**
 * Uses the link and sets the password as one statement: the link is used only while it is still open and its member
 * not disabled, and everything else hangs off that row, so either all of it happens or none. Null when the link was
 * no longer open. A welcome link's runs on the database itself as a statement prepared once (fifty at once, SPEC §7:
 * planning this statement every time was a measurable share of the database's work); a reset's runs in the caller's
 * transaction.
 */
async function consumeLink(
  tx: Executor,
  {
    link,
    purpose,
    passwordHash,
    pinHash,
    accountKey,
    ip,
    userAgent,
    now,
  }: { link: FoundLink; purpose: LinkPurpose; passwordHash: string; pinHash: string | null; accountKey: string; ip: string | null; userAgent: string | null; now: Date },
): Promise<Changed | null> {
  const m = link.member;
  const values = {
    now,
    tokenId: link.token.id,
    passwordHash,
    pinHash,
    sessionVersionStep: purpose === "reset" ? 1 : 0,
    organizationId: m.organizationId,
    actorLabel: actorLabel({ kind: "member", memberId: m.id, organizationId: m.organizationId, role: m.role, siteIds: [], teamIds: [], name: fullName(m), loginName: m.loginName }),
    details: JSON.stringify({ via: purpose === "invite" ? "welcome link" : "reset link", voicemailPinSet: pinHash !== null }),
    ip,
    userAgent: userAgent?.slice(0, 512) ?? null,
    accountKey,
  };
  const [changed] = await (purpose === "invite" ? consumeLinkQuery(tx).execute(values) : buildConsumeLink(tx).execute(values));
  return changed ?? null;
}

const consumeLinkQueries = new WeakMap<Executor, ReturnType<typeof prepareConsumeLink>>();
const consumeLinkQuery = (db: Executor) => {
  let query = consumeLinkQueries.get(db);
  if (!query) consumeLinkQueries.set(db, (query = prepareConsumeLink(db)));
  return query;
};
const prepareConsumeLink = (db: Executor) => buildConsumeLink(db).prepare("consume_link");

function buildConsumeLink(db: Executor) {
  const p = sql.placeholder;
  const used = db.$with("used", { memberId: sql<string>`member_id`.as("member_id") }).as(
    sql`update token set used_at = ${p("now")}
        where id = ${p("tokenId")} and used_at is null and revoked_at is null and expires_at > ${p("now")}
          and member_id in (select id from member where status <> 'disabled' and portal_access)
        returning member_id`,
  );
  const column = <T>(name: keyof Changed) => sql<T>`${sql.identifier(name)}`.as(name);
  const changed = db
    .$with("changed", {
      id: column<string>("id"),
      session_version: column<number>("session_version"),
      first_name: column<string>("first_name"),
      last_name: column<string>("last_name"),
      primary_email: column<string | null>("primary_email"),
      language: column<string | null>("language"),
      time_zone: column<string | null>("time_zone"),
      login_name: column<string | null>("login_name"),
    })
    .as(
      sql`update member set password_hash = ${p("passwordHash")}, voicemail_pin_hash = coalesce(${p("pinHash")}::text, voicemail_pin_hash),
            status = 'active', confirmed_at = coalesce(confirmed_at, ${p("now")}::timestamptz), updated_at = ${p("now")},
            -- A reset ends every session of the member, wherever they are signed in (SPEC §4.8, §6).
            session_version = session_version + ${p("sessionVersionStep")}::int
          where id = (select member_id from ${used})
          returning id, session_version, first_name, last_name, primary_email, language, time_zone, login_name`,
    );
  const revoked = db.$with("revoked", {}).as(
    sql`update token set revoked_at = ${p("now")}
        where member_id = (select id from ${changed}) and id <> ${p("tokenId")} and purpose in ('invite', 'reset')
          and used_at is null and revoked_at is null`,
  );
  const audited = db.$with("audited", {}).as(
    sql`insert into audit_event (organization_id, actor_member_id, actor_label, action, target_type, target_id, details, ip, user_agent, created_at)
        select ${p("organizationId")}::uuid, id, ${p("actorLabel")}::text, 'member.password-set', 'member', id::text,
          ${p("details")}::jsonb, ${p("ip")}::text, ${p("userAgent")}::text, ${p("now")}::timestamptz from ${changed}`,
  );
  const cleared = db.$with("cleared", {}).as(sql`delete from throttle where key = ${p("accountKey")} and exists (select 1 from ${changed})`);
  return db.with(used, changed, revoked, audited, cleared).select().from(changed);
}

/** Every rule the submission breaks, each beside its field and all at once, in the member's words; null when it may be saved. */
function inputProblem(link: FoundLink, input: SetPasswordInput, t: Messages): InvalidFieldsError | null {
  const m = link.member;
  const refusals: Record<string, string[]> = {};
  const problems = passwordProblems(input.password, passwordContextOf(link));
  if (problems.length) refusals.password = problems.map((p) => describePasswordProblem(p, t.password.rules));
  if (input.confirmPassword !== input.password) refusals.confirmPassword = [t.password.mismatch];
  if (!m.voicemailPinHash) {
    const pin = pinProblems(input.voicemailPin ?? "", { extension: m.extension });
    if (pin.length) refusals.voicemailPin = input.voicemailPin ? pin.map((rule) => t.pin.rules[rule]) : [t.pin.rules.required];
  }
  return Object.keys(refusals).length ? new InvalidFieldsError(t.forms.checkFields, refusals) : null;
}
