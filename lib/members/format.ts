/** Dates as a manager reads them in the Users tab and on a profile, in the organization's time zone. */
export function formatDateTime(date: Date | null, timeZone: string): string {
  if (!date) return "";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

/** "Dana Reyes", or empty for a member cleared by "Reset user completely". */
export function fullName(m: { firstName: string; lastName: string }): string {
  return `${m.firstName} ${m.lastName}`.trim();
}
