/**
 * A staff name or a summary holding a line break must stay inside its own property: a calendar
 * app must never read it as extra lines (a second event, an alarm, an attendee).
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { targetDateCalendar } from "../../src/exports/ical.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const INJECTED = "Eve\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:injected; yes, really\\";

describe("text in the calendar feed", () => {
  it("keeps a calendar name with CR/LF, commas, semicolons and backslashes on its one line (RFC 5545 TEXT)", () => {
    const ics = targetDateCalendar({ calendarName: `Coplan: ${INJECTED}`, events: [{ uid: "p-a1@coplan", date: "2027-01-15", summary: `A.H.: ${INJECTED}\u0007` }], now: NOW });
    const lines = ics.split("\r\n");
    expect(lines.filter((l) => /^(BEGIN|END):/.test(l))).toEqual(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR"]);
    expect(lines.filter((l) => l.startsWith("SUMMARY:"))).toHaveLength(1);
    expect(ics).not.toContain("\u0007");
    // ical.js does not unescape X-WR-CALNAME (not a property it knows): compare the unfolded line.
    const unfolded = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
    const escaped = String.raw`Coplan: Eve\nEND:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:injected\; yes\, really\\`;
    expect(unfolded).toContain(`X-WR-CALNAME:${escaped}`);
    expect(unfolded).toContain(`NAME:${escaped}`);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
    expect(new ICAL.Event(calendar.getFirstSubcomponent("vevent")!).summary).toBe("A.H.: Eve\nEND:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:injected; yes, really\\");
  });

  it("keeps every script and emoji in a name", () => {
    const name = "Coplan: أمل 王芳 Zoë 👩‍👩‍👧";
    const ics = targetDateCalendar({ calendarName: name, events: [], now: NOW });
    expect(ics.replace(/\r\n[ \t]/g, "").split("\r\n")).toContain(`X-WR-CALNAME:${name}`);
  });
});
