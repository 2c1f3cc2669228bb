import { sql } from "drizzle-orm";
import { afterAll, expect, it, vi } from "vitest";
import { openDatabase, rows, type DatabaseHandle } from "@/db";
import { adminQuery } from "../pg-admin";

/**
 * PostgreSQL ends connections the app holds idle when it restarts, or when a database is dropped WITH (FORCE): the
 * app must go on with new connections instead of ending its process (an 'error' event with no listener would).
 */
const handles: DatabaseHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
});

it("an idle connection ended by the server is logged by its code, and the next query opens another", async () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", `gatehouse_lost_${process.pid}`);
  const handle = await openDatabase({ url: url.toString() });
  handles.push(handle);
  await rows(handle.db, sql`select 1`);
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await adminQuery(process.env.DATABASE_URL!, `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'gatehouse_lost_${process.pid}'`);
    await expect.poll(() => logged.mock.calls.length).toBeGreaterThan(0);
    expect(String(logged.mock.calls[0]![0])).toBe("Gatehouse: an idle database connection ended (57P01); the next query opens another.");
    expect(await rows<{ n: number }>(handle.db, sql`select 2 as n`)).toEqual([{ n: 2 }]);
  } finally {
    logged.mockRestore();
  }
});
