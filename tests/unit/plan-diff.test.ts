/** "What changed" names each item for what happened to it (issue 19, item 3). */
import { describe, expect, it } from "vitest";
import { diffPlans } from "../../src/plans/diff.ts";
import { carryForward } from "../../src/plans/reassessment.ts";
import { emptyProgress, type Progress } from "../../src/store/plan-store.ts";
import type { PlanData } from "../../src/domain/plan.ts";
import { SETUP } from "../fixtures.ts";

const action = (id: string, description: string, date = "2026-12-15"): PlanData["actions"][number] => ({
  id,
  goalId: "g1",
  kind: "referral",
  description,
  responsible: { role: "case-manager", name: "Jo" },
  targetDate: { kind: "date", date },
  status: "not-started",
});
const before: PlanData = {
  setup: SETUP,
  goals: [{ id: "g1", issue: "Housing at risk", clientWords: "Keep my flat" }],
  declined: [],
  barriers: [],
  strengths: [],
  actions: [action("a1", "Apply for rent help"), action("a2", "Phone the landlord"), action("a3", "Visit the food bank"), action("a4", "Book the GP"), action("a5", "Join the job club")],
};
const at = "2026-12-01T10:00:00.000Z";
const progress: Progress = {
  ...emptyProgress(),
  actions: {
    a1: { status: "done", at, by: "u" },
    a2: { status: "not-done", reason: "The landlord moved abroad", at, by: "u" },
    a4: { status: "in-progress", at, by: "u" },
  },
};

describe("what changed between two versions", () => {
  const after: PlanData = { ...before, actions: [action("a4", "Book the GP"), action("a5", "Join the job club", "2027-03-01"), action("a6", "Ask about a bus pass")] };
  const diff = diffPlans(before, after, progress);
  const byText = (t: string) => diff.actions.find((c) => (c.before ?? c.after)![0].values?.text === t);
  it.each([
    ["Apply for rent help", "done", undefined],
    ["Phone the landlord", "not-done", "The landlord moved abroad"],
    ["Visit the food bank", "removed", undefined],
    ["Book the GP", "carried", undefined],
    ["Join the job club", "changed", undefined],
    ["Ask about a bus pass", "new", undefined],
  ])("%s is %s", (description, kind, reason) => {
    expect(byText(description)).toMatchObject({ kind });
    expect(byText(description)?.reason).toBe(reason);
  });
});

describe("carrying forward", () => {
  it("carries only actions still open: done and not done (with its reason) stay in the signed version", () => {
    const carried = carryForward(before, progress, "2027-01-10");
    expect(carried.data.actions.map((a) => a.id)).toEqual(["a3", "a4", "a5"]);
  });
});
