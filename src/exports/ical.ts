/**
 * A case manager's target dates as an iCalendar feed (RFC 5545) that a calendar app subscribes to.
 * Pure: the caller picks the open actions, builds their links and passes the clock's now.
 *
 * Target dates are days, not instants, so each is an all-day event (DTSTART;VALUE=DATE). A day
 * must never be built from a local-time Date: the server's zone would move it across midnight.
 * ical-generator writes a Date without a time zone from its UTC fields, so each day is handed over
 * as that day's UTC midnight and comes out as the same YYYYMMDD wherever the server runs.
 */
import ical, { ICalEventTransparency } from "ical-generator";

/**
 * RFC 5545 TEXT (3.3.11) allows no control character but tab, and a line break only written as
 * "\n". ical-generator escapes SUMMARY and DESCRIPTION but writes NAME, X-WR-CALNAME and UID as
 * given: a staff name holding CR/LF would add lines of its own (another event, an alarm). So every
 * text is cleaned here, and the properties the library leaves raw are escaped here too.
 */
function plain(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/** What ical-generator's escape() does for the properties it escapes itself. */
function escapeText(text: string): string {
  return plain(text)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

export interface TargetDateEvent {
  /** Stable across feeds, so a calendar updates the event instead of adding a second one. */
  uid: string;
  /** YYYY-MM-DD, the action's target date. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
}

/** How often calendar apps are asked to fetch the feed again; a due date rarely changes faster. */
const REFRESH_SECONDS = 60 * 60;

/** `language` is the BCP 47 tag the texts are written in (the PRODID's language field; English if not given). */
export function targetDateCalendar(input: { calendarName: string; language?: string; events: TargetDateEvent[]; now: Date }): string {
  const calendar = ical({
    name: escapeText(input.calendarName),
    prodId: { company: "Coplan", product: "Target dates", language: (input.language ?? "en").replace(/[^A-Za-z-]/g, "").toUpperCase() },
    ttl: REFRESH_SECONDS,
  });
  for (const e of input.events) {
    const start = utcMidnight(e.date);
    calendar.createEvent({
      id: escapeText(e.uid),
      allDay: true,
      start,
      // DTEND is exclusive: the next day, so the event covers exactly the target date.
      end: new Date(start.getTime() + 24 * 60 * 60 * 1000),
      stamp: input.now,
      summary: plain(e.summary),
      ...(e.description ? { description: plain(e.description) } : {}),
      ...(e.url ? { url: e.url } : {}),
      // A reminder, not an appointment: it should not mark the whole day as busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

function utcMidnight(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(date)) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return d;
}
