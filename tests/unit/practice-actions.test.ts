import { describe, expect, it } from "vitest";
import { EXAMPLE, found, plan, TODAY, english } from "./practice-example.ts";
import { type Action, type PlanData } from "../../src/domain/plan.ts";

/** The first action (a9, a referral for goal g1), changed. */
const action = (change: Partial<Action>) => plan((d) => Object.assign(d.actions[0], change));
/** The second action (a10, a service), changed: not a referral, so not one-off by its kind. */
const service = (change: Partial<Action>) => plan((d) => Object.assign(d.actions[1], change));

describe("action-missing: a goal with no action", () => {
  it("flags each goal without one, at the actions step", () => {
    const d = plan((x) => (x.actions = x.actions.filter((a) => a.goalId !== "g2")));
    const [f] = found(d, "action-missing");
    expect(f).toMatchObject({ severity: "warning", where: { section: "actions", itemId: "g2" } });
  });

  it("does not flag goals that have actions", () => {
    expect(found(EXAMPLE, "action-missing")).toEqual([]);
  });
});

describe("action-no-goal: an action that serves no goal", () => {
  it("flags an action whose goal is not on the plan", () => {
    const [f] = found(action({ goalId: "g99" }), "action-no-goal");
    expect(f).toMatchObject({ severity: "warning", where: { section: "actions", itemId: "a9" } });
  });

  it("does not flag an action tied to a goal", () => {
    expect(found(action({ goalId: "g2" }), "action-no-goal")).toEqual([]);
  });
});

describe("action-responsible: no named person responsible", () => {
  it.each([
    [{ role: "provider" }],
    [{ role: "family" }],
    [{ role: "caregiver", name: "   " }],
    [{ role: "other-support" }],
  ] as const)("flags %j", (responsible) => {
    const [f] = found(action({ responsible }), "action-responsible");
    expect(f).toMatchObject({ severity: "warning", where: { section: "actions", itemId: "a9" } });
  });

  it.each([
    [{ role: "case-manager" }],
    [{ role: "client" }],
    [{ role: "provider", name: "Citizens Advice" }],
    [{ role: "family", name: "Dana's sister, Amaka" }],
  ] as const)("does not flag %j", (responsible) => {
    expect(found(action({ responsible }), "action-responsible")).toEqual([]);
  });
});

describe("target-ongoing: \"ongoing\" for anything but keeping up skills", () => {
  it.each([
    "Help with housing",
    "Refer to the food bank",
    "Check in with Dana",
    "Look for work",
    "Apply for benefits",
    "Attend appointments",
    "Buscar trabajo",
    "找工作",
  ])("flags %j", (description) => {
    const [f] = found(service({ description, commitment: undefined, targetDate: { kind: "ongoing" } }), "target-ongoing");
    expect(f).toMatchObject({ severity: "suggestion", where: { section: "actions", itemId: "a10" } });
  });

  it.each([
    "Keep up the budgeting routine",
    "Practise the breathing exercises from the group",
    "Maintain the cooking skills from the course",
    "Continue to use the weekly planner",
    "Keep taking medication as prescribed",
    "Keep practicing English with the conversation club",
  ])("does not flag %j", (description) => {
    expect(found(service({ description, commitment: undefined, targetDate: { kind: "ongoing" } }), "target-ongoing")).toEqual([]);
  });

  it("does not flag an ongoing action when the goal it serves is about keeping up skills", () => {
    const d = plan((x) => {
      x.goals[0].restatement = "Keep up the tenancy skills Dana learned on the course";
      x.actions[1].targetDate = { kind: "ongoing" };
    });
    expect(found(d, "target-ongoing")).toEqual([]);
  });

  it("does not flag a dated action", () => {
    expect(found(service({ description: "Help with housing" }), "target-ongoing")).toEqual([]);
  });
});

