import { describe, expect, it } from "vitest";
import { newPlacesText, placesCountText } from "@/lib/members/format";

describe("how an import names the places it would create", () => {
  it("counts sites and teams in words, leaving out what there is none of", () => {
    expect(placesCountText(2, 1)).toBe("2 sites and 1 team");
    expect(placesCountText(0, 3)).toBe("3 teams");
    expect(placesCountText(1_200, 0)).toBe("1,200 sites");
  });

  it("says one new place doesn't exist yet, and several don't", () => {
    expect(newPlacesText(1, 0)).toBe("1 site in this file doesn't exist yet");
    expect(newPlacesText(0, 1)).toBe("1 team in this file doesn't exist yet");
    expect(newPlacesText(2, 1)).toBe("2 sites and 1 team in this file don't exist yet");
  });
});
