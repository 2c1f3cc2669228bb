import type { MemberActor } from "@/lib/actor";
import { canInOrganization } from "@/lib/permissions";

/** The pages of Organization the actor may open, in order; the first is where "Organization" in the header leads. */
export function organizationPagesFor(actor: MemberActor): { href: string; label: string }[] {
  const may = (action: Parameters<typeof canInOrganization>[1]) => canInOrganization(actor, action, actor.organizationId);
  return [
    ...(may("organization.viewSettings") ? [{ href: "/organization/settings", label: "Settings" }] : []),
    ...(may("organization.viewSites") ? [{ href: "/organization/sites", label: "Sites" }] : []),
    ...(may("organization.viewTeams") ? [{ href: "/organization/teams", label: "Teams" }] : []),
    // Directory sync hands out tokens that write people: the owner's, like the settings (SPEC §4.16).
    ...(may("organization.manageSettings") ? [{ href: "/organization/directory-sync", label: "Directory sync" }] : []),
  ];
}
