"use client";

import Link from "next/link";
import { useMenuDetails } from "@/components/use-menu-details";
import { signOutAction } from "../actions";

export type MenuLabels = { menu: string; mainNavigation: string; myAccount: string; signOut: string };

/**
 * The signed-in person's menu, top right (seed 001: "choose your Extension Name in the top right-hand corner"):
 * "My Account" and "Sign out". A native <details> opens with Enter or Space; it closes on Escape (focus back on the
 * name) and once "My Account" has opened its page.
 */
export function UserMenu({ name, detail, accountHref, labels }: { name: string; detail: string; accountHref: string | null; labels: MenuLabels }) {
  const { ref: menu, onKeyDown: closeOnEscape } = useMenuDetails();
  return (
    <details ref={menu} className="relative" onKeyDown={closeOnEscape}>
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        <span>{name}</span>
        <span aria-hidden="true" className="text-xs text-slate-500">
          ▼
        </span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 py-1 text-xs text-slate-600">{detail}</p>
        {accountHref && (
          <Link href={accountHref} className="block rounded px-2 py-2 text-sm text-slate-800 hover:bg-slate-100">
            {labels.myAccount}
          </Link>
        )}
        <form action={signOutAction}>
          <button type="submit" className="w-full rounded px-2 py-2 text-left text-sm text-slate-800 hover:bg-slate-100">
            {labels.signOut}
          </button>
        </form>
      </div>
    </details>
  );
}
