import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/app/(auth)/sign-in/callback-path";
import { clientIpFrom } from "@/app/_lib/request";
import { ConflictError, fromConstraintViolation } from "@/lib/errors";

describe("after sign-in", () => {
  it("returns only to a path on this site", () => {
    expect(safeCallbackPath("/users?q=201")).toBe("/users?q=201");
    for (const bad of ["//evil.example/", "https://evil.example/", "/\\evil.example", "/sign-in", undefined, ["/a"]]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
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
