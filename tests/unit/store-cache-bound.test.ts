/**
 * The embedded store keeps a bounded number of plans in memory (plan-cache.ts), counting the plans
 * saved but not yet checkpointed to their files: each plan object it holds keeps alive what is
 * derived from it (the running machine, the view, rendered pages), tens of KB for a small plan.
 * Under the bench's loads the store held some 1,500 of them, and every version waiting for a
 * checkpoint besides: memory and every full garbage collection grew with them.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { createPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import type { StoredPlan } from "../../src/store/plan-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** No checkpoint during the test unless asked: every save stays in the journal only. */
const open = (dataDir: string) =>
  new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize, cachePlans: 3, checkpoint: { checkpointMs: 60_000, maxBytes: 64 * 1024 * 1024 } });

const goal = (i: number) => ({ type: "ADD" as const, kind: "goals" as const, input: { issue: "Housing at risk", clientWords: `Stay in my flat ${i}, أريد أن أبقى` } });

/** How many of these objects are still alive once nothing but the store could hold them. */
async function alive(refs: WeakRef<StoredPlan>[]): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve)); // a WeakRef keeps its object until the job that made it ends
  gc();
  return refs.filter((r) => r.deref() !== undefined).length;
}

describe("the plans the embedded store keeps in memory", () => {
  it("are at most as many as its limit, saved versions waiting for the checkpoint included", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const refs: WeakRef<StoredPlan>[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const plan = await createPlan(store, SETUP);
      await sendEvent(store, plan.id, plan.rev, goal(i));
      refs.push(new WeakRef((await store.get(plan.id))!));
      ids.push(plan.id);
    }
    expect(await alive(refs)).toBeLessThanOrEqual(3);

    // Every save still reads back as saved, from memory or from the journal's text, and after the checkpoint.
    for (const [i, id] of ids.entries()) expect(JSON.stringify(await store.get(id))).toContain(`Stay in my flat ${i}, أريد أن أبقى`);
    await store.checkpoint();
    const read: WeakRef<StoredPlan>[] = [];
    for (const [i, id] of ids.entries()) {
      const plan = (await store.get(id))!;
      expect(JSON.stringify(plan)).toContain(`Stay in my flat ${i}, أريد أن أبقى`);
      read.push(new WeakRef(plan));
    }
    expect(await alive(read)).toBeLessThanOrEqual(3); // and plans read from their files, too
    await store.close();
  });

  it("hand out the very version saved while it is kept, so the next answer carries on with its machine", async () => {
    const store = open(tempDir());
    const plan = await createPlan(store, SETUP);
    const saved = await store.update(plan.id, plan.rev, (p) => ({ ...p, notes: [] }));
    expect(await store.get(plan.id)).toBe(saved);
    await store.checkpoint();
    expect(await store.get(plan.id)).toBe(saved);
    await store.close();
  });

  it("lose no save when the version waiting for the checkpoint is no longer kept parsed: a restart replays it", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const first = await createPlan(store, SETUP);
    const answered = await sendEvent(store, first.id, first.rev, goal(7));
    for (let i = 0; i < 5; i++) await createPlan(store, SETUP); // pushes the first plan out of memory
    const again = await sendEvent(store, first.id, answered.rev, goal(8)); // from the journal's text
    expect(again.rev).toBe(answered.rev + 1);
    // No close(): as after a crash, the journal alone has the saves.
    const reopened = open(dataDir);
    const read = await reopened.get(first.id);
    expect(read?.rev).toBe(again.rev);
    expect(JSON.stringify(read)).toContain("Stay in my flat 8, أريد أن أبقى");
    await reopened.close();
    await store.close().catch(() => {});
  });
});
