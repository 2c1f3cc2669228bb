import { z } from "zod";
import type { Actor } from "../actor";
import { ValidationError } from "../errors";
import { lineOfText } from "../validation";

export const SUPPORT_REASON_MAX = 200;
const REASON_NEEDED = "Say why: what the customer asked for, or the ticket number";

/** Why support staff act on a customer's behalf: a few words or a ticket number, shown in the customer's audit log. */
export const supportReason = lineOfText(REASON_NEEDED)
  .min(3, REASON_NEEDED)
  .max(SUPPORT_REASON_MAX, `Use at most ${SUPPORT_REASON_MAX} characters`);

/**
 * The reason an act is audited with (SPEC §4.14): required of support staff, checked here as well as in the form, so
 * no path through the domain writes a support act without one. Members act on their own authority and give none.
 */
export function auditedReason(actor: Actor, reason: unknown): { reason?: string } {
  if (actor.kind !== "support") return {};
  const parsed = supportReason.safeParse(typeof reason === "string" ? reason : "");
  if (!parsed.success) throw new ValidationError(z.flattenError(parsed.error).formErrors[0] ?? REASON_NEEDED, "reason");
  return { reason: parsed.data };
}
