import { getConfig } from "@/lib/config";

// What browsers drop from a URL before parsing it (WHATWG URL: tab and newlines anywhere, C0 controls and spaces at
// either end), so "/\t/evil.example" is checked as the "//evil.example" the browser will follow.
const DROPPED_ANYWHERE = /[\t\n\r]/g;
const TRIMMED_AT_ENDS = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/**
 * Where to go after signing in: a path that resolves, as a browser would resolve it, to this site's own origin.
 * Anything else (another origin, a scheme, a value that does not parse, the sign-in and setup pages) goes to "/".
 */
export function safeCallbackPath(value: unknown, appUrl: string = getConfig().appUrl): string {
  if (typeof value !== "string") return "/";
  const cleaned = value.replace(DROPPED_ANYWHERE, "").replace(TRIMMED_AT_ENDS, "");
  if (!cleaned.startsWith("/")) return "/";
  const origin = new URL(appUrl).origin;
  let url: URL;
  try {
    url = new URL(cleaned, origin);
  } catch {
    return "/";
  }
  // The resolved path is what goes into Location: "//" there would be another host again ("/..//evil" resolves so).
  if (url.origin !== origin || url.pathname.startsWith("//")) return "/";
  if (/^\/(sign-in|setup)(\/|$)/.test(url.pathname)) return "/";
  return url.pathname + url.search + url.hash;
}
