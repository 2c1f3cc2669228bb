import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { es } from "@/lib/i18n/messages/es";
import { EMAIL_LANGUAGES, messagesFor, type Messages } from "@/lib/i18n/messages";
import { catalogueLanguage, memberLanguage, requestLanguage } from "@/lib/i18n/language";
import { plainText, type Rich } from "@/lib/i18n/rich";

/**
 * The message catalogue the emails and the member's pages read (SPEC §4.9): every sentence in every language, none
 * left blank, none left in English by mistake.
 */

type Leaf = { path: string; value: unknown };

/** Every leaf of a catalogue, by its dotted path. */
function leaves(node: unknown, path = ""): Leaf[] {
  if (node && typeof node === "object" && !Array.isArray(node)) {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  if (Array.isArray(node)) return node.flatMap((value, i) => leaves(value, `${path}[${i}]`));
  return [{ path, value: node }];
}

/** What a leaf says: a string as it is, a function called with sample arguments, a sentence with marks as plain text. */
function said(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value !== "function") return String(value);
  const f = value as (...args: unknown[]) => unknown;
  // A sentence with marks takes the marks object; any other function takes words or counts ("3" serves as both).
  const out = f.length === 1 && f.toString().includes("m.") ? plainText(value as Rich, { from: "onboarding@example.com" }) : f(...Array.from({ length: f.length }, (_, i) => (i === 0 ? "3" : `x${i}`)));
  return Array.isArray(out) ? out.join("") : String(out);
}

// Words that are the same in every language: each language's name for itself.
const SAME_IN_BOTH = new Set(["languageNames.en", "languageNames.es"]);

const catalogues = { en, es } satisfies Record<string, Messages>;

describe("the message catalogue (emails and a member's pages)", () => {
  it("has a catalogue for every language an organization or member may choose, and nothing else", () => {
    expect(EMAIL_LANGUAGES.map((l) => l.code).sort()).toEqual(Object.keys(catalogues).sort());
    for (const [code, messages] of Object.entries(catalogues)) expect(messagesFor(code)).toBe(messages);
  });

  it("says every sentence in every language: the same keys, none blank", () => {
    const paths = leaves(en).map((leaf) => leaf.path);
    for (const [code, messages] of Object.entries(catalogues)) {
      const found = leaves(messages);
      expect(found.map((leaf) => leaf.path), code).toEqual(paths);
      for (const leaf of found) expect(said(leaf.value).trim(), `${code}: ${leaf.path}`).not.toBe("");
    }
  });

  it("leaves no English sentence in the Spanish catalogue", () => {
    const english = new Map(leaves(en).map((leaf) => [leaf.path, said(leaf.value)]));
    const untranslated = leaves(es).filter((leaf) => !SAME_IN_BOTH.has(leaf.path) && said(leaf.value) === english.get(leaf.path) && /[a-z]{3}/i.test(said(leaf.value)));
    expect(untranslated.map((leaf) => leaf.path)).toEqual([]);
  });

  it("words durations and pauses in each language", () => {
    expect([en.duration(30 * 24 * 60), en.duration(90), en.duration(15), en.minutes(1)]).toEqual(["30 days", "1 hour 30 minutes", "15 minutes", "1 minute"]);
    expect([es.duration(24 * 60), es.duration(90), es.duration(360), es.minutes(5)]).toEqual(["1 día", "1 hora y 30 minutos", "6 horas", "5 minutos"]);
  });
});

describe("which language a page speaks", () => {
  it("a member's page: theirs, else their organization's, else English", () => {
    expect(memberLanguage({ language: "es-MX" }, { defaultLanguage: "en" })).toBe("es");
    expect(memberLanguage({ language: null }, { defaultLanguage: "es" })).toBe("es");
    expect(memberLanguage({ language: "fr" }, { defaultLanguage: "de" })).toBe("en");
  });

  it("a page about nobody: the browser's preference among ours, else the organization's, else English", () => {
    expect(requestLanguage("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(requestLanguage("fr-FR,fr;q=0.9,es;q=0.5")).toBe("es");
    expect(requestLanguage("fr-FR,fr;q=0.9", "es")).toBe("es");
    expect(requestLanguage("*", "es")).toBe("es");
    expect(requestLanguage(null, "es")).toBe("es");
    expect(requestLanguage("en-GB", "es")).toBe("en");
    expect(requestLanguage(null)).toBe("en");
    expect(requestLanguage("x".repeat(5000))).toBe("en");
  });

  it("reads only languages the catalogue has", () => {
    expect(catalogueLanguage("ES_es")).toBe("es");
    expect(catalogueLanguage("constructor")).toBeNull();
    expect(catalogueLanguage("")).toBeNull();
  });
});
