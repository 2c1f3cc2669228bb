import { headers } from "next/headers";
import { requestLanguage } from "@/lib/i18n/language";

/**
 * The language of a page about no one in particular (SPEC §4.9): the browser's Accept-Language among the catalogue's,
 * else `fallback` (the organization's default, when the page knows the organization), else English.
 */
export async function browserLanguage(fallback: string | null = null): Promise<string> {
  return requestLanguage((await headers()).get("accept-language"), fallback);
}
