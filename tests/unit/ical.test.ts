import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { targetDateCalendar, type TargetDateEvent } from "../../src/exports/ical.ts";

const NOW = new Date("2026-12-31T23:30:00Z");
const EVENTS: TargetDateEvent[] = [
  { uid: "AAAAAAAAAAAAAAAA-a1@coplan", date: "2027-01-01", summary: "Refer Amira to rent assistance", description: "Plan for Amira, version 2", url: "https://coplan.example/plans/AAAAAAAAAAAAAAAA" },
  { uid: "AAAAAAAAAAAAAAAA-a4@coplan", date: "2026-12-31", summary: "GP appointment, then; follow up\nwith the surgery \\ pharmacy" },
  { uid: "BBBBBBBBBBBBBBBB-a2@coplan", date: "2027-02-28", summary: "اتصل بالمالك — 给房东打电话，问问租金 🏠👩‍👧 ".repeat(3).trim(), description: "Line one,\nline two; ثلاثة" },
];

/** Through bytes, as a calendar app receives the feed, then an independent parser. */
function parse(ics: string) {
  const text = Buffer.from(ics, "utf8").toString("utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        start: e.startDate,
        end: e.endDate,
        summary: e.summary,
        description: e.description ?? undefined,
        url: v.getFirstPropertyValue("url") ?? undefined,
      };
    }),
  };
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("the target-date calendar", () => {
  it("parses with an independent parser and gives back every event's UID, day and words", () => {
    const ics = targetDateCalendar({ calendarName: "Jo Smith: target dates", events: EVENTS, now: NOW });
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Jo Smith: target dates");
    expect(events.map((e) => e.uid)).toEqual(EVENTS.map((e) => e.uid));
    expect(events.map((e) => e.summary)).toEqual(EVENTS.map((e) => e.summary));
    expect(events.map((e) => e.description)).toEqual(EVENTS.map((e) => e.description));
    expect(events[0].url).toBe(EVENTS[0].url);
    expect(events[1].url).toBeUndefined();
  });

  it("makes each target date an all-day event on exactly that day, whatever the server's time zone", () => {
    // Each side of the date line, at a moment when the UTC day and the local day differ.
    for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "Europe/London"]) {
      process.env.TZ = tz;
      const { events } = parse(targetDateCalendar({ calendarName: "x", events: EVENTS, now: NOW }));
      expect(events.map((e) => [e.start.isDate, e.start.toString(), e.end.toString()]), tz).toEqual([
        [true, "2027-01-01", "2027-01-02"],
        [true, "2026-12-31", "2027-01-01"],
        [true, "2027-02-28", "2027-03-01"],
      ]);
    }
  });

  it("escapes commas, semicolons, backslashes and newlines in the text", () => {
    const ics = targetDateCalendar({ calendarName: "x", events: EVENTS, now: NOW });
    expect(ics).toContain("SUMMARY:GP appointment\\, then\\; follow up\\nwith the surgery \\\\ pharmacy");
    // Folded at 75 octets (RFC 5545 3.1) without breaking a character apart.
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(ics).not.toContain("\uFFFD");
  });

  it("stamps events with the time it is given and is the same for the same input", () => {
    const a = targetDateCalendar({ calendarName: "x", events: EVENTS, now: NOW });
    expect(targetDateCalendar({ calendarName: "x", events: EVENTS, now: new Date(NOW) })).toBe(a);
    const stamp = new ICAL.Component(ICAL.parse(a)).getFirstSubcomponent("vevent")!.getFirstPropertyValue("dtstamp");
    expect(String(stamp)).toBe("2026-12-31T23:30:00Z");
  });

  it("gives an empty calendar when nothing is open, and refuses a date that does not exist", () => {
    expect(parse(targetDateCalendar({ calendarName: "x", events: [], now: NOW })).events).toEqual([]);
    expect(() => targetDateCalendar({ calendarName: "x", events: [{ ...EVENTS[0], date: "2027-02-29" }], now: NOW })).toThrow(RangeError);
  });
});
