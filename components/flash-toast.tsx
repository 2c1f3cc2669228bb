"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { toast } from "sonner";
import { FLASH_COOKIE } from "./flash-cookie";

/** Shows the message a server action left for the page it redirected to (app/_lib/flash.ts), once. */
export function FlashToast() {
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => {
    const entry = document.cookie.split("; ").find((c) => c.startsWith(`${FLASH_COOKIE}=`));
    if (!entry) return;
    document.cookie = `${FLASH_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
    const message = decodeURIComponent(entry.slice(FLASH_COOKIE.length + 1));
    if (message) toast.success(message);
  }, [pathname, search]);
  return null;
}
