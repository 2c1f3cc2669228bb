import { describe, expect, it } from "vitest";
import { durationText } from "@/lib/organizations/duration";

describe("a link's lifetime, as people say it", () => {
  it.each([
    [15, "15 minutes"],
    [1, "1 minute"],
    [60, "1 hour"],
    [90, "1 hour 30 minutes"],
    [361, "6 hours 1 minute"],
    [360, "6 hours"],
    [1440, "1 day"],
    [30 * 1440, "30 days"],
  ])("%i minutes: %s", (minutes, text) => {
    expect(durationText(minutes)).toBe(text);
  });
});
