"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { messagesFor } from "@/lib/i18n/messages";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import type { LinkState } from "@/lib/onboarding/links";
import { requestNewLinkAction, type LinkRequestState } from "../actions";

export type LinkProblemState = Exclude<LinkState, "valid">;

/**
 * The page of a link that can't set a password (SPEC §4.7): which case it is (expired, used, replaced, cancelled or
 * unknown, each with what to do next), "Send me a new link" (sent only to the address on file, throttled, the same
 * answer whatever happens) and the help page. An unknown link names nobody to send to. In the member's language.
 */
export function LinkProblem({
  state,
  purpose,
  token,
  language,
  helpHref = "/help",
}: {
  state: LinkProblemState;
  purpose: LinkPurpose;
  token: string;
  language: string;
  /** The help page of the link's organization, with its own link lifetimes, when the link names one. */
  helpHref?: string;
}) {
  const [answer, requestAction, pending] = useActionState<LinkRequestState, FormData>(requestNewLinkAction, null);
  const t = messagesFor(language);
  const problem = t.linkPage.problems[state];
  return (
    <div className="grid gap-5">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{problem.title}</h1>
        <p className="text-sm text-slate-700">{problem[purpose]}</p>
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
            <input type="hidden" name="language" value={language} />
            <div>
              <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
                {pending ? t.forms.sending : t.linkPage.newLink}
              </button>
            </div>
          </form>
        ))}
      <ul className="grid gap-1 text-sm">
        <li>
          <Link href={helpHref} className="font-medium text-blue-800 underline">
            {t.linkPage.didntGetEmail}
          </Link>
        </li>
        <li>
          <Link href="/sign-in" className="font-medium text-blue-800 underline">
            {t.linkPage.signIn}
          </Link>
          {" · "}
          <Link href="/forgot-password" className="font-medium text-blue-800 underline">
            {t.linkPage.forgotPassword}
          </Link>
        </li>
      </ul>
    </div>
  );
}
