import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

/**
 * `npm test` runs both projects. Integration tests use a real database: PGlite in memory by default, or a fresh
 * database created for the run on the PostgreSQL server that DATABASE_URL names (tests/integration/global-setup.ts).
 * Only the PostgreSQL run includes the multi-process tests (*.postgres.test.ts).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // next-auth imports "next/server" without its extension, which only a bundler resolves: Vitest bundles it too.
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node", server: { deps: { inline: ["next-auth"] } } } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          // *.postgres.test.ts run several processes against one database, which needs a PostgreSQL server: they run in
          // the PostgreSQL pass (.ci/run sets DATABASE_URL), not on the embedded database.
          exclude: process.env.DATABASE_URL ? [] : ["tests/integration/**/*.postgres.test.ts"],
          environment: "node",
          globalSetup: ["./tests/integration/global-setup.ts"],
          setupFiles: ["./tests/integration/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
