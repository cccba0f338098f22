/**
 * Where the OS cannot watch the plans folder (fs.watch throws, as on some network file systems or
 * with inotify's watch limit reached), every read checks the plan's file, so a hand edit is seen
 * at once rather than never.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const watch = () => {
    throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
  };
  return { ...fs, default: { ...fs, watch }, watch };
});

const { createPlan, summarize } = await import("../../src/plans/conversation.ts");
const { LowdbPlanStore } = await import("../../src/store/lowdb-store.ts");
const { SETUP } = await import("../fixtures.ts");
const { tempDir } = await import("../helpers/app.ts");

describe("a plans folder that cannot be watched", () => {
  it("still serves a plan changed on disk by hand as it now is, on the very next read", async () => {
    const dataDir = tempDir();
    const store = new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize });
    const a = await createPlan(store, SETUP);
    await store.checkpoint();
    const cached = await store.get(a.id);
    expect(await store.get(a.id)).toBe(cached);
    const file = join(dataDir, "plans", `${a.id}.json`);
    writeFileSync(file, readFileSync(file, "utf8").replace("Amira Haddad", "Someone Else"));
    expect(JSON.stringify((await store.get(a.id))!.snapshot)).toContain("Someone Else");
    await store.close();
  });
});
