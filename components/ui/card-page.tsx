import type { ReactNode } from "react";

/**
 * The centered card of the pages outside the portal: setup, sign-in, the onboarding pages. `wide` is for reading
 * material (the help page): a wider card, and the intro in body-size text. `bare` leaves the heading to the content
 * (a link page's problem names itself).
 */
export function CardPage({
  title,
  intro,
  wide = false,
  bare = false,
  lang,
  children,
}: {
  title: string;
  intro?: ReactNode;
  wide?: boolean;
  bare?: boolean;
  /** The language of the page's words when it isn't the document's English (a member's page in Spanish). */
  lang?: string;
  children: ReactNode;
}) {
  return (
    <main lang={lang} className={`mx-auto flex min-h-screen flex-col justify-center px-4 py-10 ${wide ? "max-w-3xl" : "max-w-lg"}`}>
      <p className="mb-4 text-center text-lg font-semibold tracking-tight text-blue-800">Gatehouse</p>
      <div className={`rounded-xl border border-slate-200 bg-white p-6 shadow-sm ${wide ? "sm:p-10" : "sm:p-8"}`}>
        {bare ? (
          children
        ) : (
          <>
            <h1 className={`font-semibold tracking-tight ${wide ? "text-3xl" : "text-2xl"}`}>{title}</h1>
            {intro && <div className={`mt-2 text-slate-600 ${wide ? "text-base" : "text-sm"}`}>{intro}</div>}
            <div className="mt-6">{children}</div>
          </>
        )}
      </div>
    </main>
  );
}
