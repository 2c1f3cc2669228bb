/** Dates as a manager reads them in the Users tab and on a profile, in the organization's time zone. */
export function formatDateTime(date: Date | null, timeZone: string): string {
  if (!date) return "";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

const counts = new Intl.NumberFormat("en-US");
/** "12,345": how many users, in lists, buttons and dialogs. */
export const formatCount = (n: number) => counts.format(n);

/** "2 sites and 1 team in this file don't exist yet", "1 site in this file doesn't exist yet": an import's new places. */
export function newPlacesText(sites: number, teams: number): string {
  return `${placesCountText(sites, teams)} in this file ${sites + teams === 1 ? "doesn't" : "don't"} exist yet`;
}

/** "3 sites and 1 team", as an import's preview and its toast say how many places it brings. */
export function placesCountText(sites: number, teams: number): string {
  const count = (n: number, word: string) => (n === 0 ? null : `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`);
  return [count(sites, "site"), count(teams, "team")].filter(Boolean).join(" and ");
}

type Named = { firstName: string; lastName: string; extension: string | null };

/** "Dana Reyes", or empty for a member cleared by "Reset user completely". */
export function fullName(m: { firstName: string; lastName: string }): string {
  return `${m.firstName} ${m.lastName}`.trim();
}

/** What to call a member anywhere: their name, or "Extension 201" once "Reset user completely" cleared it. */
export function displayName(m: Named): string {
  return fullName(m) || (m.extension ? `Extension ${m.extension}` : "Unnamed user");
}

/** "Dana Reyes (201)": a member in a list of several, such as those a bulk edit skipped. */
export function memberLabel(m: Named): string {
  const name = fullName(m);
  return name && m.extension ? `${name} (${m.extension})` : displayName(m);
}
