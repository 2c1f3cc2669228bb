import { describe, expect, it } from "vitest";
import { proposeLoginName, slugify } from "@/lib/members/login-name";

describe("login names (SPEC §2)", () => {
  it("are <extension>@<organization slug> when there is an extension", () => {
    expect(proposeLoginName({ extension: "201", firstName: "Dana", lastName: "Reyes", organizationSlug: "acme" })).toBe("201@acme");
  });

  it("are made from the name, without accents, when there is none", () => {
    expect(proposeLoginName({ firstName: "José", lastName: "Núñez-García", organizationSlug: "acme" })).toBe("jose.nunezgarcia@acme");
    expect(proposeLoginName({ firstName: "李", lastName: "王", organizationSlug: "acme" })).toBe("user@acme");
  });

  it("spell out letters that are not a letter plus an accent, instead of dropping them", () => {
    const loginOf = (firstName: string, lastName: string) => proposeLoginName({ firstName, lastName, organizationSlug: "acme" });
    expect(loginOf("Łukasz", "Wójcik")).toBe("lukasz.wojcik@acme");
    expect(loginOf("Zoë", "Søndergaard")).toBe("zoe.sondergaard@acme");
    expect(loginOf("Jörg", "Straße")).toBe("jorg.strasse@acme");
    expect(loginOf("Ærin", "Đorđević")).toBe("aerin.dordevic@acme");
    expect(loginOf("Мария", "Иванова")).toBe("mariya.ivanova@acme");
    expect(slugify("Tandlæge Ørestad")).toBe("tandlaege-orestad");
  });

  it("slugs organization names to lower-case letters, digits and dashes", () => {
    expect(slugify("Acme Dental, Inc.")).toBe("acme-dental-inc");
    expect(slugify("  Zürich Büro  ")).toBe("zurich-buro");
    expect(slugify("x".repeat(60))).toHaveLength(40);
  });
});
