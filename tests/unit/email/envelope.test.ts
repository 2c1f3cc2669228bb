import { describe, expect, it } from "vitest";
import { senderFor } from "@/lib/email/outbox";
import { retryAfterMs } from "@/lib/email/transports/resend";

describe("the From header: the organization's sender name in front of EMAIL_FROM's address (SPEC §5)", () => {
  it.each([
    ["Acme Dental", "Gatehouse <onboarding@localhost>", "Acme Dental <onboarding@localhost>"],
    ["Acme Dental", "onboarding@mail.example.com", "Acme Dental <onboarding@mail.example.com>"],
    ["Acme, Inc.", "Gatehouse <hi@example.com>", '"Acme, Inc." <hi@example.com>'],
    ['The "Best" Clinic', "hi@example.com", '"The \\"Best\\" Clinic" <hi@example.com>'],
    ["Evil\r\nBcc: x@y.z", "hi@example.com", '"Evil Bcc: x@y.z" <hi@example.com>'],
    ["  ", "Gatehouse <hi@example.com>", "hi@example.com"],
  ])("%j with %j gives %j", (name, from, expected) => {
    expect(senderFor(name, from)).toBe(expected);
  });
});

describe("how long the provider asks us to wait", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  it("reads retry-after in seconds or as a date, else ratelimit-reset when nothing is left", () => {
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2_000);
    expect(retryAfterMs({ "retry-after": "Wed, 25 Nov 2026 12:00:05 GMT" }, now)).toBe(5_000);
    expect(retryAfterMs({ "ratelimit-remaining": "0", "ratelimit-reset": "1" }, now)).toBe(1_000);
    expect(retryAfterMs({ "ratelimit-remaining": "3", "ratelimit-reset": "1" }, now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
