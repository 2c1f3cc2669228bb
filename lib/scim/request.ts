import { getDb, type Executor } from "@/db";
import { directorySyncActorName, type SystemActor } from "../actor";
import { pgErrorOf } from "../errors";
import { ScimError } from "./errors";
import type { DirectoryCaller } from "./tokens";

/** One SCIM request as the domain sees it: the token's organization and name, where SCIM lives, and the client. */
export type ScimRequest = { caller: DirectoryCaller; baseUrl: string; ip?: string | null; userAgent?: string | null; now?: Date };

/** Who the audit log says did it: "Directory sync (Microsoft Entra ID)". */
export const directoryActor = (caller: DirectoryCaller): SystemActor => ({ kind: "system", name: directorySyncActorName(caller.name) });

const MAX_PAGE = 200;

/** `startIndex` (1-based) and `count` (0 to 200, 100 unless given), whatever the client sent (RFC 7644 §3.4.2.4). */
export function pageParams(params: URLSearchParams): { startIndex: number; size: number } {
  const startIndex = Math.max(1, Math.floor(Number(params.get("startIndex") ?? 1)) || 1);
  const wanted = params.get("count");
  const size = wanted === null ? 100 : Math.min(MAX_PAGE, Math.max(0, Math.floor(Number(wanted)) || 0));
  return { startIndex, size };
}

/** Runs a write in one transaction; a unique constraint another request won the race for is SCIM's 409 `uniqueness`. */
export async function writing<T>(work: (tx: Executor) => Promise<T>, conflict: string): Promise<T> {
  const db = await getDb();
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof ScimError) throw error;
    if (pgErrorOf(error)?.code === "23505") throw new ScimError(409, conflict, "uniqueness");
    throw error;
  }
}
