"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The tabs of a member's page; each shows only when the actor may open it. */
export function MemberTabs({ id, advanced, emailLog }: { id: string; advanced: boolean; emailLog: boolean }) {
  const pathname = usePathname();
  const tabs = [
    { href: `/users/${id}`, label: "Profile" },
    ...(advanced ? [{ href: `/users/${id}/advanced`, label: "Advanced" }] : []),
    ...(emailLog ? [{ href: `/users/${id}/email-log`, label: "Email log" }] : []),
  ];
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
