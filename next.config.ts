import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const production = process.env.NODE_ENV === "production";

export default {
  // PGlite loads its wasm and data files from its own package folder; bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ production }) }];
  },
} satisfies NextConfig;
