import { cookies, headers } from "next/headers";
import { METHOD_HEADER } from "@/app/_lib/method-header";
import { CardPage } from "@/components/ui/card-page";
import { getDb } from "@/db";
import { fullName } from "@/lib/members/format";
import type { LinkPurpose } from "@/lib/onboarding/link-emails";
import { findLink, passwordContextOf, recordLinkOpened } from "@/lib/onboarding/links";
import { readRefusal, REFUSAL_COOKIE } from "../_lib/refusal-cookie";
import { LinkProblem } from "./link-problem";
import { SetPasswordForm } from "./set-password-form";

/**
 * The page a link in a welcome or reset email opens (SPEC §4.7, §4.8): the organization, the member's name and login
 * name, and the form; or, for a link that can't be used, which case it is. Opening it never consumes the link (mail
 * scanners fetch links too); each GET or HEAD goes on the email's timeline as "Link page opened".
 */
export async function LinkPage({ purpose, token }: { purpose: LinkPurpose; token: string }) {
  const method = (await headers()).get(METHOD_HEADER) ?? "GET";
  const db = await getDb();
  const link = await findLink(db, token, purpose);
  // Back from a refused POST without JavaScript (app/api/set-password/route.ts): show why, and it is no new opening.
  const refused = readRefusal((await cookies()).get(REFUSAL_COOKIE)?.value);
  if (link && !refused && (method === "GET" || method === "HEAD")) await recordLinkOpened(db, link.token.id, method);
  if (!link || link.state !== "valid") {
    return (
      <CardPage title="" bare>
        <LinkProblem state={link && link.state !== "valid" ? link.state : "unknown"} purpose={purpose} token={token} />
      </CardPage>
    );
  }
  const m = link.member;
  const name = fullName(m);
  return (
    <CardPage
      title={purpose === "invite" ? "Set your password" : "Choose a new password"}
      intro={
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-slate-800">
          <dt className="font-medium">Organization</dt>
          <dd>{link.organization.name}</dd>
          {name && (
            <>
              <dt className="font-medium">Name</dt>
              <dd>{name}</dd>
            </>
          )}
          <dt className="font-medium">Login name</dt>
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
      />
    </CardPage>
  );
}
