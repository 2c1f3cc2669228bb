import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MemberActor } from "@/lib/actor";
import { RowChecker, type CheckContext } from "@/lib/imports/check-row";
import { matchColumns } from "@/lib/imports/columns";

const HEADER = ["First name", "Last name", "Email", "Extension", "Role", "Site", "Department", "Team", "Direct number"];
const admin: MemberActor = { kind: "member", memberId: randomUUID(), organizationId: randomUUID(), role: "admin", siteIds: [], teamIds: [], name: "Ada Admin", loginName: "ada@acme" };
const checkerWith = (loginNamesInUse: string[], { mayCreatePlaces = false, sites = new Map<string, { id: string; name: string }>() } = {}) => {
  const context: CheckContext = {
    actor: admin,
    type: "portal",
    organizationSlug: "acme",
    sites,
    teams: new Map(),
    mayCreatePlaces,
    extensionsInUse: new Set(),
    loginNamesInUse: new Set(loginNamesInUse),
  };
  return new RowChecker(context, matchColumns("portal", HEADER), HEADER.length);
};
const row = (first: string, last: string, n: number) => [first, last, `${first}.${n}@example.test`.toLowerCase(), "", "Member", "", "", "", ""];
const loginNameOf = (result: ReturnType<RowChecker["check"]>) => ("member" in result ? result.member.login_name : result.errors);

describe("login names of rows without an extension", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are numbered on from the last one given, stepping over names the organization already has", () => {
    const checker = checkerWith(["sam.same@acme", "sam.same3@acme"]);
    const names = Array.from({ length: 4 }, (_, i) => loginNameOf(checker.check(i + 2, row("Sam", "Same", i))));
    expect(names).toEqual(["sam.same2@acme", "sam.same4@acme", "sam.same5@acme", "sam.same6@acme"]);
  });

  it("cost a step or two per row however many rows share one name (10,000 Sam Sames)", () => {
    const checker = checkerWith([]);
    const lookups = vi.spyOn(Set.prototype, "has");
    for (let i = 0; i < 10_000; i++) checker.check(i + 2, row("Sam", "Same", i));
    // Before, the 10,000th row looked at 9,999 taken names first: 50 million lookups for the file.
    expect(lookups.mock.calls.length).toBeLessThan(10_000 * 5);
    expect(loginNameOf(checker.check(10_002, row("Sam", "Same", 10_000)))).toBe("sam.same10001@acme");
  });
});

describe("sites and teams a file names that the organization doesn't have (SPEC §4.15)", () => {
  const DOWNTOWN = { id: randomUUID(), name: "Downtown" };
  const placed = (n: number, site: string, team = "") => [`Pat${n}`, "Lee", `pat${n}@example.test`, "", "Member", site, "", team, ""];
  const errorsOf = (result: ReturnType<RowChecker["check"]>) => ("errors" in result ? result.errors.map((e) => `${e.column}: ${e.message}`) : []);

  it("are an error on the row for someone who may not create them, naming the ones there are", () => {
    const checker = checkerWith([], { sites: new Map([["downtown", DOWNTOWN]]) });
    expect(errorsOf(checker.check(2, placed(1, "Lakeside", "Night shift")))).toEqual([
      'Site: There is no site named "Lakeside". Use one of: Downtown.',
      'Team: There is no team named "Night shift". Use one of: (your organization has none yet), or No Team.',
    ]);
    expect(checker.newPlaces.site.size).toBe(0);
  });

  it("are new places, one per name whatever its case, spelled as first written, for someone who may create them", () => {
    const checker = checkerWith([], { mayCreatePlaces: true, sites: new Map([["downtown", DOWNTOWN]]) });
    const first = checker.check(2, placed(1, "Lakeside", "Night shift"));
    const second = checker.check(3, placed(2, "LAKESIDE", "night SHIFT"));
    const known = checker.check(4, placed(3, "downTOWN"));
    if (!("member" in first) || !("member" in second) || !("member" in known)) throw new Error("rows should be valid");
    expect(second.member.site_id).toBe(first.member.site_id);
    expect(second.member.team_id).toBe(first.member.team_id);
    expect(known.member.site_id).toBe(DOWNTOWN.id);
    expect([...checker.newPlaces.site.values()]).toEqual([{ id: first.member.site_id, name: "Lakeside" }]);
    expect([...checker.newPlaces.team.values()]).toEqual([{ id: first.member.team_id, name: "Night shift" }]);
  });

  it("refuse a name longer than 100 characters, hidden characters, and more than 50 new ones in a file", () => {
    const checker = checkerWith([], { mayCreatePlaces: true });
    expect(errorsOf(checker.check(2, placed(1, "x".repeat(101))))).toEqual(["Site: Use at most 100 characters for a site name (this one has 101)."]);
    expect(errorsOf(checker.check(3, placed(2, "", "Night\u202Eshift")))).toEqual(["Team: Remove the hidden characters that change the direction of the text from the team."]);
    for (let i = 0; i < 50; i++) expect(errorsOf(checker.check(10 + i, placed(10 + i, `Branch ${i}`)))).toEqual([]);
    expect(errorsOf(checker.check(60, placed(60, "Branch 50")))).toEqual([
      "Site: This file names more than 50 sites that don't exist yet. Create them under Organization → Sites first, or check the names.",
    ]);
    expect(errorsOf(checker.check(61, placed(61, "branch 7")))).toEqual([]);
  });
});
