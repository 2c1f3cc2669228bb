import { Webhook, WebhookVerificationError } from "svix";
import { getDb } from "@/db";
import { getConfig } from "@/lib/config";
import { readTextUpTo } from "@/lib/http/read-body";
import { applyResendEvent, MAX_WEBHOOK_BODY_BYTES, missingSignatureHeaders, resendEvent } from "@/lib/email/webhooks";

/**
 * Resend's delivery events (SPEC §4.11). Only a request signed with RESEND_WEBHOOK_SECRET, and no older than Svix's
 * five minutes, changes anything; the rest get a 4xx. A request without the signature headers is refused before its
 * body is read, and a body over 256 kB is given up as soon as it passes that (413). Unset secret: every request is
 * refused, with a 503 so Resend keeps the events and retries them once it is configured.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = getConfig().resendWebhookSecret;
  if (!secret) return Response.json({ error: "Webhooks are not configured (RESEND_WEBHOOK_SECRET is unset)" }, { status: 503 });
  const missing = missingSignatureHeaders(request.headers);
  if (missing.length) {
    return Response.json({ error: `Not a signed Svix request: the ${missing.join(", ")} header${missing.length > 1 ? "s are" : " is"} missing` }, { status: 400 });
  }
  const raw = await readTextUpTo(request, MAX_WEBHOOK_BODY_BYTES); // the signature covers the raw bytes
  if (raw === null) return Response.json({ error: `The body is larger than ${MAX_WEBHOOK_BODY_BYTES / 1024} kB: not a Resend event` }, { status: 413 });
  const eventId = request.headers.get("svix-id")!;
  try {
    new Webhook(secret).verify(raw, {
      "svix-id": eventId,
      "svix-timestamp": request.headers.get("svix-timestamp")!,
      "svix-signature": request.headers.get("svix-signature")!,
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return Response.json({ error: error.message }, { status: 400 });
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return Response.json({ error: "The body is not JSON" }, { status: 400 });
  }
  const event = resendEvent.safeParse(body);
  if (!event.success) return Response.json({ error: "Not a Resend email event" }, { status: 400 });
  const result = await applyResendEvent(await getDb(), eventId, event.data);
  return Response.json({ result });
}
