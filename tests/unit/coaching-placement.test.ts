import { describe, expect, it } from "vitest";
import { coachingData, collapse, placeFindings } from "../../src/plans/coaching.ts";
import type { PlanView } from "../../src/plans/conversation.ts";
import { finding, type Finding } from "../../src/practice/findings.ts";
import { msg } from "../../src/i18n/translator.ts";
import type { PlanData } from "../../src/domain/plan.ts";
import { SETUP } from "../fixtures.ts";

const data: PlanData = {
  setup: SETUP,
  goals: [{ id: "g1", issue: "Housing at risk", clientWords: "Sort things out" }],
  declined: [],
  barriers: [],
  strengths: [],
  actions: [{ id: "a2", goalId: "g1", kind: "service", description: "Find a flat", responsible: { role: "case-manager" }, targetDate: { kind: "date", date: "2026-12-20" }, commitment: "I will find you a flat.", status: "not-started" }],
} as PlanData;

const vague = finding("goal-vague", { section: "goals", itemId: "g1" }, msg("test.broad"), undefined, { triggers: ["sort things out"], covers: ["goal-time-frame"] });
const untimed = finding("goal-time-frame", { section: "goals", itemId: "g1" }, msg("test.nodate"));
const noBarrier = finding("barrier-missing", { section: "barriers", itemId: "g1" }, msg("test.nobarrier"));
const promise = finding("contract-over-promise", { section: "contract", itemId: "a2" }, msg("test.promise"), undefined, { triggers: ["find you a flat"] });
const priority = finding("priority-issue-unaddressed", { section: "goals" }, msg("test.incomehasnogoal"), undefined, { triggers: ["Income"] });

describe("coaching collapses repeats", () => {
  it("says one thing once: the same rule on the same item becomes one finding with every triggering word", () => {
    const again = finding("goal-vague", { section: "goals", itemId: "g1" }, msg("test.broad"), undefined, { triggers: ["somehow"] });
    const out = collapse([vague, again]);
    expect(out).toHaveLength(1);
    expect(out[0].triggers).toEqual(["sort things out", "somehow"]);
  });

  it("drops a finding another one on the same item speaks for, and keeps it on other items", () => {
    const elsewhere = { ...untimed, where: { section: "goals", itemId: "g9" } } as Finding;
    expect(collapse([vague, untimed, elsewhere]).map((f) => `${f.rule}:${f.where.itemId}`)).toEqual(["goal-vague:g1", "goal-time-frame:g9"]);
  });
});

describe("coaching is placed under the bubble of its item", () => {
  const all = [vague, noBarrier, promise, priority];
  it("shows only what the conversation has reached: no 'no barrier' or unaddressed priority while goals are still named", () => {
    const placed = placeFindings({ furthest: "goals", data }, all);
    expect([...placed.byBubble.keys()]).toEqual(["g1"]);
    expect(placed.byBubble.get("g1")!.map((f) => f.rule)).toEqual(["goal-vague"]);
  });

  it("puts a commitment's finding under the commitment and a priority issue under the plan's details", () => {
    const placed = placeFindings({ furthest: "review", data }, all);
    expect(placed.byBubble.get("g1")!.map((f) => f.rule)).toEqual(["goal-vague", "barrier-missing"]);
    expect(placed.byBubble.get("c-a2")!.map((f) => f.rule)).toEqual(["contract-over-promise"]);
    expect(placed.byBubble.get("setup")!.map((f) => f.rule)).toEqual(["priority-issue-unaddressed"]);
    expect(placed.unplaced).toEqual([]);
  });
});

describe("coaching is worked out once per saved version and day", () => {
  // A saved version as the store hands it out: one object that never changes (src/plans/conversation.ts).
  const version = (d: PlanData) => ({ id: "p1", rev: 3, step: "actions", furthest: "actions", data: d, coaching: { dismissed: [] } }) as unknown as PlanView;
  const rules = (placed: ReturnType<typeof coachingData>["placed"]) => [...placed.byBubble.values()].flat().map((f) => `${f.rule}:${f.where.itemId}`);

  it("gives the next answer the version before's coaching as it was shown, without checking that version again", () => {
    const before = version(data);
    const shown = coachingData(before, "2026-11-24").placed;
    expect(coachingData(version(data), "2026-11-24").placedOf(before)).toBe(shown);
  });

  it("checks again on a later day: a target date that has passed since is said", () => {
    const v = version(data);
    expect(rules(coachingData(v, "2026-11-24").placed)).not.toContain("target-past:a2");
    expect(rules(coachingData(v, "2026-12-21").placed)).toContain("target-past:a2");
  });

  it("never gives a new version the coaching of the one before", () => {
    const first = version(data);
    expect(rules(coachingData(first, "2026-11-24").placed)).not.toContain("target-past:a2");
    const dated = { ...data, actions: [{ ...data.actions[0], targetDate: { kind: "date", date: "2026-11-01" } }] } as PlanData;
    expect(rules(coachingData(version(dated), "2026-11-24").placed)).toContain("target-past:a2");
  });

  it("keeps only the most recent versions' coaching, and works out an older one's again, the same", () => {
    const first = version(data);
    const shown = coachingData(first, "2026-11-24").placed;
    for (let i = 0; i < 200; i++) coachingData(version(data), "2026-11-24");
    const again = coachingData(version(data), "2026-11-24").placedOf(first);
    expect(again).not.toBe(shown);
    expect(rules(again)).toEqual(rules(shown));
  });
});
