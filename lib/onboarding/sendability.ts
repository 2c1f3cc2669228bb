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

/** The link a member needs now: a reset once they have set a password (seed 003: never re-invited), else a welcome link. */
export function linkPurposeFor(m: Pick<Member, "status" | "confirmedAt">): LinkPurpose {
  return m.status === "active" || m.confirmedAt !== null ? "reset" : "invite";
}

/**
 * Null when the actor may send this member a link of this purpose now, else why not. Without an actor, the member
 * asked for it themselves ("Forgot your password?", "Send me a new link"): only the member's own state counts.
 */
export function whyNotSendable(actor: Actor | null, m: SendabilityFields, purpose: LinkPurpose): SkipReason | null {
  if (actor && !can(actor, purpose === "invite" ? "member.sendWelcome" : "member.sendReset", m)) return "outside-scope";
  if (!m.portalAccess) return "no-portal-access";
  if (m.status === "disabled") return "disabled";
  if (purpose !== linkPurposeFor(m)) return purpose === "invite" ? "already-confirmed" : "not-confirmed";
  if (!m.primaryEmail) return "no-email";
  if (m.primaryEmailProblem) return m.primaryEmailProblem;
  return null;
}
