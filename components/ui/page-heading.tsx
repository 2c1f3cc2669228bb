import Link from "next/link";
import type { ReactNode } from "react";

/** The top of a page one level down: the way back ("← Users"), its title, and a line about it. */
export function PageHeading({ back, title, children }: { back: { href: string; label: ReactNode }; title: ReactNode; children?: ReactNode }) {
  return (
    <div>
      <Link href={back.href} className="text-sm font-medium text-blue-800 hover:underline">
        ← {back.label}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{title}</h1>
      {children && <p className="mt-1 text-sm text-slate-600">{children}</p>}
    </div>
  );
}
