import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends anonymous visitors of portal pages to sign-in, remembering where they were going (a shared /users?q=… link
 * lands back on its query). Only the cookie's presence is looked at here: every page still checks the session
 * against the database (app/_lib/session.ts), which is the check that counts.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const signIn = request.nextUrl.clone();
  signIn.pathname = "/sign-in";
  signIn.search = pathname === "/" && !search ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the public pages, Auth.js, assets and API routes (which answer for themselves).
  matcher: ["/((?!api/|_next/|sign-in|setup|help|set-password|reset-password|forgot-password|dev/|favicon.ico|robots.txt).*)"],
};
