/** Dates as a client reads them: a calendar date never moves; a moment is the agency's local day. */
import { describe, expect, it } from "vitest";
import { dayInWords, momentInWords } from "../../src/dates-in-words.ts";

describe("dates in words", () => {
  it.each([
    ["2026-12-15", "15 December 2026"],
    ["2027-01-01", "1 January 2027"],
    ["not a date", "not a date"],
  ])("says the calendar date %s as %s", (iso, words) => {
    expect(dayInWords(iso)).toBe(words);
  });

  it.each([
    ["2026-11-24T10:00:00.000Z", "UTC", "24 November 2026"],
    ["2026-11-24T10:00:00.000Z", "Pacific/Kiritimati", "25 November 2026"], // UTC+14
    ["2026-11-24T03:00:00.000Z", "America/Los_Angeles", "23 November 2026"], // still the evening before
  ])("says the moment %s in %s as %s", (iso, zone, words) => {
    expect(momentInWords(iso, zone)).toBe(words);
  });
});
