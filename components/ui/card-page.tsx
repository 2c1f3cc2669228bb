import type { ReactNode } from "react";

/** The centered card of the pages outside the portal: setup, sign-in, and later the onboarding pages. */
export function CardPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-4 py-10">
      <p className="mb-4 text-center text-lg font-semibold tracking-tight text-blue-800">Gatehouse</p>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {intro && <div className="mt-2 text-sm text-slate-600">{intro}</div>}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}
