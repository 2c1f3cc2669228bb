import type { Transport } from "../transport";

/**
 * Development and tests (SPEC §5): the message already sits in the database, which is what /dev/mailbox reads, so
 * "sending" it is marking it sent. No provider, no provider id, no rate.
 */
export const outboxTransport: Transport = {
  name: "outbox",
  rateLimited: false,
  async send(batch) {
    return { kind: "answered", results: batch.map((email) => ({ id: email.id, accepted: true, providerId: null })) };
  },
};
