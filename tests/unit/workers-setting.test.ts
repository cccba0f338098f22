import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../src/settings.ts";

const PG = { COPLAN_DATABASE_URL: "postgres://coplan:coplan@localhost/coplan" };

describe("COPLAN_WORKERS", () => {
  it("is one process when unset or empty", () => {
    expect(loadSettings({ ...PG }).workers).toBeUndefined();
    expect(loadSettings({ ...PG, COPLAN_WORKERS: " " }).workers).toBeUndefined();
  });

  it("runs one worker per core with auto, or the number given, with PostgreSQL", () => {
    expect(loadSettings({ ...PG, COPLAN_WORKERS: "auto" }).workers).toBe(availableParallelism());
    expect(loadSettings({ ...PG, COPLAN_WORKERS: "3" }).workers).toBe(3);
  });

  it.each(["0", "-1", "2.5", "many", "257"])("refuses %j in words", (value) => {
    expect(() => loadSettings({ ...PG, COPLAN_WORKERS: value })).toThrow(/COPLAN_WORKERS: must be "auto" \(one per core\) or a number from 1 to 256/);
  });

  it("is refused without PostgreSQL, saying the embedded store takes one writer", () => {
    expect(() => loadSettings({ COPLAN_WORKERS: "2" })).toThrow(/COPLAN_WORKERS needs PostgreSQL \(COPLAN_DATABASE_URL\)\. The embedded store takes one writer/);
    expect(() => loadSettings({ COPLAN_WORKERS: "auto", COPLAN_DATABASE_URL: "" })).toThrow(/needs PostgreSQL/);
  });
});
