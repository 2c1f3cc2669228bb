import { cookies } from "next/headers";
import { FLASH_COOKIE } from "@/components/flash-cookie";

/**
 * A toast that survives a redirect (SPEC §4: "back to the Users tab with the popup …"): the action sets a short-lived
 * cookie, and <FlashToast> shows and clears it on the next page.
 */
export async function flash(message: string): Promise<void> {
  // Next encodes the value; the toast decodes it.
  (await cookies()).set(FLASH_COOKIE, message, { path: "/", maxAge: 60, sameSite: "lax", httpOnly: false });
}
