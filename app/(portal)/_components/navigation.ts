import type { Actor } from "@/lib/actor";
import { canInOrganization } from "@/lib/permissions";
import { organizationPagesFor } from "../organization/_components/organization-pages";

export type NavItem = { href: string; label: string };

/**
 * The portal's navigation for this actor: only pages that exist and that the actor may open. Each later page adds
 * its entry here, guarded by the lib/permissions question its page asks (e.g. organization.listMembers → "Users",
 * or "Agents" for supervisors).
 */
export function navigationFor(actor: Actor): NavItem[] {
  if (actor.kind === "support") return [{ href: "/", label: "Organizations" }];
  const items: NavItem[] = [{ href: "/", label: "Home" }];
  if (canInOrganization(actor, "organization.listMembers", actor.organizationId)) {
    items.push({ href: "/users", label: actor.role === "supervisor" ? "Agents" : "Users" });
  }
  if (canInOrganization(actor, "organization.viewEmailLog", actor.organizationId)) {
    items.push({ href: "/email-log", label: "Email log" });
  }
  if (organizationPagesFor(actor).length > 0) {
    items.push({ href: "/organization", label: "Organization" });
  }
  return items;
}
