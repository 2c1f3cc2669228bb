"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import type { LinkState } from "@/lib/onboarding/links";
import { requestNewLinkAction, type LinkRequestState } from "../actions";

export type LinkProblemState = Exclude<LinkState, "valid">;

/** What each unusable link is, in the words of the page (SPEC §4.7): the title and what to do next. */
export const LINK_PROBLEMS: Record<LinkProblemState, { title: string; body: (purpose: LinkPurpose) => string }> = {
  expired: {
    title: "This link has expired",
    body: (p) =>
      p === "invite"
        ? "Links in welcome emails work for a limited time, and this one ran out. Get a new one below: it goes to the email address your organization has on file for you."
        : "Password reset links work for a few hours only, and this one ran out. Get a new one below.",
  },
  used: {
    title: "This link was already used",
    body: (p) =>
      p === "invite"
        ? "Your password was set with this link, so it can't be used again. Sign in with your password. If you forgot it, get a new link below."
        : "This link already changed your password, so it can't be used again. Sign in with your new password, or get a new link below.",
  },
  replaced: {
    title: "This link was replaced by a newer one",
    body: () => "A newer email was sent to you since, and only the link in the newest email works. Look for the most recent email from us, or get a new link below.",
  },
  cancelled: {
    title: "This link no longer works",
    body: () => "Your account changed since this email was sent (for example its email address), so the link was cancelled. Get a new link below, or ask your manager.",
  },
  unknown: {
    title: "This link isn't valid",
    body: () => "The link may be incomplete: links in our emails are long, and some mail programs break them over two lines. Copy the whole link from the email into your browser, or ask for a new one with “Forgot your password?”.",
  },
};

/**
 * The page of a link that can't set a password: which case it is, "Send me a new link" (sent only to the address on
 * file, throttled, the same answer whatever happens) and the help page. An unknown link names nobody to send to.
 */
export function LinkProblem({ state, purpose, token }: { state: LinkProblemState; purpose: LinkPurpose; token: string }) {
  const [answer, requestAction, pending] = useActionState<LinkRequestState, FormData>(requestNewLinkAction, null);
  const problem = LINK_PROBLEMS[state];
  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{problem.title}</h1>
        <p className="text-sm text-slate-700">{problem.body(purpose)}</p>
      </div>
      {state !== "unknown" &&
        (answer?.ok ? (
          <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
            {answer.message}
          </p>
        ) : (
          <form action={requestAction} className="grid gap-3">
            <FormAlert message={answer?.ok === false ? answer.error : undefined} />
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="purpose" value={purpose} />
            <div>
              <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
                {pending ? "Sending…" : "Send me a new link"}
              </button>
            </div>
          </form>
        ))}
      <ul className="grid gap-1 text-sm">
        <li>
          <Link href="/help" className="font-medium text-blue-800 underline">
            Didn&apos;t get the email?
          </Link>
        </li>
        <li>
          <Link href="/sign-in" className="font-medium text-blue-800 underline">
            Sign in
          </Link>
          {" · "}
          <Link href="/forgot-password" className="font-medium text-blue-800 underline">
            Forgot your password?
          </Link>
        </li>
      </ul>
    </div>
  );
}
