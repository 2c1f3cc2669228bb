import { sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { member, organization } from "@/db/schema";
import { memberActorOf } from "../actor";
import { recordAudit } from "../audit";
import { ConflictError, ValidationError } from "../errors";
import { proposeLoginName, slugify } from "../members/login-name";
import { DEFAULT_MIN_PASSWORD_LENGTH, hashPassword, passwordProblem } from "../passwords";
import type { SetupInput } from "./schemas";

export class SetupAlreadyDoneError extends ConflictError {
  constructor() {
    super("Gatehouse is already set up. Sign in instead.");
  }
}

// Any fixed number: two setup requests racing each other queue on this lock, and the second finds the first's work.
const SETUP_LOCK = 7_402_114;

let setupDone = false;
/** True while the database holds no organization: every visitor is sent to /setup (SPEC §4.1). */
export async function isSetupNeeded(db?: Executor): Promise<boolean> {
  if (setupDone) return false; // an organization never disappears again, so "done" can be remembered
  const found = await (db ?? (await getDb())).select({ id: organization.id }).from(organization).limit(1);
  setupDone = found.length > 0;
  return !setupDone;
}

/**
 * First run (SPEC §4.1): creates the organization and its owner, who sets a password here and is active at once.
 * Only ever succeeds once: a second call, even racing the first, creates nothing and throws SetupAlreadyDoneError.
 */
export async function completeSetup({ input, ip = null, userAgent = null, now = new Date() }: { input: SetupInput; ip?: string | null; userAgent?: string | null; now?: Date }) {
  const db = await getDb();
  const slug = input.slug ?? slugify(input.organizationName);
  if (!slug) throw new ValidationError("Enter a short name using letters or digits, e.g. acme", "slug");
  const loginName = proposeLoginName({ firstName: input.firstName, lastName: input.lastName, organizationSlug: slug });
  const problem = passwordProblem(input.password, {
    minLength: DEFAULT_MIN_PASSWORD_LENGTH,
    loginName,
    email: input.email,
    names: [input.firstName, input.lastName, input.organizationName, slug],
  });
  if (problem) throw new ValidationError(problem, "password");
  const passwordHash = await hashPassword(input.password); // before the transaction: it holds a lock

  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    if (!(await isSetupNeeded(tx))) throw new SetupAlreadyDoneError();
    const [org] = await tx
      .insert(organization)
      .values({ name: input.organizationName, slug, senderName: input.organizationName, defaultTimeZone: input.timeZone, createdAt: now, updatedAt: now })
      .returning();
    const [owner] = await tx
      .insert(member)
      .values({
        organizationId: org!.id,
        firstName: input.firstName,
        lastName: input.lastName,
        loginName,
        role: "owner",
        portalAccess: true,
        status: "active",
        primaryEmail: input.email,
        passwordHash,
        timeZone: input.timeZone,
        language: "en",
        confirmedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const actor = await memberActorOf(tx, owner!);
    await recordAudit(tx, actor, {
      action: "organization.setup",
      target: { type: "organization", id: org!.id },
      details: { organizationName: org!.name, slug, owner: loginName },
      ip,
      userAgent,
      at: now,
    });
    return { organization: org!, owner: owner! };
  });
  setupDone = true;
  return created;
}
