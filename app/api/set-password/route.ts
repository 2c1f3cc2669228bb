import { cookies } from "next/headers";
import { submitSetPassword } from "@/app/(onboarding)/_lib/submit-set-password";
import { linkPagePath, REFUSAL_COOKIE, REFUSAL_COOKIE_SECONDS, refusalCookieValue } from "@/app/(onboarding)/_lib/refusal-cookie";
import { requestOriginFrom } from "@/app/_lib/request";
import { getConfig } from "@/lib/config";
import { requestLanguage } from "@/lib/i18n/language";
import { readTextUpTo } from "@/lib/http/read-body";

/** The form's fields are a few hundred bytes; anything much larger is not the form. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * The set-password and reset-password forms posted without JavaScript (SPEC §4.7, §4.8, §7). The same submission as
 * the server action (submitSetPassword) without Next.js's action machinery: fifty new employees submitting at once
 * leave the server nothing to do but check, hash and store. With JavaScript the form calls the server action instead.
 * Success: 303 to where the action redirects. Refusal: 303 back to the link page, which shows why.
 */
export async function POST(request: Request): Promise<Response> {
  // A form posted from another site is not ours to accept (Next.js checks server actions the same way). Browsers say
  // where a request comes from in Sec-Fetch-Site, even when the link page's no-referrer policy makes its Origin "null";
  // without that header, an Origin that is given must be this host or APP_URL's.
  const fetchSite = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const ours = [request.headers.get("host"), new URL(getConfig().appUrl).host];
  const foreign = fetchSite
    ? fetchSite !== "same-origin"
    : origin !== null && origin !== "null" && (!URL.canParse(origin) || !ours.includes(new URL(origin).host));
  if (foreign) return new Response("This form can only be sent from its own page.", { status: 403 });
  if (!request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")) {
    return new Response("Send the form as application/x-www-form-urlencoded.", { status: 415 });
  }
  const body = await readTextUpTo(request, MAX_FORM_BYTES);
  if (body === null) return new Response("The form is too large.", { status: 413 });
  const formData = new FormData();
  for (const [name, value] of new URLSearchParams(body)) formData.append(name, value);

  const outcome = await submitSetPassword(formData, { ...requestOriginFrom((name) => request.headers.get(name)), language: requestLanguage(request.headers.get("accept-language")) });
  if ("redirectTo" in outcome) return seeOther(outcome.redirectTo);
  const purpose = formData.get("purpose") === "reset" ? "reset" : "invite";
  const page = linkPagePath(purpose, String(formData.get("token") ?? ""));
  (await cookies()).set(REFUSAL_COOKIE, refusalCookieValue(outcome.refused), { path: page, maxAge: REFUSAL_COOKIE_SECONDS, httpOnly: true, sameSite: "lax" });
  return seeOther(page);
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
