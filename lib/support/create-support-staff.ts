import { getDb } from "@/db";
import { supportStaff } from "@/db/schema";
import type { SystemActor } from "../actor";
import { recordAudit } from "../audit";
import { fromConstraintViolation, ValidationError } from "../errors";
import { DEFAULT_MIN_PASSWORD_LENGTH, hashPassword, passwordProblem } from "../passwords";
import { emailAddress, personName } from "../validation";

/**
 * Creates a platform support account, outside every organization (SPEC §1). Only `npm run support:create` calls
 * this: no page can make support staff.
 */
export async function createSupportStaff({ actor, email: rawEmail, name: rawName, password }: { actor: SystemActor; email: string; name: string; password: string }) {
  const email = emailAddress().safeParse(rawEmail);
  if (!email.success) throw new ValidationError(email.error.issues[0]!.message, "email");
  const name = personName("name").safeParse(rawName);
  if (!name.success) throw new ValidationError(name.error.issues[0]!.message, "name");
  const problem = passwordProblem(password, { minLength: DEFAULT_MIN_PASSWORD_LENGTH, email: email.data, names: [name.data] });
  if (problem) throw new ValidationError(problem, "password");
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [staff] = await tx.insert(supportStaff).values({ email: email.data, name: name.data, passwordHash }).returning();
      await recordAudit(tx, actor, { action: "support.create", organizationId: null, target: { type: "support_staff", id: staff!.id }, details: { email: email.data } });
      return staff!;
    });
  } catch (error) {
    throw fromConstraintViolation(error);
  }
}
