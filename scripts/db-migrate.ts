/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite folder when it is unset. */
import { closeDb, getDatabaseHandle } from "@/db";

const started = Date.now();
const { kind } = await getDatabaseHandle();
await closeDb();
console.log(`Migrations applied (${kind === "postgres" ? "PostgreSQL" : `PGlite in ${process.env.PGLITE_DATA_DIR || ".data/pglite"}`}) in ${Date.now() - started} ms.`);
