/**
 * Calendar days as a person means them, in a time zone: the filters "from" and "to" of the email log and the audit
 * log are whole days where the reader is.
 */

/** "2026-03-01" → "2026-03-02", in calendar terms (no time zone involved). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The instant a calendar day starts in a time zone: midnight in Europe/Berlin is 23:00 UTC the day before in winter. */
export function startOfDay(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // The zone's offset at that instant, then again at the corrected instant, in case a DST change lies in between.
  let at = midnightUtc - offsetMs(midnightUtc, timeZone);
  at = midnightUtc - offsetMs(at, timeZone);
  return new Date(at);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(at: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    zoneFormats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const wallClock = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wallClock - Math.floor(at / 1000) * 1000;
}
