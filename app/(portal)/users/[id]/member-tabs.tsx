"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function MemberTabs({ id, advanced }: { id: string; advanced: boolean }) {
  const pathname = usePathname();
  const tabs = [{ href: `/users/${id}`, label: "Profile" }, ...(advanced ? [{ href: `/users/${id}/advanced`, label: "Advanced" }] : [])];
  return (
    <nav aria-label="User" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={pathname === tab.href ? "page" : undefined}
              className="inline-block border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:border-blue-700 aria-[current=page]:text-blue-800"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
