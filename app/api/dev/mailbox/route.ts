import { mailboxAccess } from "@/app/_lib/mailbox-access";
import { getDb } from "@/db";
import { mailboxEmails } from "@/lib/email/mailbox";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * SPEC §5: `GET /api/dev/mailbox?to=ADDRESS` → `[{id,to,subject,text,html,links,createdAt}]`, newest first. Only
 * while the transport is `outbox`; a 404 otherwise, as if it did not exist. In production it carries every member's
 * set-password link, so it answers owner and support accounts only: 401 without a session, 403 for other roles.
 */
export async function GET(request: Request): Promise<Response> {
  const access = await mailboxAccess();
  if (access === "absent") return new Response("Not found", { status: 404 });
  if (access === "sign-in") return Response.json({ error: "Sign in with an owner or support account to read the mailbox" }, { status: 401, headers: NO_STORE });
  if (access === "forbidden") return Response.json({ error: "Only owner and support accounts may read the mailbox" }, { status: 403, headers: NO_STORE });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  const emails = await mailboxEmails(await getDb(), { to: to || undefined });
  return Response.json(emails, { headers: NO_STORE });
}
