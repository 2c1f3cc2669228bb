import type { Member } from "@/db/schema";
import type { Actor } from "../actor";
import { can } from "../permissions";
import type { LinkPurpose } from "./link-emails";

/**
 * Why a member can't get a welcome email or a password reset right now (SPEC §4.6, seed 003). The bulk dialog shows
 * these before anything is sent, and the single send refuses with the same words.
 */
export const SKIP_REASONS = {
  "outside-scope": "Outside your scope",
  "no-portal-access": "No portal access: they don't sign in",
  disabled: "Disabled: enable them first",
  "already-confirmed": "Already confirmed: send a password reset instead",
  "not-confirmed": "Hasn't set a password yet: send a welcome email instead",
  "no-email": "No email address: add one on the Profile tab",
  bounced: "Their email bounced: fix the address first",
  complained: "They marked an email as spam: check the address first",
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export type SendabilityFields = Pick<
  Member,
  "id" | "organizationId" | "role" | "siteId" | "teamId" | "portalAccess" | "status" | "confirmedAt" | "primaryEmail" | "primaryEmailProblem"
>;

/**
 * Null when the actor may send this member a link of this purpose now, else why not. A confirmed member is never
 * re-invited (seed 003: reset instead); a member who never set a password gets a welcome email, not a reset.
 */
export function whyNotSendable(actor: Actor, m: SendabilityFields, purpose: LinkPurpose): SkipReason | null {
  if (!can(actor, purpose === "invite" ? "member.sendWelcome" : "member.sendReset", m)) return "outside-scope";
  if (!m.portalAccess) return "no-portal-access";
  if (m.status === "disabled") return "disabled";
  const confirmed = m.status === "active" || m.confirmedAt !== null;
  if (purpose === "invite" && confirmed) return "already-confirmed";
  if (purpose === "reset" && !confirmed) return "not-confirmed";
  if (!m.primaryEmail) return "no-email";
  if (m.primaryEmailProblem) return m.primaryEmailProblem;
  return null;
}
