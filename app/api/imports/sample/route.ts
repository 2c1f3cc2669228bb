import { currentActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { IMPORT_TYPES, type ImportType } from "@/lib/imports/columns";
import { sampleFile } from "@/lib/imports/sample";
import { toCsv } from "@/lib/imports/write-csv";
import { canInOrganization } from "@/lib/permissions";

export const dynamic = "force-dynamic";

/** "Download sample file" for a user type: `?type=portal` or `?type=no-portal` (SPEC §4.5). */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor || actor.kind !== "member" || !canInOrganization(actor, "organization.addMembers", actor.organizationId)) {
    return new Response("Not found", { status: 404 });
  }
  const asked = new URL(request.url).searchParams.get("type");
  const type: ImportType = IMPORT_TYPES.find((t) => t === asked) ?? "portal";
  const { header, rows, fileName } = await sampleFile(await getDb(), actor, type);
  return new Response(toCsv(header, rows), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
}
