"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "./navigation";

/** The portal's page links, in a row on a wide screen or a column in the phone menu; the current page is marked. */
export function NavLinks({ items, stacked = false }: { items: NavItem[]; stacked?: boolean }) {
  const pathname = usePathname();
  return (
    <ul className={stacked ? "grid gap-1" : "flex gap-1"}>
      {items.map((item) => {
        const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`${stacked ? "block px-3 py-3 text-base" : "px-3 py-2 text-sm"} rounded-md font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-blue-50 aria-[current=page]:text-blue-800`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
