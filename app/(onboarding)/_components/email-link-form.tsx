"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { EmailLinkPurpose } from "@/lib/account/email-links";
import { MY_ACCOUNT_PATH } from "@/lib/account/paths";
import { messagesFor } from "@/lib/i18n/messages";
import type { LinkState } from "@/lib/onboarding/links";
import { signOutAction } from "../../(portal)/actions";
import { confirmEmailAction, undoEmailChangeAction, type EmailLinkState } from "../actions";

/**
 * The one button of an address link's page, and what follows it: done (the address confirmed, or the change undone,
 * with where to go next), or why the link can't do it any more.
 */
export function EmailLinkForm({ purpose, token, language, signedIn }: { purpose: EmailLinkPurpose; token: string; language: string; signedIn: boolean }) {
  const [state, formAction, pending] = useActionState<EmailLinkState | null, FormData>(purpose === "email-verify" ? confirmEmailAction : undoEmailChangeAction, null);
  const t = messagesFor(language);
  if (state?.ok) return <Done state={state} language={language} signedIn={signedIn} />;
  if (state?.linkState) return <EmailLinkProblem purpose={purpose} state={state.linkState} language={language} />;
  if (state?.signedInAs) return <OtherAccount language={language} name={state.signedInAs} />;
  return (
    <form action={formAction} className="grid gap-4">
      <FormAlert message={state?.error} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="language" value={language} />
      <Button type="submit" variant={purpose === "email-undo" ? "danger" : "primary"} disabled={pending}>
        {pending ? t.forms.saving : purpose === "email-verify" ? t.verifyEmail.confirm : t.undoEmail.undo}
      </Button>
    </form>
  );
}

function Done({ state, language, signedIn }: { state: Extract<EmailLinkState, { ok: true }>; language: string; signedIn: boolean }) {
  const t = messagesFor(language);
  if (state.confirms === "undo") {
    return (
      <div role="status" className="grid gap-3">
        <h2 className="text-lg font-semibold">{t.undoEmail.doneTitle}</h2>
        <p className="text-sm text-slate-700 [overflow-wrap:anywhere]">{t.undoEmail.done(state.address)}</p>
        <p className="text-sm text-slate-700">
          {t.undoEmail.newPassword}{" "}
          <Link href="/forgot-password" className="font-medium text-blue-800 underline">
            {t.linkPage.forgotPassword}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div role="status" className="grid gap-3">
      <h2 className="text-lg font-semibold">{t.verifyEmail.doneTitle}</h2>
      <p className="text-sm text-slate-700 [overflow-wrap:anywhere]">
        {state.confirms === "primary" ? t.verifyEmail.donePrimary(state.address) : t.verifyEmail.doneAdditional(state.address)}
      </p>
      <Link href={signedIn ? MY_ACCOUNT_PATH : "/sign-in"} className="text-sm font-medium text-blue-800 underline">
        {signedIn ? t.verifyEmail.myAccount : t.verifyEmail.signIn}
      </Link>
    </div>
  );
}

/** Which case an address link is in (expired, used, replaced, cancelled or unknown), and that nothing changed. */
export function EmailLinkProblem({ purpose, state, language }: { purpose: EmailLinkPurpose; state: Exclude<LinkState, "valid">; language: string }) {
  const t = messagesFor(language);
  const problem = (purpose === "email-verify" ? t.verifyEmail : t.undoEmail).problems[state];
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">{problem.title}</h1>
      <p className="text-sm text-slate-700">{problem.body}</p>
      <ul className="grid gap-1 text-sm">
        <li>
          <Link href={MY_ACCOUNT_PATH} className="font-medium text-blue-800 underline">
            {t.verifyEmail.myAccount}
          </Link>
        </li>
        <li>
          <Link href="/help" className="font-medium text-blue-800 underline">
            {t.linkPage.didntGetEmail}
          </Link>
        </li>
      </ul>
    </div>
  );
}

/** A verification link opened while someone else is signed in: sign out first, nothing changes meanwhile. */
export function OtherAccount({ language, name }: { language: string; name: string }) {
  const t = messagesFor(language);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t.verifyEmail.otherAccountTitle}</h1>
      <p className="text-sm text-slate-700">{t.verifyEmail.otherAccount(name)}</p>
      <form action={signOutAction}>
        <Button type="submit" variant="secondary">
          {t.shell.signOut}
        </Button>
      </form>
    </div>
  );
}
