import { z } from "zod";
import { LINK_PATHS, type LinkPurpose } from "@/lib/onboarding/link-emails";
import type { SetPasswordRefusal } from "./submit-set-password";

/**
 * A refused set-password POST made without JavaScript (app/api/set-password/route.ts) goes back to its link page with
 * the refusal in this cookie, scoped to that page and gone after a few seconds, and the page shows it on the form as
 * the server action's answer would be shown. The cookie is the client's to write, so it is read as untrusted text.
 */
export const REFUSAL_COOKIE = "gh-set-password-refusal";
export const REFUSAL_COOKIE_SECONDS = 10;

const refusal = z.object({
  ok: z.literal(false),
  error: z.string().max(500),
  fieldErrors: z.record(z.string().max(40), z.array(z.string().max(500)).max(5)).optional(),
});

export type Refusal = z.infer<typeof refusal>;

export const linkPagePath = (purpose: LinkPurpose, token: string) => `${LINK_PATHS[purpose]}/${encodeURIComponent(token)}`;

export function refusalCookieValue(state: SetPasswordRefusal): string {
  return JSON.stringify({ ok: false, error: state.error, ...("fieldErrors" in state && state.fieldErrors ? { fieldErrors: state.fieldErrors } : {}) });
}

export function readRefusal(value: string | undefined): Refusal | null {
  if (!value) return null;
  try {
    const parsed = refusal.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
