import { eventLoopDelay, eventLoopDiagnosticsOn } from "@/lib/diagnostics/event-loop";

export const dynamic = "force-dynamic";

/** The server's event-loop delay for benchmarks (lib/diagnostics/event-loop.ts); 404 unless EVENT_LOOP_DIAGNOSTICS=on. */
export function GET(request: Request): Response {
  const figures = eventLoopDiagnosticsOn() ? eventLoopDelay({ reset: new URL(request.url).searchParams.has("reset") }) : null;
  if (!figures) return new Response("Not found", { status: 404 });
  return Response.json(figures, { headers: { "Cache-Control": "no-store" } });
}
