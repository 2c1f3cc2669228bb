import { eq, lt } from "drizzle-orm";
import type { Executor } from "@/db";
import { endedSession } from "@/db/schema";

/** How long a session cookie lives (Auth.js maxAge); an ended session's row is kept that long, then dropped. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * "Sign out": the session's cookie is worthless from now on, on every instance, even if a copy of it was saved.
 * Rows of sessions whose cookies have expired anyway are dropped on the way.
 */
export async function endSession(db: Executor, sessionId: string, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000);
  await db.insert(endedSession).values({ id: sessionId, endedAt: now, expiresAt }).onConflictDoNothing();
  await db.delete(endedSession).where(lt(endedSession.expiresAt, now));
}

export async function isSessionEnded(db: Executor, sessionId: string): Promise<boolean> {
  const [row] = await db.select({ id: endedSession.id }).from(endedSession).where(eq(endedSession.id, sessionId)).limit(1);
  return Boolean(row);
}
