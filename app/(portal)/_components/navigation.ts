import { MY_ACCOUNT_PATH } from "@/lib/account/paths";
import type { Actor } from "@/lib/actor";
import { en, type Messages } from "@/lib/i18n/messages/en";
import { canInOrganization } from "@/lib/permissions";
import { organizationPagesFor } from "../organization/_components/organization-pages";

export type NavItem = { href: string; label: string };

/**
 * The portal's navigation for this actor: only pages that exist and that the actor may open. Each later page adds
 * its entry here, guarded by the lib/permissions question its page asks (e.g. organization.listMembers → "Users",
 * or "Agents" for supervisors).
 */
export function navigationFor(actor: Actor, t: Messages["shell"] = en.shell): NavItem[] {
  if (actor.kind === "support") return [{ href: "/", label: t.supportConsole }];
  const items: NavItem[] = [{ href: "/", label: t.home }];
  if (canInOrganization(actor, "organization.listMembers", actor.organizationId)) {
    items.push({ href: "/users", label: actor.role === "supervisor" ? t.agents : t.users });
  }
  if (canInOrganization(actor, "organization.viewEmailLog", actor.organizationId)) {
    items.push({ href: "/email-log", label: t.emailLog });
  }
  if (canInOrganization(actor, "organization.viewAuditLog", actor.organizationId)) {
    items.push({ href: "/audit-log", label: t.auditLog });
  }
  if (organizationPagesFor(actor).length > 0) {
    items.push({ href: "/organization", label: t.organization });
  }
  return items;
}

export { MY_ACCOUNT_PATH };
