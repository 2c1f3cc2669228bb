import { afterAll, inject } from "vitest";
import { closeDb } from "@/db";

// Point the app's own getDb() at this run's database before any test opens it.
const url = inject("databaseUrl");
if (url) {
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = "4";
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = "memory://";
}

afterAll(async () => {
  await closeDb();
});
