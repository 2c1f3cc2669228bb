"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * A menu made of a native <details> (Enter and Space open it, screen readers announce it): closed again on Escape,
 * with focus back on its summary, and once one of its links has opened its page.
 */
export function useMenuDetails() {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== "Escape" || !ref.current?.open) return;
    ref.current.open = false;
    ref.current.querySelector("summary")?.focus();
  };
  return { ref, onKeyDown };
}
