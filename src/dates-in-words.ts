/**
 * Dates as people say them ("15 December 2026"), for pages a client reads: an ISO date is a
 * puzzle to many readers. Formatters are slow to make, so each is made once.
 */
const LOCALE = "en-GB"; // day month year, the order the rest of Coplan's wording uses

const calendarDays = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const zoned = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD): the same day everywhere, so no time zone can move it. */
export function dayInWords(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : calendarDays.format(d);
}

/** A moment (an ISO timestamp), as the day it was where the agency works. */
export function momentInWords(isoInstant: string, timeZone: string): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return isoInstant;
  let f = zoned.get(timeZone);
  if (!f) zoned.set(timeZone, (f = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone })));
  return f.format(d);
}
