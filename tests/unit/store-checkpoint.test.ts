import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

// Each plan file's durable write, slowed down as a busy server's would be (each of its trips to
// the thread pool waits for a turn of the event loop), and counted while in flight.
const writes = vi.hoisted(() => ({ inFlight: 0, most: 0 }));
vi.mock("../../src/store/durable-file.ts", async (original) => {
  const real = await original<typeof import("../../src/store/durable-file.ts")>();
  return {
    ...real,
    replaceFile: async (...args: Parameters<typeof real.replaceFile>) => {
      writes.most = Math.max(writes.most, ++writes.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return await real.replaceFile(...args);
      } finally {
        writes.inFlight--;
      }
    },
  };
});

describe("the store's checkpoint", () => {
  it("writes the plan files of many plans several at a time, so it keeps up with a busy agency", async () => {
    const dataDir = tempDir();
    const store = new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize, checkpoint: { checkpointMs: 60_000, maxBytes: 64 * 1024 * 1024 } });
    const plans = await Promise.all(Array.from({ length: 40 }, () => createPlan(store, SETUP)));
    const answered = await Promise.all(plans.map((p, i) => sendEvent(store, p.id, p.rev, { type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: `Stay in my flat ${i}, أريد أن أبقى` } })));
    writes.most = 0;
    const started = performance.now();
    await store.checkpoint();
    const took = performance.now() - started;
    expect(writes.most).toBeGreaterThan(4);
    expect(took).toBeLessThan(40 * 20); // one after another would take 800 ms at least
    for (const [i, plan] of answered.entries()) expect(readFileSync(join(dataDir, "plans", `${plan.id}.json`), "utf8")).toContain(`Stay in my flat ${i}, أريد أن أبقى`);
    await store.close();
  });
});
