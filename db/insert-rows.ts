import { sql } from "drizzle-orm";
import type { Executor } from "./index";

/**
 * Inserts many rows as ONE JSON parameter (`insert … select … from jsonb_to_recordset($1)`): for the bulk writes
 * (10,000 tokens, outbox rows and audit events of a bulk send, SPEC §7) that costs one JSON.stringify and one parse
 * on the server, where a multi-row VALUES would carry hundreds of thousands of bind parameters and arrays of text
 * would be escaped twice. `columns` maps each column to its PostgreSQL type; every row has those keys (or null).
 */
export async function insertRows(
  tx: Executor,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  { rowsPerStatement = 5_000 }: { rowsPerStatement?: number } = {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    await insertJsonRows(tx, table, columns, JSON.stringify(rows.slice(start, start + rowsPerStatement)));
  }
}

/** The same insert from rows already written as a JSON array of objects, for a caller that serializes as it goes. */
export async function insertJsonRows(tx: Executor, table: string, columns: Record<string, string>, json: string): Promise<void> {
  const names = Object.keys(columns).map((c) => `"${c}"`).join(", ");
  const definition = Object.entries(columns)
    .map(([c, type]) => `"${c}" ${type}`)
    .join(", ");
  await tx.execute(sql`insert into ${sql.identifier(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(definition)})`);
}
