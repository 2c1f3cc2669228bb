/**
 * Response headers for every route (SPEC §6). Kept in lib/ so a unit test can read exactly what next.config.ts sends.
 *
 * script-src allows inline scripts because the App Router streams its payload in inline <script> tags; a per-request
 * nonce would need the proxy on every request. Everything else is locked to our own origin, and no page may be framed.
 */
export function securityHeaders({ production }: { production: boolean }): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
  if (production) headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}

/**
 * Extra headers of the pages a link from an email opens (SPEC §6): the token in their URL must not travel on in a
 * Referer header, nor be kept by a browser or proxy cache.
 */
export const LINK_PAGE_HEADERS = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cache-Control", value: "no-store, max-age=0" },
];
