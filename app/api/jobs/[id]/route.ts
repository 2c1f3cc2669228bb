import { currentActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { isUuid } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { bulkSendProgress } from "@/lib/onboarding/bulk-send-progress";

export const dynamic = "force-dynamic";

/** A bulk send's progress, polled by its progress bar; 404 for anyone who may not follow it (lib/permissions). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor || actor.kind !== "member" || !isUuid(id)) return notFound();
  try {
    return Response.json(await bulkSendProgress(await getDb(), actor, id), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
}

const notFound = () => Response.json({ error: "Not found" }, { status: 404 });
