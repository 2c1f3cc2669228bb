/**
 * How a claimed batch leaves Gatehouse (SPEC §5). Two transports: `outbox` keeps the message in the database for
 * /dev/mailbox, `resend` hands it to Resend. The dispatcher (lib/email/dispatcher.ts) owns retries, leases and the
 * deployment-wide rate; a transport makes one attempt and says what happened.
 */
export type OutgoingEmail = {
  /** email_message.id, also sent as a tag so webhooks find the message before its provider id is recorded. */
  id: string;
  idempotencyKey: string;
  sender: string;
  replyTo: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
};

/** One email of an attempt that reached the provider: accepted (with the provider's id, if it has one) or refused. */
export type EmailResult = { id: string; accepted: true; providerId: string | null } | { id: string; accepted: false; error: string };

export type SendOutcome =
  /** The provider answered for each email. */
  | { kind: "answered"; results: EmailResult[] }
  /** Nothing is known to have been sent; try the same batch again, no sooner than retryAfterMs when given. */
  | { kind: "retry"; error: string; retryAfterMs?: number; rateLimited: boolean }
  /** The provider refused the whole request for good (a permanent 4xx): every email failed with this error. */
  | { kind: "rejected"; error: string };

export type Transport = {
  name: "outbox" | "resend";
  /** Whether EMAIL_RATE_LIMIT applies: it counts provider requests, and the outbox makes none. */
  rateLimited: boolean;
  /** Sends a batch (1–100) as one request; the key is the same on every retry of this batch. */
  send(batch: OutgoingEmail[], idempotencyKey: string, signal: AbortSignal): Promise<SendOutcome>;
};
