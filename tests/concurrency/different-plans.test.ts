import { describe, expect, it } from "vitest";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { createPlan, summarize, viewOf } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, post } from "../helpers/app.ts";

describe("concurrent edits to different plans", () => {
  it("lands all 100, each in its own plan, and a fresh store reads every one back", async () => {
    const { app, store, user, dataDir } = await buildApp();
    const plans = await Promise.all(Array.from({ length: 100 }, () => createPlan(store, SETUP, user.id)));

    const responses = await Promise.all(
      plans.map((p, i) => post(app, `/plans/${p.id}/goals`, { rev: String(p.rev), issue: "Housing at risk", clientWords: `Answer number ${i}, أريد أن أبقى` }, { htmx: true })),
    );
    expect(responses.map((r) => r.status)).toEqual(plans.map(() => 200));

    // Read from the files, not this process's memory: a new store over the same folder.
    const fresh = new LowdbPlanStore({ dataDir, now: () => new Date(), summarize });
    for (const [i, p] of plans.entries()) {
      const stored = (await fresh.get(p.id))!;
      expect(stored.rev).toBe(p.rev + 1);
      expect(viewOf(stored).data.goals.map((g) => g.clientWords)).toEqual([`Answer number ${i}, أريد أن أبقى`]);
    }
  });
});
