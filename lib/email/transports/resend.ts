import { Resend } from "resend";
import type { EmailResult, OutgoingEmail, SendOutcome, Transport } from "../transport";

/** HTTP statuses after which the same request may succeed later. */
const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
/** A 409 for a key reused with a different body is not going to get better. */
const PERMANENT_CONFLICTS = new Set(["invalid_idempotent_request"]);

type ResendError = { statusCode?: number | null; name?: string; message?: string };

/**
 * The real `resend` SDK (RECIPES §6): it never throws on HTTP errors and never retries, so this reads `error` and the
 * `retry-after` / `ratelimit-*` headers and tells the dispatcher what to do. One email goes to POST /emails with its
 * own key; several go to POST /emails/batch with the batch's key and permissive validation, so one bad address does
 * not hold back the rest (SPEC §5).
 */
export function resendTransport({ apiKey, baseUrl }: { apiKey: string; baseUrl?: string }): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    rateLimited: true,
    async send(batch, batchKey, signal) {
      try {
        if (batch.length === 1) {
          const email = batch[0]!;
          const { data, error, headers } = await resend.emails.send(payloadOf(email), { idempotencyKey: email.idempotencyKey, signal });
          if (error) return failureOutcome(error, headers, signal);
          return { kind: "answered", results: [{ id: email.id, accepted: true, providerId: data?.id ?? null }] };
        }
        const { data, error, headers } = await resend.batch.send(batch.map(payloadOf), {
          idempotencyKey: batchKey,
          batchValidation: "permissive",
          signal,
        });
        if (error) return failureOutcome(error, headers, signal);
        return { kind: "answered", results: matchBatchResults(batch, data) };
      } catch (error) {
        // The SDK rethrows only an abort that lands while it reads an error body.
        return { kind: "retry", error: signal.aborted ? NO_ANSWER : String(error), rateLimited: false };
      }
    },
  };
}

function payloadOf(email: OutgoingEmail) {
  return {
    from: email.sender,
    to: [email.to],
    subject: email.subject,
    html: email.html,
    text: email.text,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    tags: [{ name: "message_id", value: email.id }],
  };
}

/**
 * Permissive batches answer with the ids of the accepted emails, in order, and an error per refused index.
 */
function matchBatchResults(
  batch: OutgoingEmail[],
  data: { data: { id: string }[]; errors?: { index: number; message: string }[] } | null,
): EmailResult[] {
  const refused = new Map((data?.errors ?? []).map((e) => [e.index, e.message]));
  const ids = [...(data?.data ?? [])];
  return batch.map((email, index) => {
    const error = refused.get(index);
    if (error !== undefined) return { id: email.id, accepted: false, error };
    return { id: email.id, accepted: true, providerId: ids.shift()?.id ?? null };
  });
}

const NO_ANSWER = "The mail provider did not answer in time";

function failureOutcome(error: ResendError, headers: Record<string, string> | null, signal: AbortSignal): SendOutcome {
  const status = error.statusCode ?? null;
  const message = describe(error);
  // No HTTP answer: a timeout (our abort, which the SDK reports as a network error) or the network itself.
  if (status === null) return { kind: "retry", error: signal.aborted ? NO_ANSWER : message, rateLimited: false };
  if (status === 409 && PERMANENT_CONFLICTS.has(error.name ?? "")) return { kind: "rejected", error: message };
  if (RETRYABLE_STATUS.has(status)) {
    return { kind: "retry", error: message, retryAfterMs: retryAfterMs(headers), rateLimited: status === 429 };
  }
  return { kind: "rejected", error: message };
}

function describe(error: ResendError): string {
  const status = error.statusCode ? `${error.statusCode} ` : "";
  const name = error.name && error.name !== "application_error" ? `${error.name}: ` : "";
  return `${status}${name}${error.message ?? "Unknown error from the mail provider"}`.trim();
}

/** `retry-after` (seconds or an HTTP date), else `ratelimit-reset` when the budget is spent. */
export function retryAfterMs(headers: Record<string, string> | null, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const retryAfter = headers["retry-after"];
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (headers["ratelimit-remaining"] === "0") {
    const reset = Number(headers["ratelimit-reset"]);
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000);
  }
  return undefined;
}
