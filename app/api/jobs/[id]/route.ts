import { eq } from "drizzle-orm";
import { currentActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { job } from "@/db/schema";
import { isUuid } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { importProgress } from "@/lib/imports/check-import";
import { bulkSendProgress } from "@/lib/onboarding/bulk-send-progress";

export const dynamic = "force-dynamic";

/** A job's progress (a bulk send, an import), polled by its progress bar; 404 for anyone who may not follow it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor || actor.kind !== "member" || !isUuid(id)) return notFound();
  try {
    const db = await getDb();
    const [found] = await db.select({ kind: job.kind }).from(job).where(eq(job.id, id)).limit(1);
    if (!found) return notFound();
    const progress = found.kind === "import" ? await importProgress(db, actor, id) : await bulkSendProgress(db, actor, id);
    return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
}

const notFound = () => Response.json({ error: "Not found" }, { status: 404 });
