import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db";
import { adminQuery } from "./pg-admin";

/**
 * For tests that need an empty database (first-run setup): on PostgreSQL a database of its own for this file; on
 * PGlite each test file already has its own in-memory database.
 */
export function withEmptyDatabase() {
  const runUrl = process.env.DATABASE_URL;
  const name = `gatehouse_empty_${process.pid}_${Date.now()}`;
  beforeAll(async () => {
    if (!runUrl) return;
    await adminQuery(runUrl, `CREATE DATABASE ${name}`);
    const url = new URL(runUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  });
  afterAll(async () => {
    if (!runUrl) return;
    await closeDb();
    await adminQuery(runUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    process.env.DATABASE_URL = runUrl;
  });
}
