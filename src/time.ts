/** Today's date where the agency works: due and overdue turn over at local midnight, not UTC's. */
const formats = new Map<string, { format: Intl.DateTimeFormat; minute: number; today: string }>();

export function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD. Making a formatter is slow (~0.1 ms), so keep one per zone; and
  // using it costs a few µs on every page, so keep its answer for the minute. Every zone's offset
  // is a whole number of minutes, so local midnight always falls on a minute's start: exact.
  let zone = formats.get(timeZone);
  if (!zone) {
    zone = { format: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }), minute: NaN, today: "" };
    formats.set(timeZone, zone);
  }
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== zone.minute) {
    zone.today = zone.format.format(now);
    zone.minute = minute;
  }
  return zone.today;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
