"use client";

import Link from "next/link";
import { useMenuDetails } from "@/components/use-menu-details";
import { signOutAction } from "../actions";
import type { NavItem } from "./navigation";
import { NavLinks } from "./nav-links";
import type { MenuLabels } from "./user-menu";

/**
 * The header on a narrow screen (a phone between patients): one "Menu" button that opens the pages, who is signed in
 * and "Sign out". A native <details>, so Enter and Space open it and screen readers announce it as expanded or not;
 * it closes on Escape (focus back on the button) and when a link has opened its page.
 */
export function PhoneMenu({ items, name, detail, accountHref, labels }: { items: NavItem[]; name: string; detail: string; accountHref: string | null; labels: MenuLabels }) {
  const { ref: menu, onKeyDown: closeOnEscape } = useMenuDetails();
  return (
    <details ref={menu} className="lg:hidden" onKeyDown={closeOnEscape}>
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        <span aria-hidden="true" className="text-base leading-none">
          ☰
        </span>
        {labels.menu}
      </summary>
      <div className="absolute inset-x-0 top-full z-20 border-b border-slate-200 bg-white px-4 pb-4 pt-2 shadow-lg">
        <nav aria-label={labels.mainNavigation}>
          <NavLinks items={items} stacked />
        </nav>
        <div className="mt-3 border-t border-slate-200 pt-3">
          <p className="px-3 text-sm font-medium text-slate-900">{name}</p>
          <p className="px-3 text-xs text-slate-600">{detail}</p>
          {accountHref && (
            <Link href={accountHref} className="mt-2 block rounded-md px-3 py-3 text-base font-medium text-slate-800 hover:bg-slate-100">
              {labels.myAccount}
            </Link>
          )}
          <form action={signOutAction} className={accountHref ? "" : "mt-2"}>
            <button type="submit" className="w-full rounded-md px-3 py-3 text-left text-base font-medium text-slate-800 hover:bg-slate-100">
              {labels.signOut}
            </button>
          </form>
        </div>
      </div>
    </details>
  );
}
