/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite folder when it is unset. */
import { getDatabaseHandle } from "@/db";
import { runScript } from "./run-script";

await runScript(async () => {
  const started = Date.now();
  const { kind } = await getDatabaseHandle();
  const where = kind === "postgres" ? "PostgreSQL" : `PGlite in ${process.env.PGLITE_DATA_DIR || ".data/pglite"}`;
  console.log(`Migrations applied (${where}) in ${Date.now() - started} ms.`);
});
