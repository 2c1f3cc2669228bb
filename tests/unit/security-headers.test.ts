import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/security-headers";

const asRecord = (production: boolean) => Object.fromEntries(securityHeaders({ production }).map((h) => [h.key, h.value]));

describe("security headers (SPEC §6)", () => {
  it("forbid framing, sniffing and foreign scripts, and add HSTS in production", () => {
    const headers = asRecord(true);
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).toContain("default-src 'self'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  it("leave HSTS out in development, where the app runs on plain http://localhost", () => {
    expect(asRecord(false)["Strict-Transport-Security"]).toBeUndefined();
  });
});
