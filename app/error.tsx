"use client";

import Link from "next/link";
import { CardPage } from "@/components/ui/card-page";

/** Never a stack: what happened, what to try, and a reference support can look up in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <CardPage title="Something went wrong" intro="We couldn't show this page. Nothing you entered was lost on our side; please try again.">
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          Try again
        </button>
        <Link href="/" className="text-sm font-medium text-blue-800 underline">
          Go to the home page
        </Link>
      </div>
      {error.digest && <p className="mt-4 text-xs text-slate-500">Reference: {error.digest}</p>}
    </CardPage>
  );
}
