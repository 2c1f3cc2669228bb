import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { browserLanguage } from "@/app/_lib/language";
import { METHOD_HEADER } from "@/app/_lib/method-header";
import { currentActor } from "@/app/_lib/session";
import { CardPage } from "@/components/ui/card-page";
import { getDb } from "@/db";
import { findEmailLink, type EmailLinkPurpose } from "@/lib/account/email-links";
import { maskEmail } from "@/lib/account/own-account";
import { messagesFor } from "@/lib/i18n/messages";
import { recordLinkOpened } from "@/lib/onboarding/links";
import { EmailLinkForm, EmailLinkProblem, OtherAccount } from "./email-link-form";

const linkOf = cache(async (token: string, purpose: EmailLinkPurpose) => findEmailLink(await getDb(), token, purpose));

async function languageOf(token: string, purpose: EmailLinkPurpose): Promise<string> {
  return (await linkOf(token, purpose))?.language ?? browserLanguage();
}

export async function emailLinkPageMetadata(purpose: EmailLinkPurpose, token: string): Promise<Metadata> {
  const t = messagesFor(await languageOf(token, purpose));
  return { title: purpose === "email-verify" ? t.verifyEmail.title : t.undoEmail.title };
}

/**
 * The page a link about an address opens (SPEC §4.9): "Confirm your email address" (from the verification email) or
 * "Wasn't you?" (the "This wasn't me" link of a change notice), in the member's language. Like every link page, opening
 * it uses nothing (mail scanners fetch links too): only its button's POST does. A verification link opened while
 * someone else is signed in is refused before anything can change.
 */
export async function EmailLinkPage({ purpose, token }: { purpose: EmailLinkPurpose; token: string }) {
  const method = (await headers()).get(METHOD_HEADER) ?? "GET";
  const link = await linkOf(token, purpose);
  const language = await languageOf(token, purpose);
  const t = messagesFor(language);
  if (link && (method === "GET" || method === "HEAD")) await recordLinkOpened(await getDb(), link.token.id, method);
  if (!link || link.state !== "valid") {
    return (
      <CardPage title="" bare lang={language}>
        <EmailLinkProblem purpose={purpose} state={link && link.state !== "valid" ? link.state : "unknown"} language={language} />
      </CardPage>
    );
  }
  const signedIn = await currentActor();
  const someoneElse = purpose === "email-verify" && signedIn && (signedIn.kind !== "member" || signedIn.memberId !== link.member.id);
  if (someoneElse) {
    return (
      <CardPage title="" bare lang={language}>
        <OtherAccount language={language} name={signedIn.name} />
      </CardPage>
    );
  }
  const address = link.token.sentTo;
  const words = purpose === "email-verify" ? t.verifyEmail : t.undoEmail;
  const intro =
    purpose === "email-verify"
      ? [t.verifyEmail.intro(address, link.organization.name), link.confirms === "primary" ? t.verifyEmail.primary : t.verifyEmail.additional]
      : [t.undoEmail.intro(link.organization.name, maskEmail(link.member.pendingEmail ?? link.member.primaryEmail ?? "")), t.undoEmail.explain(address)];
  return (
    <CardPage
      lang={language}
      title={words.title}
      intro={
        <div className="grid gap-2">
          {intro.map((sentence) => (
            <p key={sentence} className="[overflow-wrap:anywhere]">
              {sentence}
            </p>
          ))}
        </div>
      }
    >
      <EmailLinkForm purpose={purpose} token={token} language={language} signedIn={Boolean(signedIn)} />
    </CardPage>
  );
}
