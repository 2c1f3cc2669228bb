import { closeDb, DataDirInUseError } from "@/db";
import { DomainError } from "@/lib/errors";

/** Runs a script's body, prints a known problem as one line (no stack), and always closes the database. */
export async function runScript(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof DataDirInUseError || error instanceof DomainError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}
