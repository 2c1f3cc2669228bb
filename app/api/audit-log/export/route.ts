import { currentActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { exportAuditLogCsv } from "@/lib/audit-log/audit-log";
import { parseAuditLogQuery } from "@/lib/audit-log/audit-log-query";
import { canInOrganization } from "@/lib/permissions";

export const dynamic = "force-dynamic";

/**
 * "Export CSV" of the audit log (SPEC §4.13): the events the query's filters match, under the viewer's scope (a site
 * manager's export holds what their page would show, nothing more), streamed as it is read, never whole in memory.
 */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor || actor.kind !== "member") return new Response("Sign in to export the audit log.", { status: 401 });
  if (!canInOrganization(actor, "organization.viewAuditLog", actor.organizationId)) return new Response("Not found", { status: 404 });
  const query = parseAuditLogQuery(new URL(request.url).searchParams);
  const pieces = exportAuditLogCsv(await getDb(), { viewer: actor, organizationId: actor.organizationId, query });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    // Pulled as the client reads: a slow download holds the next batch back instead of filling memory.
    async pull(controller) {
      const { value, done } = await pieces.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
