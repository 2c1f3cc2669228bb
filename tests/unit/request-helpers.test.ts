import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/app/(auth)/sign-in/callback-path";
import { clientIpFrom } from "@/app/_lib/request";
import { clientAddress, installPeerAddressStamp, PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
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
  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ peer: "192.0.2.7", forwardedFor: "203.0.113.9", trustedHops: 0 })).toBe("192.0.2.7");
    expect(clientAddress({ peer: "::ffff:192.0.2.7", forwardedFor: null, trustedHops: 0 })).toBe("192.0.2.7");
    expect(clientAddress({ peer: "2001:db8::1", forwardedFor: null, trustedHops: 0 })).toBe("2001:db8::1");
  });

  it("behind N trusted proxies is the N-th X-Forwarded-For entry from the right, never one the client wrote", () => {
    const forwardedFor = "6.6.6.6, 203.0.113.9, 10.0.0.2";
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor, trustedHops: 1 })).toBe("10.0.0.2");
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor, trustedHops: 2 })).toBe("203.0.113.9");
    // A chain shorter than the hops trusted: its leftmost entry, as Express's "trust proxy" gives.
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "203.0.113.9", trustedHops: 5 })).toBe("203.0.113.9");
  });

  it("is unknown rather than made up: no peer, or an entry that is not an address", () => {
    expect(clientAddress({ peer: null, forwardedFor: "203.0.113.9", trustedHops: 1 })).toBeNull();
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "203.0.113.9, not-an-ip", trustedHops: 1 })).toBeNull();
  });

  it("comes from the server's own stamp of the TCP peer, which overwrites a copy the client sends", async () => {
    installPeerAddressStamp();
    const server = http.createServer((request, response) => {
      response.end(String(clientIpFrom((name) => (request.headers[name] as string | undefined) ?? null, 0)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "203.0.113.9", [PEER_ADDRESS_HEADER]: "198.51.100.1" } });
      expect(await answer.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
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
