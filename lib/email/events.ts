/**
 * What an email_event row may say, with the details each carries. The timeline of a message is its createdAt
 * ("Queued"), its sentAt ("Sent") and these events in time order (SPEC §4.11).
 */
export type EmailEventDetails = {
  /** A send attempt that will be tried again: the provider's (or network's) error, and when. */
  retry: { attempt: number; error: string; retryAt: string };
  /** Given up: a permanent provider error, or too many attempts. */
  failed: { error: string };
  // From Resend's webhooks (`email.<type>`), stored as they come.
  sent: Record<string, never>;
  delivered: Record<string, never>;
  delivery_delayed: Record<string, never>;
  bounced: { reason: string; bounceType?: string; bounceSubType?: string };
  complained: Record<string, never>;
  opened: Record<string, never>;
  clicked: { link?: string };
  suppressed: { reason?: string };
  /** The link page was opened (GET/HEAD never consumes the token); a scanner when HEAD or seconds after delivery. */
  link_opened: { method: string; probablyScanner: boolean };
};
export type EmailEventType = keyof EmailEventDetails;

/** Words for the timeline. */
export const EMAIL_EVENT_LABELS: Record<EmailEventType | "queued", string> = {
  queued: "Queued",
  retry: "Send failed, will retry",
  failed: "Failed",
  sent: "Accepted by the mail provider",
  delivered: "Delivered",
  delivery_delayed: "Delivery delayed",
  bounced: "Bounced",
  complained: "Marked as spam",
  opened: "Opened",
  clicked: "Link clicked",
  suppressed: "Suppressed by the provider",
  link_opened: "Link page opened",
};
