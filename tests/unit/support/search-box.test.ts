import { describe, expect, it } from "vitest";
import { parseSupportSearch } from "@/lib/support/search-platform";

/** The support console's search box (SPEC §4.14): what it searches for, and what it refuses before any query runs. */
describe("the support search box", () => {
  it("searches for what was typed, spaces tidied, as words or as a number", () => {
    expect(parseSupportSearch("  Dana   Reyes ")).toEqual({ kind: "query", q: "Dana Reyes", digits: null, words: ["Dana", "Reyes"] });
    expect(parseSupportSearch("(415) 555-0123")).toMatchObject({ kind: "query", digits: "4155550123" });
    expect(parseSupportSearch("+44 20 7946 0958")).toMatchObject({ kind: "query", digits: "442079460958" });
    expect(parseSupportSearch("201")).toMatchObject({ kind: "query", digits: "201" });
    expect(parseSupportSearch("dana@acme.com")).toMatchObject({ kind: "query", digits: null, words: ["dana@acme.com"] });
    expect(parseSupportSearch("Li")).toMatchObject({ kind: "query", words: ["Li"] });
  });

  it("opens empty with nothing typed", () => {
    expect(parseSupportSearch("")).toEqual({ kind: "empty" });
    expect(parseSupportSearch("   ")).toEqual({ kind: "empty" });
    expect(parseSupportSearch(undefined)).toEqual({ kind: "empty" });
    expect(parseSupportSearch(["a", "b"])).toEqual({ kind: "empty" });
  });

  it("refuses 1 character, wildcards and 10,000 characters, saying what to type instead", () => {
    expect(parseSupportSearch("a")).toMatchObject({ kind: "refused", problem: expect.stringContaining("at least 2 letters or digits") });
    expect(parseSupportSearch("-.")).toMatchObject({ kind: "refused", problem: expect.stringContaining("at least 2 letters or digits") });
    for (const q of ["%%", "da*", "d?na", "%"]) expect(parseSupportSearch(q)).toMatchObject({ kind: "refused", problem: expect.stringContaining("Leave out * % and ?") });
    const long = parseSupportSearch("x".repeat(10_000));
    expect(long).toMatchObject({ kind: "refused", problem: "Search for at most 100 characters: part of a name, an address or a number is enough." });
    expect((long as { q: string }).q).toHaveLength(100);
  });

  it("keeps only the first 5 words, so a pasted paragraph costs no more than a name", () => {
    expect(parseSupportSearch("one two three four five six seven")).toMatchObject({ words: ["one", "two", "three", "four", "five"] });
  });
});
