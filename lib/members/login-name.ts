/**
 * Login names are unique system-wide (SPEC §2): `<extension>@<organization slug>` such as `201@acme`, or built from
 * the name when there is no extension (`dana.reyes@acme`). The slug is unique per organization, so the part before
 * the @ only has to be unique within one organization.
 */

/** Lower-case ASCII letters, digits and dashes: "Acme Dental, Inc." → "acme-dental-inc". */
export function slugify(text: string, maxLength = 40): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
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
