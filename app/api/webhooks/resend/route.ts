import { Webhook, WebhookVerificationError } from "svix";
import { getDb } from "@/db";
import { getConfig } from "@/lib/config";
import { applyResendEvent, resendEvent } from "@/lib/email/webhooks";

/**
 * Resend's delivery events (SPEC §4.11). Only a request signed with RESEND_WEBHOOK_SECRET, and no older than Svix's
 * five minutes, changes anything; the rest get a 4xx and are not read. Unset secret: every request is refused, with a
 * 503 so Resend keeps the events and retries them once it is configured.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = getConfig().resendWebhookSecret;
  if (!secret) return Response.json({ error: "Webhooks are not configured (RESEND_WEBHOOK_SECRET is unset)" }, { status: 503 });
  const raw = await request.text(); // the signature covers the raw bytes
  const eventId = request.headers.get("svix-id") ?? "";
  try {
    new Webhook(secret).verify(raw, {
      "svix-id": eventId,
      "svix-timestamp": request.headers.get("svix-timestamp") ?? "",
      "svix-signature": request.headers.get("svix-signature") ?? "",
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
