import transliterate from "@sindresorhus/transliterate";

/**
 * Login names are unique system-wide (SPEC §2): `<extension>@<organization slug>` such as `201@acme`, or built from
 * the name when there is no extension (`dana.reyes@acme`). The slug is unique per organization, so the part before
 * the @ only has to be unique within one organization.
 */

/**
 * The text in ASCII letters: accents dropped ("Zürich" → "Zurich"), and letters of their own spelled out by
 * @sindresorhus/transliterate ("Łukasz Søndergaard" → "Lukasz Sondergaard", "Straße" → "Strasse", Cyrillic and Greek
 * too). Scripts it has no spelling for (Japanese, say) stay as they are, for the caller to leave out.
 */
export function toAscii(text: string): string {
  // Accents first, so "ü" is "u" as people type it in an address, not the library's German "ue".
  return transliterate(text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""));
}

/** Lower-case ASCII letters, digits and dashes: "Acme Dental, Inc." → "acme-dental-inc". */
export function slugify(text: string, maxLength = 40): string {
  return toAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, "");
}

export function proposeLoginName({
  extension,
  firstName,
  lastName,
  organizationSlug,
}: {
  extension?: string | null;
  firstName: string;
  lastName: string;
  organizationSlug: string;
}): string {
  if (extension) return `${extension}@${organizationSlug}`;
  const local = [firstName, lastName].map((part) => slugify(part, 30).replace(/-/g, "")).filter(Boolean).join(".");
  return `${local || "user"}@${organizationSlug}`;
}
