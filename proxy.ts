import { NextResponse, type NextRequest } from "next/server";
import { METHOD_HEADER } from "./app/_lib/method-header";

/**
 * Sends anonymous visitors of portal pages to sign-in, remembering where they were going (a shared /users?q=… link
 * lands back on its query). Only the cookie's presence is looked at here: every page still checks the session
 * against the database (app/_lib/session.ts), which is the check that counts.
 *
 * The link pages of emails are public; they are told the request's method, which a page can't see otherwise, so a
 * HEAD (a mail scanner checking the link) is logged as such on the email's timeline (SPEC §4.11).
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const LINK_PAGES = /^\/(set-password|reset-password|verify-email|undo-email-change)\//;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (LINK_PAGES.test(pathname)) {
    const headers = new Headers(request.headers);
    headers.set(METHOD_HEADER, request.method); // always ours: a client-sent value is overwritten
    return NextResponse.next({ request: { headers } });
  }
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const signIn = request.nextUrl.clone();
  signIn.pathname = "/sign-in";
  signIn.search = pathname === "/" && !search ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the public pages, Auth.js, assets, API routes and SCIM (which answer for themselves).
  matcher: ["/((?!api/|scim/|_next/|sign-in|setup|help|forgot-password|dev/|favicon.ico|robots.txt).*)"],
};
