import { describe, expect, it } from "vitest";
import { todayIn } from "../../src/time.ts";

describe("today's date where the agency works", () => {
  it("turns over at local midnight, also in zones a quarter hour off the hour", () => {
    // Kathmandu is UTC+05:45: its midnight is 18:15 UTC the day before.
    expect(todayIn("Asia/Kathmandu", new Date("2026-11-27T18:14:59.999Z"))).toBe("2026-11-27");
    expect(todayIn("Asia/Kathmandu", new Date("2026-11-27T18:15:00.000Z"))).toBe("2026-11-28");
    expect(todayIn("Asia/Kathmandu", new Date("2026-11-27T18:14:30.000Z"))).toBe("2026-11-27");
    // Chatham Islands: UTC+13:45 in their summer.
    expect(todayIn("Pacific/Chatham", new Date("2026-11-27T10:14:00Z"))).toBe("2026-11-27");
    expect(todayIn("Pacific/Chatham", new Date("2026-11-27T10:15:00Z"))).toBe("2026-11-28");
  });

  it("gives each zone its own date for the same moment", () => {
    const now = new Date("2026-11-28T11:30:00Z");
    expect(todayIn("Pacific/Auckland", now)).toBe("2026-11-29");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-11-28");
    expect(todayIn("Pacific/Auckland", now)).toBe("2026-11-29");
  });
});
