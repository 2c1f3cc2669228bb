import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/app/(auth)/sign-in/callback-path";
import { clientIpFrom } from "@/app/_lib/request";
import { ConflictError, fromConstraintViolation } from "@/lib/errors";

describe("after sign-in", () => {
  const APP = "https://portal.example.com";
  const after = (value: unknown) => safeCallbackPath(value, APP);

  it("returns to a path on this site, query and fragment kept", () => {
    expect(after("/users?q=201")).toBe("/users?q=201");
    expect(after("/users/42#welcome")).toBe("/users/42#welcome");
    expect(after("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example"); // still a path here, never a host
  });

  it("drops what browsers drop before checking, so a hidden second slash is caught", () => {
    for (const bad of ["/\t/evil.example/phish", "/\n/evil.example", "/\r\n/evil.example", " //evil.example", "\u0000//evil.example"]) {
      expect(after(bad), JSON.stringify(bad)).toBe("/");
    }
    expect(after("/us\ters")).toBe("/users");
  });

  it("goes home for anything that leaves this origin or is not a path", () => {
    const bad = [
      "//evil.example/", "///evil.example", "/\\evil.example", "\\/evil.example", "/\\/evil.example",
      "https://evil.example/", "HTTPS://portal.example.com.evil.example/", "https://portal.example.com/users",
      "javascript:alert(1)", "/..//evil.example", "/./\\evil.example", "evil.example", "", undefined, ["/a"], 42,
    ];
    for (const value of bad) expect(after(value), JSON.stringify(value)).toBe("/");
  });

  it("never returns to the sign-in or setup pages", () => {
    for (const value of ["/sign-in", "/sign-in?callbackUrl=/x", "/setup", "/setup/"]) expect(after(value)).toBe("/");
    expect(after("/setup-guide")).toBe("/setup-guide");
  });
});

describe("the client's address", () => {
  it("is the first hop of X-Forwarded-For, else X-Real-IP", () => {
    const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
    expect(clientIpFrom(headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
    expect(clientIpFrom(headers({ "x-real-ip": "203.0.113.10" }))).toBe("203.0.113.10");
    expect(clientIpFrom(headers({}))).toBeNull();
  });
});

describe("database constraint violations", () => {
  it("become a message beside the field for the constraints a user can hit", () => {
    const pgError = { code: "23505", constraint: "member_org_extension_uq" };
    expect(fromConstraintViolation({ message: "wrapped", cause: pgError })).toEqual(new ConflictError("This extension is already in use", "extension"));
    const unknown = { code: "23505", constraint: "something_else" };
    expect(fromConstraintViolation(unknown)).toBe(unknown);
  });
});
