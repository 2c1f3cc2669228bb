/** The cookie that carries a toast across a redirect (app/_lib/flash.ts → components/flash-toast.tsx). */
export const FLASH_COOKIE = "gatehouse-flash";
