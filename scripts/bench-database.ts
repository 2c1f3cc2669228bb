import pg from "pg";
import { closeDb, getDb, type Database } from "@/db";

/**
 * A fresh PostgreSQL database for one benchmark run, migrated, and dropped afterwards (also on Ctrl-C). The server is
 * DATABASE_URL's, else 127.0.0.1:5432 with the postgres user. While `work` runs, DATABASE_URL names the fresh
 * database, so the domain code under measurement (which opens the process's database itself) uses it too.
 */
/** The PostgreSQL server benchmarks use: DATABASE_URL's, else 127.0.0.1:5432 with the postgres user. */
export const benchServer = () => new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");

/** Runs one statement (CREATE / DROP DATABASE) on the benchmark server's postgres database. */
export async function adminStatement(statement: string, server = benchServer()): Promise<void> {
  const client = new pg.Client({ connectionString: new URL("/postgres", server).toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function withBenchDatabase<T>(prefix: string, work: (bench: { db: Database; url: string }) => Promise<T>): Promise<T> {
  const server = benchServer();
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const url = new URL(`/${name}`, server).toString();
  const admin = (statement: string) => adminStatement(statement, server);
  await admin(`CREATE DATABASE ${name}`);
  const drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  const serverUrl = process.env.DATABASE_URL;
  try {
    process.env.DATABASE_URL = url;
    return await work({ db: await getDb(), url });
  } finally {
    await closeDb().catch(() => undefined);
    if (serverUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = serverUrl;
    await drop();
    process.off("SIGINT", onSignal);
  }
}

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
