import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db";

/**
 * For tests that need an empty database (first-run setup): on PostgreSQL a database of its own for this file; on
 * PGlite each test file already has its own in-memory database.
 */
export function withEmptyDatabase() {
  const runUrl = process.env.DATABASE_URL;
  const name = `gatehouse_empty_${process.pid}_${Date.now()}`;
  beforeAll(async () => {
    if (!runUrl) return;
    await admin(runUrl, `CREATE DATABASE ${name}`);
    const url = new URL(runUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  });
  afterAll(async () => {
    if (!runUrl) return;
    await closeDb();
    await admin(runUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    process.env.DATABASE_URL = runUrl;
  });
}

async function admin(runUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: runUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
