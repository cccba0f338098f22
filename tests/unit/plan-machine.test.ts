import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/translator.ts";
import { createActor } from "xstate";
import { planMachine } from "../../machines/plan-machine.ts";
import { MAX_ITEMS, whyRefusedEdit } from "../../machines/rules.ts";
import { ACTION, BARRIER, GOAL, SETUP } from "../fixtures.ts";

function start(snapshot?: unknown) {
  const actor = createActor(planMachine, snapshot ? { snapshot: snapshot as never, input: { setup: SETUP } } : { input: { setup: SETUP } });
  actor.start();
  return actor;
}

/** Drives a fresh plan to the given step with the minimum answers. */
function at(step: string) {
  const actor = start();
  const order = ["setup", "goals", "barriers", "strengths", "actions", "contract", "review"];
  for (const s of order) {
    if (actor.getSnapshot().value === step) break;
    if (s === "goals") actor.send({ type: "ADD", kind: "goals", input: GOAL });
    if (s === "barriers") actor.send({ type: "ADD", kind: "barriers", input: BARRIER("g1") });
    if (s === "actions") actor.send({ type: "ADD", kind: "actions", input: ACTION("g1") });
    actor.send({ type: "NEXT" });
  }
  expect(actor.getSnapshot().value).toBe(step);
  return actor;
}

describe("the conversation machine", () => {
  it("starts at setup with the setup answers in context", () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe("setup");
    expect(actor.getSnapshot().context.data.setup).toEqual(SETUP);
  });

  it("refuses to leave goals with no goal", () => {
    const actor = start();
    actor.send({ type: "NEXT" });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("goals");
  });

  it("walks every step in order once each step is complete", () => {
    expect(at("review").getSnapshot().context.furthest).toBe("review");
  });

  it("refuses to leave actions with no action", () => {
    const actor = at("actions");
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("actions");
  });

  it("drafts a commitment for each action on entering the contract step, and keeps an edited one", () => {
    const actor = at("actions");
    actor.send({ type: "ADD", kind: "actions", input: ACTION("g1") });
    actor.send({ type: "NEXT" });
    const actions = actor.getSnapshot().context.data.actions;
    expect(actions[0].commitment).toBe("Jo Smith (case manager) will refer to the rent assistance programme by 2026-12-15.");
    actor.send({ type: "SET_COMMITMENT", id: actions[0].id, text: "Jo will research rent help options." });
    actor.send({ type: "GOTO", step: "actions" });
    actor.send({ type: "GOTO", step: "contract" });
    expect(actor.getSnapshot().context.data.actions[0].commitment).toBe("Jo will research rent help options.");
  });

  it("refuses to leave the contract step while a commitment is empty", () => {
    const actor = at("contract");
    actor.send({ type: "SET_COMMITMENT", id: "a3", text: "   " });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toBe("contract");
  });

  it("edits an earlier answer without moving the conversation", () => {
    const actor = at("strengths");
    actor.send({ type: "UPDATE", kind: "goals", id: "g1", input: { ...GOAL, clientWords: "Stay in my flat" } });
    expect(actor.getSnapshot().value).toBe("strengths");
    expect(actor.getSnapshot().context.data.goals[0].clientWords).toBe("Stay in my flat");
  });

  it("goes back to an earlier step and returns to the furthest one reached", () => {
    const actor = at("actions");
    actor.send({ type: "GOTO", step: "goals" });
    expect(actor.getSnapshot().value).toBe("goals");
    actor.send({ type: "GOTO", step: "review" });
    expect(actor.getSnapshot().value).toBe("goals");
    actor.send({ type: "GOTO", step: "actions" });
    expect(actor.getSnapshot().value).toBe("actions");
  });

  it("will not jump forward past a step that is no longer complete", () => {
    const actor = at("strengths");
    actor.send({ type: "GOTO", step: "setup" });
    actor.send({ type: "REMOVE", kind: "barriers", id: "b2" });
    actor.send({ type: "REMOVE", kind: "goals", id: "g1" });
    actor.send({ type: "GOTO", step: "strengths" });
    expect(actor.getSnapshot().value).toBe("setup");
  });

  it("refuses to remove a goal that still has barriers or actions", () => {
    const actor = at("strengths");
    actor.send({ type: "REMOVE", kind: "goals", id: "g1" });
    expect(actor.getSnapshot().context.data.goals).toHaveLength(1);
  });

  it("refuses a barrier for a goal that does not exist", () => {
    const actor = at("barriers");
    actor.send({ type: "ADD", kind: "barriers", input: BARRIER("g99") });
    expect(actor.getSnapshot().context.data.barriers).toHaveLength(0);
  });

  it("refuses a goal past the plan's cap, and says how many it holds", () => {
    const actor = at("goals");
    for (let i = 0; i < MAX_ITEMS.goals + 5; i++) actor.send({ type: "ADD", kind: "goals", input: GOAL });
    expect(actor.getSnapshot().context.data.goals).toHaveLength(MAX_ITEMS.goals);
    expect(translator("en", "UTC").t(whyRefusedEdit({ type: "ADD", kind: "goals", input: GOAL } as never, actor.getSnapshot().context.data)!)).toBe(
      `A plan holds at most ${MAX_ITEMS.goals} goals. Combine related ones, or remove one first: a shorter plan is easier to follow.`,
    );
  });

  it("records a declined area with the client's reason", () => {
    const actor = at("goals");
    actor.send({ type: "ADD", kind: "declined", input: { issue: "Depression", reason: "Not now, maybe later" } });
    expect(actor.getSnapshot().context.data.declined).toEqual([{ id: "d1", issue: "Depression", reason: "Not now, maybe later" }]);
  });

  it("resumes exactly from a snapshot round-tripped through JSON", () => {
    const actor = at("actions");
    actor.send({ type: "ADD", kind: "actions", input: ACTION("g1") });
    const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const restored = start(saved);
    expect(restored.getSnapshot().value).toBe("actions");
    expect(restored.getSnapshot().context).toEqual(actor.getSnapshot().context);
    restored.send({ type: "ADD", kind: "actions", input: ACTION("g1") });
    expect(restored.getSnapshot().context.data.actions.map((a) => a.id)).toEqual(["a3", "a4"]);
  });
});
