import { describe, expect, it } from "vitest";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { createPlan, summarize, viewOf } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, post, text } from "../helpers/app.ts";

const words = (i: number) => `Tab ${i}: keep my flat near the school`;

describe("concurrent edits to one plan at the same version", () => {
  it("lets exactly one win; the others get 409 with their words kept, and land when sent again", async () => {
    const { app, store, user, dataDir } = await buildApp();
    const plan = await createPlan(store, SETUP, user.id);
    const tabs = Array.from({ length: 20 }, (_, i) => i);

    const responses = await Promise.all(tabs.map((i) => post(app, `/plans/${plan.id}/goals`, { rev: String(plan.rev), issue: "Housing at risk", clientWords: words(i) }, { htmx: true })));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    const winners = tabs.filter((i) => responses[i].status === 200);
    const losers = tabs.filter((i) => responses[i].status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);

    // Exactly the winner's answer is stored, at the next version; no loser's words slipped in.
    let stored = (await store.get(plan.id))!;
    expect(stored.rev).toBe(plan.rev + 1);
    expect(viewOf(stored).data.goals.map((g) => g.clientWords)).toEqual([words(winners[0])]);

    // Nothing is silently lost: each refused tab still shows its own words and the version to retry with.
    for (const i of losers) {
      expect(text(bodies[i])).toContain(words(i));
      expect(bodies[i]).toContain(`data-rev="${stored.rev}"`);
    }
    for (const i of losers) {
      const again = await post(app, `/plans/${plan.id}/goals`, { rev: String(stored.rev), issue: "Housing at risk", clientWords: words(i) }, { htmx: true });
      expect(again.status).toBe(200);
      stored = (await store.get(plan.id))!;
    }
    const fresh = new LowdbPlanStore({ dataDir, now: () => new Date(), summarize });
    const final = viewOf((await fresh.get(plan.id))!);
    expect(final.rev).toBe(plan.rev + 20);
    expect(final.data.goals.map((g) => g.clientWords).sort()).toEqual(tabs.map(words).sort());
  });
});
