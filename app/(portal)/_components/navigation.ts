import type { Actor } from "@/lib/actor";

export type NavItem = { href: string; label: string };

/**
 * The portal's navigation for this actor: only pages that exist and that the actor may open. Each later page adds
 * its entry here, guarded by the lib/permissions question its page asks (e.g. organization.listMembers → "Users",
 * or "Agents" for supervisors).
 */
export function navigationFor(actor: Actor): NavItem[] {
  return actor.kind === "support" ? [{ href: "/", label: "Organizations" }] : [{ href: "/", label: "Home" }];
}
