/**
 * An answer carries on with the machine that made the plan's last version instead of reviving it
 * from the stored snapshot (src/plans/conversation.ts). These check that doing so changes nothing
 * a person could see: the same plan either way, and nothing kept from an answer that was refused
 * or whose save failed.
 */
import { describe, expect, it, vi } from "vitest";
import { createPlan, loadPlan, RefusedError, sendEvent, summarize } from "../../src/plans/conversation.ts";
import type { PlanEvent } from "../../machines/plan-machine.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";
import { WORDS } from "../helpers/plans.ts";

const xstate = vi.hoisted(() => ({ created: 0 }));
vi.mock("xstate", async (original) => {
  const real = await original<typeof import("xstate")>();
  return { ...real, createActor: (...args: Parameters<typeof real.createActor>) => (xstate.created++, real.createActor(...args)) };
});

const open = (dataDir: string) => new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize });
const goal = (clientWords: string): PlanEvent => ({ type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords } });

const CONVERSATION: PlanEvent[] = [
  goal(WORDS.arabic),
  goal(WORDS.chinese),
  { type: "UPDATE", kind: "goals", id: "g1", input: { issue: "Housing at risk", clientWords: WORDS.latin } },
  { type: "NEXT" },
  { type: "ADD", kind: "barriers", input: { goalId: "g1", clientWords: "Rent went up", category: "financial-insecurity" } },
  { type: "GOTO", step: "goals" },
  { type: "REMOVE", kind: "goals", id: "g2" },
  { type: "NEXT" },
  { type: "NEXT" },
  { type: "ADD", kind: "strengths", input: { clientWords: "I never miss an appointment", role: "alone" } },
];

describe("answers carried on by the running machine", () => {
  it("save the same plan as answers that revive the machine from each stored version", async () => {
    const carried = open(tempDir());
    let a = await createPlan(carried, SETUP);
    for (const event of CONVERSATION) a = await sendEvent(carried, a.id, a.rev, event);

    // A fresh store for every answer: each reads the plan from its file, so each revives the machine.
    const dir = tempDir();
    let revived: PlanStore = open(dir);
    let b = await createPlan(revived, SETUP);
    for (const event of CONVERSATION) {
      await revived.close!();
      revived = open(dir);
      b = await sendEvent(revived, b.id, b.rev, event);
    }

    const stored = async (store: PlanStore, id: string) => (await store.get(id))!.snapshot;
    expect(a.rev).toBe(b.rev);
    expect(a.step).toBe("strengths");
    expect(a.data.goals.map((g) => g.clientWords)).toEqual([WORDS.latin]);
    expect(await stored(carried, a.id)).toEqual(await stored(revived, b.id));
  });

  it("revive the machine once for a run of answers to one plan", async () => {
    const store = open(tempDir());
    let plan = await createPlan(store, SETUP);
    const before = xstate.created;
    for (const event of CONVERSATION.slice(0, 5)) plan = await sendEvent(store, plan.id, plan.rev, event);
    expect(xstate.created - before).toBe(1);
    expect(plan.data.barriers.map((b) => b.clientWords)).toEqual(["Rent went up"]);
  });

  it("keep nothing of a batch of events the machine refused part-way through", async () => {
    const store = open(tempDir());
    const plan = await sendEvent(store, (await createPlan(store, SETUP)).id, 1, goal("Keep my flat"));
    // The goal would be taken; the jump to a step not reached yet is refused, so neither is saved.
    await expect(sendEvent(store, plan.id, plan.rev, [goal("Not saved"), { type: "GOTO", step: "review" }])).rejects.toBeInstanceOf(RefusedError);
    const after = await sendEvent(store, plan.id, plan.rev, goal("Saved"));
    expect(after.data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat", "Saved"]);
    expect(after.rev).toBe(plan.rev + 1);
  });

  it("keep nothing of an answer whose save failed", async () => {
    const store = open(tempDir());
    const plan = await sendEvent(store, (await createPlan(store, SETUP)).id, 1, goal("Keep my flat"));
    // A store that runs the change on the current version, as a real save does, and then fails to write it.
    const failing: PlanStore = {
      init: () => store.init(),
      create: (p) => store.create(p),
      get: (id) => store.get(id),
      list: () => store.list(),
      accessInfo: (id) => store.accessInfo(id),
      update: async (id, _rev, change) => {
        change((await store.get(id))!);
        throw new Error("the disk is full");
      },
    };
    await expect(sendEvent(failing, plan.id, plan.rev, goal("Never saved"))).rejects.toThrow("the disk is full");
    const after = await sendEvent(store, plan.id, plan.rev, goal("Saved"));
    expect(after.data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat", "Saved"]);
    expect((await loadPlan(store, plan.id))?.data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat", "Saved"]);
  });
});
