import { currentActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { isUuid } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { errorRowsOf } from "@/lib/imports/check-import";
import { toCsv } from "@/lib/imports/write-csv";

export const dynamic = "force-dynamic";

/** "Download the rows with errors" (SPEC §4.5): the file's own columns plus "Errors", to fix and upload again. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor || actor.kind !== "member" || !isUuid(id)) return new Response("Not found", { status: 404 });
  try {
    const { fileName, header, rows } = await errorRowsOf(await getDb(), actor, id);
    const name = `${fileName.replace(/\.[^.]*$/, "").replace(/[^\w. -]+/g, "_") || "import"} - rows with errors.csv`;
    return new Response(toCsv(header, rows), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
