import { currentActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { isUuid } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { checkImportFile, failImport, importJobOf, MAX_IMPORT_BYTES } from "@/lib/imports/check-import";

export const dynamic = "force-dynamic";

/**
 * The upload of an import file (SPEC §4.5): the body streams straight into the CSV reader, so a 100,000-row file is
 * never held whole and a file far over the limit is refused by its size before a byte of it is read. Answers the
 * preview as JSON, or `{ error }` with one sentence a manager understands.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor || actor.kind !== "member" || !isUuid(id)) return answer({ error: "This import doesn't exist or isn't yours." }, 404);
  try {
    const db = await getDb();
    await importJobOf(db, actor, id, { own: true });
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_IMPORT_BYTES) {
      // Read nothing: the reader would stop at the limit anyway, but there is no need to take in 50 MB to say so.
      const error = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most one import takes. Split it into smaller files.`;
      await failImport(db, id, error);
      return answer({ error }, 413);
    }
    if (!request.body) return answer({ error: "No file arrived. Choose the file again." }, 400);
    const preview = await checkImportFile({ actor, jobId: id, source: request.body, signal: request.signal });
    return answer(preview, 200);
  } catch (error) {
    if (error instanceof NotFoundError) return answer({ error: error.message }, 404);
    if (error instanceof DomainError) return answer({ error: error.message }, 422);
    console.error("import check failed", error);
    return answer({ error: "This file could not be checked. Please try again." }, 500);
  }
}

const answer = (body: unknown, status: number) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
