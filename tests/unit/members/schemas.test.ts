import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bulkEditInput, memberInput, memberSelection, updateMemberInput } from "@/lib/members/schemas";

/** The inputs of member management (SPEC §4.4, §4.3) as the forms post them: every value a string, "" for empty. */

const SITE = randomUUID();
const TEAM = randomUUID();
const portalForm = { portalAccess: "yes", firstName: "Dana", lastName: "Reyes", role: "member", email: "dana@example.test" };
const fieldErrors = (result: { error?: { flatten: () => { fieldErrors: Record<string, string[] | undefined> } } }) => result.error?.flatten().fieldErrors;

describe("memberInput: Create and the Profile tab", () => {
  it("refuses hidden control and text-direction characters in names and the department, with a message beside the field", () => {
    const result = memberInput.safeParse({ ...portalForm, firstName: "Da\u0000na", lastName: "Reyes\u202Egnp.exe", department: "Sales\tEast" });
    expect(fieldErrors(result)).toEqual({
      firstName: ["Remove the hidden control characters (such as a tab or a line break)"],
      lastName: ["Remove the hidden characters that change the direction of the text"],
      department: ["Remove the hidden control characters (such as a tab or a line break)"],
    });
    for (const bidi of ["\u202A", "\u202B", "\u202C", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u0085", "\u007F"]) {
      expect(memberInput.safeParse({ ...portalForm, firstName: `Dana${bidi}` }).success, JSON.stringify(bidi)).toBe(false);
    }
    // Letters of every script, accents and apostrophes are names like any other.
    expect(memberInput.safeParse({ ...portalForm, firstName: "Zoë-Anne O'Brien", lastName: "محمد 王" }).success).toBe(true);
  });

  it("trims names, lower-cases the email and login name, and treats empty fields as not given", () => {
    const parsed = memberInput.parse({
      ...portalForm,
      firstName: "  Dana ",
      email: "Dana.Reyes@Example.TEST",
      loginName: " Dana@ACME ",
      extension: "",
      siteId: "",
      teamId: "none",
      department: "   ",
      directNumber: "",
    });
    expect(parsed).toEqual({
      portalAccess: "yes",
      firstName: "Dana",
      lastName: "Reyes",
      role: "member",
      email: "dana.reyes@example.test",
      loginName: "dana@acme",
      siteId: null,
      teamId: null,
      managedSiteIds: [],
      supervisedTeamIds: [],
      sendWelcomeNow: false,
    });
  });

  it("keeps site, team, extension, department and the ticked sites and teams", () => {
    const parsed = memberInput.parse({ ...portalForm, extension: " 201 ", siteId: SITE, teamId: TEAM, department: " Billing ", managedSiteIds: [SITE], supervisedTeamIds: [TEAM] });
    expect(parsed).toMatchObject({ extension: "201", siteId: SITE, teamId: TEAM, department: "Billing", managedSiteIds: [SITE], supervisedTeamIds: [TEAM] });
  });

  it("'Portal Access' needs an email, and says so with every other message in one go", () => {
    const result = memberInput.safeParse({ portalAccess: "yes", firstName: "", lastName: " ", role: "", extension: "2", email: "", siteId: "main" });
    expect(fieldErrors(result)).toEqual({
      firstName: ["Enter a first name"],
      lastName: ["Enter a last name"],
      role: ["Choose a role"],
      extension: ["Use 2 to 8 digits, e.g. 201"],
      email: ["Email is required for portal access"],
      siteId: ["Choose from the list"],
    });
  });

  it("a malformed email is named as such", () => {
    expect(fieldErrors(memberInput.safeParse({ ...portalForm, email: "dana@" }))).toEqual({ email: ["Enter an email address like name@example.com"] });
  });

  it("'No Portal Access' needs no email and drops any email or login name sent", () => {
    const parsed = memberInput.parse({ ...portalForm, portalAccess: "no", email: "lobby@example.test", loginName: "lobby@acme" });
    expect(parsed.portalAccess).toBe("no");
    expect(parsed.email).toBeUndefined();
    expect(parsed.loginName).toBeUndefined();
    expect(memberInput.safeParse({ ...portalForm, portalAccess: "no", email: "" }).success).toBe(true);
  });

  it("refuses a portal access value that is neither", () => {
    expect(memberInput.safeParse({ ...portalForm, portalAccess: "maybe" }).success).toBe(false);
    expect(memberInput.safeParse({ ...portalForm, portalAccess: undefined }).success).toBe(false);
  });

  it("extensions are 2 to 8 digits", () => {
    expect(memberInput.parse({ ...portalForm, extension: "99" }).extension).toBe("99");
    expect(memberInput.parse({ ...portalForm, extension: "12345678" }).extension).toBe("12345678");
    for (const extension of ["1", "123456789", "20a", "+201", "2 01"]) {
      expect(fieldErrors(memberInput.safeParse({ ...portalForm, extension })), extension).toEqual({ extension: ["Use 2 to 8 digits, e.g. 201"] });
    }
  });

  it("every role is one of the five, by its stored name", () => {
    for (const role of ["owner", "admin", "site_manager", "supervisor", "member"]) expect(memberInput.parse({ ...portalForm, role }).role).toBe(role);
    expect(fieldErrors(memberInput.safeParse({ ...portalForm, role: "Office Manager" }))).toEqual({ role: ["Choose a role"] });
  });

  it("a login name is letters, digits, dots or dashes, then @ and a short name", () => {
    expect(memberInput.parse({ ...portalForm, loginName: "front.desk-2@acme-dental" }).loginName).toBe("front.desk-2@acme-dental");
    for (const loginName of ["dana", "dana@", "@acme", "dana reyes@acme", "dana@acme.com", "dana@a@acme"]) {
      expect(memberInput.safeParse({ ...portalForm, loginName }).success, loginName).toBe(false);
    }
  });

  it("a direct number is normalized to E.164, or refused with an example", () => {
    expect(memberInput.parse({ ...portalForm, directNumber: "(415) 555-0123" }).directNumber).toBe("+14155550123");
    expect(memberInput.parse({ ...portalForm, directNumber: "+44 20 7946 0958" }).directNumber).toBe("+442079460958");
    expect(fieldErrors(memberInput.safeParse({ ...portalForm, directNumber: "12" }))).toEqual({
      directNumber: ["Enter a phone number with its area code, e.g. +1 415 555 0123"],
    });
    expect(fieldErrors(memberInput.safeParse({ ...portalForm, directNumber: "1".repeat(31) }))?.directNumber?.[0]).toBe("Enter a phone number like +1 415 555 0123");
  });

  it("ticked sites and teams must be ids from the list", () => {
    expect(fieldErrors(memberInput.safeParse({ ...portalForm, managedSiteIds: ["main"] }))).toEqual({ managedSiteIds: ["Choose from the list"] });
  });

  it("names and departments have a length limit", () => {
    expect(fieldErrors(memberInput.safeParse({ ...portalForm, firstName: "x".repeat(101), department: "y".repeat(101) }))).toEqual({
      firstName: ["Use at most 100 characters for the first name"],
      department: ["Use at most 100 characters"],
    });
  });
});

describe("updateMemberInput", () => {
  it("is the member form plus the id of the member being saved", () => {
    const id = randomUUID();
    expect(updateMemberInput.parse({ ...portalForm, memberId: id })).toMatchObject({ memberId: id, firstName: "Dana", portalAccess: "yes" });
    expect(fieldErrors(updateMemberInput.safeParse({ ...portalForm, memberId: "42" }))).toEqual({ memberId: ["This user doesn't exist"] });
  });
});

describe("memberSelection", () => {
  it("is either picked ids or the query behind 'Select all N matching'", () => {
    const id = randomUUID();
    expect(memberSelection.parse({ kind: "ids", ids: [id] })).toEqual({ kind: "ids", ids: [id] });
    expect(memberSelection.parse({ kind: "query", query: { q: " dana ", status: "pending", page: "2" } })).toEqual({
      kind: "query",
      query: { q: "dana", status: "pending", sort: "name", dir: "asc", page: 2, size: 50 },
    });
  });

  it("refuses an empty pick, ids that aren't uuids, and more than 5000 ids", () => {
    expect(memberSelection.safeParse({ kind: "ids", ids: [] }).error?.issues[0]?.message).toBe("Select at least one user");
    expect(memberSelection.safeParse({ kind: "ids", ids: ["1"] }).success).toBe(false);
    expect(memberSelection.safeParse({ kind: "ids", ids: Array.from({ length: 5001 }, () => randomUUID()) }).success).toBe(false);
    expect(memberSelection.safeParse({ kind: "all" }).success).toBe(false);
  });
});

describe("bulkEditInput: 'Don't change', 'None' and 'Clear'", () => {
  const selection = { kind: "ids", ids: [randomUUID()] };
  const KEEP = { siteId: "keep", teamId: "keep", department: "keep", role: "keep", status: "keep" };

  it("'keep' and an empty value leave a field out of the change", () => {
    const parsed = bulkEditInput.parse({ selection, ...KEEP, siteId: "", teamId: "", role: "", status: "disabled" });
    expect(parsed).toEqual({ selection, status: "disabled" });
  });

  it("'none' takes members off their site or team; 'clear' empties the department", () => {
    expect(bulkEditInput.parse({ selection, ...KEEP, siteId: "none", teamId: "none", department: "clear" })).toEqual({
      selection,
      siteId: null,
      teamId: null,
      department: null,
    });
  });

  it("sets a site, a team, a trimmed department, a role, or disables or enables", () => {
    expect(bulkEditInput.parse({ selection, siteId: SITE, teamId: TEAM, department: " Claims ", role: "supervisor", status: "enabled" })).toEqual({
      selection,
      siteId: SITE,
      teamId: TEAM,
      department: "Claims",
      role: "supervisor",
      status: "enabled",
    });
  });

  it("fields left out of the form altogether are not changed either", () => {
    expect(bulkEditInput.parse({ selection, role: "member" })).toEqual({ selection, role: "member" });
  });

  it("'Choose at least one thing to change' when every field is left as it is", () => {
    const result = bulkEditInput.safeParse({ selection, ...KEEP });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["changes"], message: "Choose at least one thing to change" })]);
    expect(bulkEditInput.safeParse({ selection }).error?.issues[0]?.message).toBe("Choose at least one thing to change");
  });

  it("names each bad field", () => {
    const result = bulkEditInput.safeParse({ selection, siteId: "main", teamId: "alpha", role: "boss", status: "paused", department: "d".repeat(101) });
    expect(fieldErrors(result)).toEqual({
      siteId: ["Choose a site from the list"],
      teamId: ["Choose a team from the list"],
      role: ["Choose a role"],
      status: ["Choose Disable or Enable"],
      department: ["Use at most 100 characters"],
    });
  });
});
