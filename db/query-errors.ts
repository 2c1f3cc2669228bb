import { PgPreparedQuery } from "drizzle-orm/pg-core";

/**
 * A failed query, as it may be logged. Drizzle's own error carries the statement's parameters (names, emails,
 * passwords' hashes) in its message and properties, and the driver's error repeats values in its message and detail
 * ("Key (email)=(…) already exists"); whatever logs an error thrown from here sees neither, only the PostgreSQL
 * error code, the constraint, and which statement failed ("insert into member").
 */
export class DatabaseQueryError extends Error {
  override readonly cause: { code?: string; constraint?: string };

  constructor(
    readonly statement: string,
    readonly code: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super(`Database error ${code ?? "(no code)"}${constraint ? ` on ${constraint}` : ""} in ${statement}`);
    this.name = "DatabaseQueryError";
    // Kept for lib/errors.ts (pgErrorOf), which reads the code and constraint through `cause`.
    this.cause = { code, constraint };
  }
}

const STATEMENT = /\b(insert\s+into|update|delete\s+from|from|copy)\s+("[^"]+"|[\w.]+)/i;

/** "insert into member", "select from member_email"…: the verb and the first table, nothing a user typed. */
export function statementName(queryString: string): string {
  const verb = /^\s*(\w+)/.exec(queryString)?.[1]?.toLowerCase() ?? "query";
  const target = STATEMENT.exec(queryString);
  return target ? `${verb} ${target[1]!.toLowerCase().replace(/\s+/g, " ")} ${target[2]!.replaceAll('"', "")}`.replace(/^(\w+) \1 /, "$1 ") : verb;
}

function driverError(error: unknown): { code?: string; constraint?: string } {
  for (let e = error as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      const constraint = typeof e.constraint === "string" ? e.constraint : typeof e.constraint_name === "string" ? e.constraint_name : undefined;
      return { code: e.code, constraint };
    }
  }
  return {};
}

const INSTALLED = Symbol.for("gatehouse.database-query-errors");

/** Every Drizzle query of this process (both drivers go through PgPreparedQuery) throws DatabaseQueryError. */
export function installQueryErrorRedaction(): void {
  const prototype = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown> & {
    queryWithCache(queryString: string, params: unknown[], query: () => Promise<unknown>): Promise<unknown>;
  };
  if (prototype[INSTALLED]) return;
  const original = prototype.queryWithCache;
  prototype.queryWithCache = async function queryWithRedactedErrors(this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      if (error instanceof DatabaseQueryError) throw error;
      const { code, constraint } = driverError(error);
      throw new DatabaseQueryError(statementName(queryString), code, constraint);
    }
  };
  prototype[INSTALLED] = true;
}
