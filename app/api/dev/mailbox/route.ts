import { getDb } from "@/db";
import { getConfig } from "@/lib/config";
import { mailboxEmails } from "@/lib/email/mailbox";

/**
 * SPEC §5: `GET /api/dev/mailbox?to=ADDRESS` → `[{id,to,subject,text,html,links,createdAt}]`, newest first. Only
 * while the transport is `outbox`; a 404 otherwise, as if it did not exist.
 */
export async function GET(request: Request): Promise<Response> {
  if (getConfig().mailTransport !== "outbox") return new Response("Not found", { status: 404 });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  const emails = await mailboxEmails(await getDb(), { to: to || undefined });
  return Response.json(emails, { headers: { "Cache-Control": "no-store" } });
}
