import pg from "pg";

/** Runs one statement (CREATE / DROP DATABASE) on the server a connection string names. */
export async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
