import type { Actor } from "@/lib/actor";

export type NavItem = { href: string; label: string };

/**
 * The portal's navigation for this actor: only pages that exist and that the actor may open (asked of
 * lib/permissions, never decided here). Later pages add their entry here.
 */
export function navigationFor(actor: Actor): NavItem[] {
  if (actor.kind === "support") return [{ href: "/", label: "Organizations" }];
  const items: NavItem[] = [{ href: "/", label: "Home" }];
  return items;
}
