import type { NextConfig } from "next";
import { installPeerAddressStamp } from "./lib/http/client-address";
import { LINK_PAGE_HEADERS, securityHeaders } from "./lib/security-headers";

// The client's address must come from the TCP connection, before Next.js sees the request (lib/http/client-address.ts).
installPeerAddressStamp();

const production = process.env.NODE_ENV === "production";

export default {
  // PGlite loads its wasm and data files from its own package folder; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  async headers() {
    // Later entries override earlier ones for the same header: the link pages' Referrer-Policy wins.
    return [
      { source: "/:path*", headers: securityHeaders({ production }) },
      { source: "/set-password/:path*", headers: LINK_PAGE_HEADERS },
      { source: "/reset-password/:path*", headers: LINK_PAGE_HEADERS },
      { source: "/verify-email/:path*", headers: LINK_PAGE_HEADERS },
      { source: "/undo-email-change/:path*", headers: LINK_PAGE_HEADERS },
    ];
  },
} satisfies NextConfig;
