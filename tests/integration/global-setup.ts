import type { TestProject } from "vitest/node";
import { adminQuery } from "./pg-admin";

/**
 * With DATABASE_URL set, every run gets a database of its own on that server, dropped afterwards, so runs never see
 * each other's rows. Without it, each test file opens its own in-memory PGlite (tests/integration/setup.ts).
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    project.provide("databaseUrl", "");
    return;
  }
  const name = `gatehouse_test_${process.pid}_${Date.now()}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  await adminQuery(admin.toString(), `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  project.provide("databaseUrl", url.toString());
  return () => adminQuery(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