describe("target-whole-year: a target about a year away by default", () => {
  it.each([
    ["a date on the annual review", { targetDate: { kind: "date", date: "2027-11-24" } }],
    ["a date eleven months on", { targetDate: { kind: "date", date: "2027-11-01" } }],
    ["a date 340 days on", { targetDate: { kind: "date", date: "2027-10-30" } }],
    ["the annual review for a referral", { targetDate: { kind: "annual-review" } }],
  ] as const)("flags %s", (_name, change) => {
    const [f] = found(action(change), "target-whole-year");
    expect(f).toMatchObject({ severity: "suggestion", where: { section: "actions", itemId: "a9" } });
  });

  it("flags the annual review as the target of a one-off step", () => {
    const d = service({ description: "Apply for housing benefit", commitment: undefined, targetDate: { kind: "annual-review" } });
    expect(found(d, "target-whole-year").map((f) => f.where.itemId)).toEqual(["a10"]);
  });

  it.each([
    ["a date ten months on", action({ targetDate: { kind: "date", date: "2027-09-30" } })],
    ["a year-long date for keeping up skills", service({ description: "Keep up the budgeting routine", commitment: undefined, targetDate: { kind: "date", date: "2027-11-01" } })],
    ["the annual review for truly ongoing work", service({ description: "Attend the weekly peer group", commitment: undefined, targetDate: { kind: "annual-review" } })],
    ["a date after the review (reported as target-after-review)", action({ targetDate: { kind: "date", date: "2028-01-15" } })],
  ])("does not flag %s", (_name, d) => {
    expect(found(d, "target-whole-year")).toEqual([]);
  });
});

describe("target-after-review: a date after the annual review", () => {
  it.each(["2027-11-25", "2028-01-01"])("flags %s", (date) => {
    const [f] = found(action({ targetDate: { kind: "date", date } }), "target-after-review");
    expect(f).toMatchObject({ severity: "warning", where: { section: "actions", itemId: "a9" } });
    expect(english(f.message)).toContain("the annual review on 24 November 2027");
  });

  it.each([
    ["the review date itself", { kind: "date", date: "2027-11-24" }],
    ["a date before it", { kind: "date", date: "2027-06-01" }],
    ["the annual review", { kind: "annual-review" }],
  ] as const)("does not flag %s", (_name, targetDate) => {
    expect(found(action({ targetDate }), "target-after-review")).toEqual([]);
  });
});

describe("target-past: a date already passed", () => {
  // Other actions in the example fall due in early December too: look at a9 only.
  const pastOfA9 = (d: PlanData, today: string) => found(d, "target-past", today).filter((f) => f.where.itemId === "a9");

  it.each([
    ["before today, not started", { targetDate: { kind: "date", date: "2026-12-01" }, status: "not-started" }, "2026-12-05"],
    ["before today, in progress", { targetDate: { kind: "date", date: "2026-12-01" }, status: "in-progress" }, "2026-12-05"],
    ["before the plan date, even when done", { targetDate: { kind: "date", date: "2025-12-08" }, status: "done" }, TODAY],
  ] as const)("flags a date %s", (_name, change, today) => {
    const [f] = pastOfA9(action(change), today);
    expect(f).toMatchObject({ rule: "target-past", severity: "warning", where: { section: "actions", itemId: "a9" } });
  });

  it.each([
    ["passed, but done", { targetDate: { kind: "date", date: "2026-12-01" }, status: "done" }, "2026-12-05"],
    ["passed, recorded as not done", { targetDate: { kind: "date", date: "2026-12-01" }, status: "not-done" }, "2026-12-05"],
    ["due today", { targetDate: { kind: "date", date: "2026-12-05" }, status: "not-started" }, "2026-12-05"],
    ["still ahead", { targetDate: { kind: "date", date: "2026-12-08" }, status: "not-started" }, "2026-12-05"],
  ] as const)("does not flag a date %s", (_name, change, today) => {
    expect(pastOfA9(action(change), today)).toEqual([]);
  });

  it("reads today from its argument, not the clock", () => {
    const d = action({ targetDate: { kind: "date", date: "2026-12-01" } });
    expect(pastOfA9(d, "2026-11-30")).toEqual([]);
    expect(pastOfA9(d, "2026-12-02")).toHaveLength(1);
  });
});
