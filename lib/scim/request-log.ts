import type { Executor } from "@/db";
import { scimRequest } from "@/db/schema";

/** One SCIM request as the "Directory sync" page lists it: what the directory asked, and what it was told. */
export type LoggedScimRequest = {
  organizationId: string;
  tokenId: string;
  method: string;
  path: string;
  status: number;
  scimType?: string | null;
  detail?: string | null;
  memberId?: string | null;
  at: Date;
};

type Waiting = { entry: LoggedScimRequest; done: () => void; failed: (error: unknown) => void };
type Queue = { writing: boolean; waiting: Waiting[] };
const queues = new WeakMap<Executor, Queue>();
const MAX_ROWS_A_STATEMENT = 500;

/**
 * Writes the request's line and resolves once it is stored: the directory is answered after its request is in the
 * log. Group commit: while one insert is on its way, the lines of the requests that end meanwhile wait and go in
 * the next insert together, so a provisioning cycle of hundreds of requests a second costs a few statements, not
 * one each. Alone, a line is written at once.
 */
export function logScimRequest(db: Executor, entry: LoggedScimRequest): Promise<void> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { writing: false, waiting: [] }));
  const written = new Promise<void>((done, failed) => queue.waiting.push({ entry, done, failed }));
  if (!queue.writing) void writeWaiting(db, queue);
  return written;
}

async function writeWaiting(db: Executor, queue: Queue): Promise<void> {
  queue.writing = true;
  while (queue.waiting.length) {
    const batch = queue.waiting.splice(0, MAX_ROWS_A_STATEMENT);
    try {
      await db.insert(scimRequest).values(batch.map(({ entry }) => rowOf(entry)));
      for (const line of batch) line.done();
    } catch (error) {
      // One line the database refuses (its organization just deleted, say) must not take the others with it.
      if (batch.length === 1) batch[0]!.failed(error);
      else for (const line of batch) await db.insert(scimRequest).values(rowOf(line.entry)).then(line.done, line.failed);
    }
  }
  queue.writing = false;
}

function rowOf(entry: LoggedScimRequest): typeof scimRequest.$inferInsert {
  return {
    organizationId: entry.organizationId,
    tokenId: entry.tokenId,
    method: entry.method,
    path: entry.path.slice(0, 500),
    status: entry.status,
    scimType: entry.scimType ?? null,
    detail: entry.detail?.slice(0, 500) ?? null,
    memberId: entry.memberId ?? null,
    createdAt: entry.at,
  };
}
