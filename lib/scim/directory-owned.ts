import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { directoryToken, type Member } from "@/db/schema";
import { InvalidFieldsError } from "../errors";

/**
 * The fields of a member that directory sync owns (SPEC §4.16): while a token manages the member, their name, email
 * address, direct number and department are the directory's, read-only in Gatehouse; the rest (extension, site,
 * team, role) stay the manager's. Keyed by the member column, valued by the form field.
 */
export const DIRECTORY_OWNED = { firstName: "firstName", lastName: "lastName", primaryEmail: "email", directNumber: "directNumber", department: "department" } as const;

/** The directory's name for a managed member ("Microsoft Entra ID"), or null when no token manages them. */
export async function managingDirectory(db: Executor, m: Pick<Member, "directoryTokenId">): Promise<string | null> {
  if (!m.directoryTokenId) return null;
  const [token] = await db.select({ name: directoryToken.name }).from(directoryToken).where(eq(directoryToken.id, m.directoryTokenId));
  return token?.name ?? "your directory";
}

/** Refuses a manager's change to a field the directory owns, naming each field and where to change it instead. */
export async function assertDirectoryFieldsUnchanged(db: Executor, current: Member, next: Partial<Record<keyof typeof DIRECTORY_OWNED, unknown>>) {
  const directory = await managingDirectory(db, current);
  if (!directory) return;
  const changed = (Object.keys(DIRECTORY_OWNED) as (keyof typeof DIRECTORY_OWNED)[]).filter((key) => key in next && (next[key] ?? null) !== (current[key] ?? null));
  if (!changed.length) return;
  const message = `Managed by directory sync: change it in ${directory}`;
  throw new InvalidFieldsError(`Some of these fields come from ${directory}: change them there.`, Object.fromEntries(changed.map((key) => [DIRECTORY_OWNED[key], [message]])));
}
