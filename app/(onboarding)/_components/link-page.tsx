import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { browserLanguage } from "@/app/_lib/language";
import { METHOD_HEADER } from "@/app/_lib/method-header";
import { CardPage } from "@/components/ui/card-page";
import { getDb } from "@/db";
import { helpPathFor } from "@/lib/email/compose";
import { memberLanguage, messagesFor } from "@/lib/i18n/language";
import { fullName } from "@/lib/members/format";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import { findLink, passwordContextOf, recordLinkOpened } from "@/lib/onboarding/links";
import { readRefusal, REFUSAL_COOKIE } from "../_lib/refusal-cookie";
import { LinkProblem } from "./link-problem";
import { SetPasswordForm } from "./set-password-form";

/** The link a page's secret names, read once per request for the page and its title. Reading never uses it. */
const linkOf = cache(async (token: string, purpose: LinkPurpose) => findLink(await getDb(), token, purpose));

/** The language of a link's page (SPEC §4.9): its member's, or for a link that names nobody, the browser's. */
async function languageOf(token: string, purpose: LinkPurpose): Promise<string> {
  const link = await linkOf(token, purpose);
  return link ? memberLanguage(link.member, link.organization) : browserLanguage();
}

/** The page's title, in its member's language. */
export async function linkPageMetadata(purpose: LinkPurpose, token: string): Promise<Metadata> {
  const t = messagesFor(await languageOf(token, purpose)).linkPage;
  return { title: purpose === "invite" ? t.setPasswordTitle : t.newPasswordTitle };
}

/**
 * The page a link in a welcome or reset email opens (SPEC §4.7, §4.8): the organization, the member's name and login
 * name, and the form; or, for a link that can't be used, which case it is. Opening it never consumes the link (mail
 * scanners fetch links too); each GET or HEAD goes on the email's timeline as "Link page opened". Its words are in
 * the member's language.
 */
export async function LinkPage({ purpose, token }: { purpose: LinkPurpose; token: string }) {
  const method = (await headers()).get(METHOD_HEADER) ?? "GET";
  const link = await linkOf(token, purpose);
  const language = await languageOf(token, purpose);
  const t = messagesFor(language).linkPage;
  // Back from a refused POST without JavaScript (app/api/set-password/route.ts): show why, and it is no new opening.
  const refused = readRefusal((await cookies()).get(REFUSAL_COOKIE)?.value);
  if (link && !refused && (method === "GET" || method === "HEAD")) await recordLinkOpened(await getDb(), link.token.id, method);
  if (!link || link.state !== "valid") {
    return (
      <CardPage title="" bare lang={language}>
        <LinkProblem
          state={link && link.state !== "valid" ? link.state : "unknown"}
          purpose={purpose}
          token={token}
          language={language}
          helpHref={link ? helpPathFor(link.organization.slug) : undefined}
        />
      </CardPage>
    );
  }
  const m = link.member;
  const name = fullName(m);
  return (
    <CardPage
      lang={language}
      title={purpose === "invite" ? t.setPasswordTitle : t.newPasswordTitle}
      intro={
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-slate-800">
          <dt className="font-medium">{t.organization}</dt>
          <dd>{link.organization.name}</dd>
          {name && (
            <>
              <dt className="font-medium">{t.name}</dt>
              <dd>{name}</dd>
            </>
          )}
          <dt className="font-medium">{t.loginName}</dt>
          <dd className="font-mono">{m.loginName}</dd>
        </dl>
      }
    >
      <SetPasswordForm
        token={token}
        purpose={purpose}
        rules={passwordContextOf(link)}
        needsPin={!m.voicemailPinHash}
        refused={refused}
        language={language}
        helpHref={helpPathFor(link.organization.slug)}
      />
    </CardPage>
  );
}
