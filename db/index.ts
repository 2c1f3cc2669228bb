import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { Pool } from "pg";
import { installQueryErrorRedaction } from "./query-errors";
import * as schema from "./schema";

// A failed query is logged by its error code and statement only, never with its parameters (db/query-errors.ts).
installQueryErrorRedaction();

/**
 * Two databases, one code path (SPEC §8): PostgreSQL through `pg` when DATABASE_URL is set, otherwise PGlite embedded
 * in PGLITE_DATA_DIR. Both are opened, migrated and handed out as the same Drizzle type.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What a domain function accepts when it may run inside its caller's transaction. */
export type Executor = Database | Transaction;

export type DatabaseHandle = { db: Database; kind: "postgres" | "pglite"; close: () => Promise<void> };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
// Any fixed number: every instance that starts at once waits on the same lock, so migrations run once.
const MIGRATION_LOCK = 7_402_113;

export async function openDatabase({
  url = process.env.DATABASE_URL || undefined,
  dataDir = process.env.PGLITE_DATA_DIR || ".data/pglite",
}: { url?: string; dataDir?: string } = {}): Promise<DatabaseHandle> {
  if (url) {
    // JIT compiles plans that PostgreSQL thinks are costly (a deep page of 100,000 members): ~140 ms of compiling
    // for queries that run in milliseconds. Short interactive queries are all this app sends.
    const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: "-c jit=off" });
    // An idle connection the server ends (a restart, a DROP DATABASE … WITH (FORCE) after a test run) is an error
    // event on the pool: without a listener it would end the whole process. The pool opens a new one when asked.
    let closing = false;
    pool.on("error", (error: Error & { code?: string }) => {
      if (!closing) console.error(`Gatehouse: an idle database connection ended (${error.code ?? "no code"}); the next query opens another.`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    const client = await pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    return {
      db,
      kind: "postgres",
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  // PGlite does not create parent folders, and puts no lock on its folder: two processes on one folder corrupt it.
  const onDisk = !dataDir.includes("://");
  if (onDisk) fs.mkdirSync(dataDir, { recursive: true });
  const release = onDisk ? lockDataDir(dataDir) : () => undefined;
  try {
    const client = new PGlite(dataDir, { extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS });
    return { db, kind: "pglite", close: () => client.close().finally(release) };
  } catch (error) {
    release();
    throw error;
  }
}

export class DataDirInUseError extends Error {}

/**
 * Keeps a second process (`npm run db:seed` while `npm run dev` runs, say) out of a PGlite folder with a pid file.
 * A pid file left by a process that has died is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "gatehouse.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => fs.rmSync(lockFile, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by process ${holder} (is \`npm run dev\` running?). Stop that process first, or set DATABASE_URL to use PostgreSQL.`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone (or it is ours, from an earlier open)
    }
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// One handle per process, kept on globalThis so `next dev` hot reloads reuse it; a failed open is not kept.
const cache = globalThis as unknown as { __gatehouseDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  return (cache.__gatehouseDb ??= openDatabase().catch((error) => {
    cache.__gatehouseDb = undefined;
    throw error;
  }));
}

/** The process's database, opened and migrated on first use. */
export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Closes the process's database (scripts and tests call this before exiting). */
export async function closeDb(): Promise<void> {
  const handle = cache.__gatehouseDb;
  cache.__gatehouseDb = undefined;
  if (handle) await (await handle).close();
}

/** Rows of a raw query, the same on both drivers (both return `.rows`). */
export async function rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export { schema };
