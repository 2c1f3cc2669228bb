import { describe, expect, it } from "vitest";
import { DEFAULT_PHONE_COUNTRY, formatDirectNumber, normalizeDirectNumber } from "@/lib/members/phone";

describe("normalizeDirectNumber (SPEC §2: direct numbers are stored in E.164)", () => {
  it("reads a number typed without a country code as North American", () => {
    expect(DEFAULT_PHONE_COUNTRY).toBe("US");
    for (const typed of ["(415) 555-0123", "415-555-0123", "415.555.0123", "4155550123", "1 415 555 0123", "+1 (415) 555-0123"]) {
      expect(normalizeDirectNumber(typed), typed).toBe("+14155550123");
    }
  });

  it("keeps the country of a number typed with a + and its country code", () => {
    expect(normalizeDirectNumber("+44 20 7946 0958")).toBe("+442079460958");
    expect(normalizeDirectNumber("+49 30 1234567")).toBe("+49301234567");
  });

  it("reads a national number in another country when told which", () => {
    expect(normalizeDirectNumber("030 1234567", "DE")).toBe("+49301234567");
    expect(normalizeDirectNumber("020 7946 0958", "GB")).toBe("+442079460958");
  });

  it("refuses what can't be a phone number", () => {
    for (const typed of ["", "12", "abc", "415 555 01234", "+1 123 456 7890", "+999 1234567"]) {
      expect(normalizeDirectNumber(typed), typed).toBeNull();
    }
  });
});

describe("formatDirectNumber", () => {
  it("shows an E.164 number grouped the international way", () => {
    expect(formatDirectNumber("+14155550123")).toBe("+1 415 555 0123");
    expect(formatDirectNumber("+442079460958")).toBe("+44 20 7946 0958");
  });

  it("shows nothing for no number, and an unreadable stored value as it is", () => {
    expect(formatDirectNumber(null)).toBe("");
    expect(formatDirectNumber("")).toBe("");
    expect(formatDirectNumber("garbage")).toBe("garbage");
  });

  it("round-trips: what it shows reads back to the same number", () => {
    for (const e164 of ["+14155550123", "+442079460958", "+49301234567"]) {
      expect(normalizeDirectNumber(formatDirectNumber(e164))).toBe(e164);
    }
  });
});
