/**
 * Issue 5 asks for at least ten cases that must be flagged and ten that must not, for every rule.
 * The wording rules have their tables elsewhere; these are the rules about the plan's structure
 * and dates, each checked on ten plan shapes that break it and ten that keep it.
 */
import { describe, expect, it } from "vitest";
import type { PlanData } from "../../src/domain/plan.ts";
import { checkPlan } from "../../src/practice/index.ts";
import { SETUP } from "../fixtures.ts";

const TODAY = "2026-11-24";
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const ISSUES = ["Housing at risk", "Depression", "Income", "Debt", "Family contact", "Transport", "Childcare", "Legal aid", "Literacy", "Safety at home"];
const ROLES = ["alone", "with-support"] as const;

/** A plan that breaks no structural rule: each goal has a barrier and an action; dates are sound. */
function sound(n = 2): PlanData {
  const issues = ISSUES.slice(0, n);
  return {
    setup: { ...SETUP, planDate: TODAY, annualReviewDate: "2027-11-24", priorityIssues: issues },
    goals: issues.map((issue, i) => ({ id: `g${i + 1}`, issue, clientWords: `Sort out ${issue.toLowerCase()} by the end of March` })),
    declined: [],
    barriers: issues.map((_, i) => ({ id: `b${i + 1}`, goalId: `g${i + 1}`, clientWords: "Nobody has explained the forms to me", category: "other" as const })),
    strengths: [{ id: "s1", clientWords: "I keep my papers in order", role: "alone" as const }],
    actions: issues.map((_, i) => ({
      id: `a${i + 1}`,
      goalId: `g${i + 1}`,
      kind: "referral" as const,
      description: `Book an appointment with the advice centre about item ${i + 1}`,
      responsible: { role: (i % 2 ? "client" : "case-manager") as "client" | "case-manager" },
      targetDate: { kind: "date" as const, date: `2027-0${(i % 3) + 1}-1${i % 9}` },
      status: "not-started" as const,
    })),
  };
}

const rulesFor = (data: PlanData, itemId?: string) =>
  checkPlan(data, TODAY)
    .filter((f) => itemId === undefined || f.where.itemId === itemId)
    .map((f) => f.rule);

function table(rule: string, flagged: [string, PlanData, string?][], kept: [string, PlanData, string?][]) {
  describe(rule, () => {
    it("has at least ten cases each way", () => {
      expect(flagged.length).toBeGreaterThanOrEqual(10);
      expect(kept.length).toBeGreaterThanOrEqual(10);
    });
    it.each(flagged)(`flags: %s`, (_name, data, itemId) => expect(rulesFor(data, itemId)).toContain(rule));
    // Not at the item named, and not anywhere else either: a finding put on the wrong item is wrong too.
    it.each(kept)(`does not flag: %s`, (_name, data) => expect(rulesFor(data)).not.toContain(rule));
  });
}

table(
  "priority-issue-unaddressed",
  range(10).map((i) => {
    const d = sound(2);
    d.setup.priorityIssues = [...d.setup.priorityIssues, ISSUES[2 + (i % 8)] + (i >= 8 ? " and more" : "")];
    return [`the extra issue “${d.setup.priorityIssues.at(-1)}” has no goal and no decline`, d] as [string, PlanData];
  }),
  range(10).map((i) => {
    const d = sound(2);
    const extra = ISSUES[2 + (i % 8)];
    d.setup.priorityIssues = [...d.setup.priorityIssues, extra];
    if (i % 2) d.declined = [{ id: "d9", issue: extra, reason: "Not now" }];
    else {
      d.goals.push({ id: "g9", issue: extra, clientWords: "Deal with this by June" });
      d.barriers.push({ id: "b9", goalId: "g9", clientWords: "No time", category: "other" });
      d.actions.push({ ...d.actions[0], id: "a9", goalId: "g9" });
    }
    return [`“${extra}” is ${i % 2 ? "declined" : "a goal"}`, d] as [string, PlanData];
  }),
);

table(
  "barrier-missing",
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    const goal = d.goals[i % d.goals.length];
    d.barriers = d.barriers.filter((b) => b.goalId !== goal.id);
    return [`goal ${goal.id} of ${d.goals.length} has no barrier`, d, goal.id] as [string, PlanData, string];
  }),
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    if (i % 2) d.barriers.push({ id: "b9", goalId: "g1", clientWords: "And the bus is too dear", category: "transportation" });
    return [`${d.goals.length} goals, each with a barrier${i % 2 ? " (one with two)" : ""}`, d, "g1"] as [string, PlanData, string];
  }),
);

table(
  "strengths-none",
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    d.strengths = [];
    if (i % 2) d.actions.forEach((a) => (a.responsible = { role: "client" }));
    return [`${d.goals.length} goals and no strengths`, d] as [string, PlanData];
  }),
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    d.strengths = range(1 + (i % 3)).map((k) => ({ id: `s${k + 1}`, clientWords: `Strength ${k + 1}`, role: ROLES[k % 2] }));
    return [`${d.strengths.length} strengths recorded`, d] as [string, PlanData];
  }),
);

table(
  "strengths-unused",
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    d.actions.forEach((a) => (a.responsible = { role: "case-manager" }));
    d.strengths = [{ id: "s1", clientWords: "I can make phone calls myself", role: ROLES[i % 2] }];
    return [`every action on the case manager, a strength “${ROLES[i % 2]}”`, d] as [string, PlanData];
  }),
  range(10).map((i) => {
    const d = sound(2 + (i % 4));
    d.actions[0].responsible = { role: i % 2 ? "client" : "family", name: i % 2 ? undefined : "Layla" };
    return [`an action on the ${d.actions[0].responsible.role}`, d] as [string, PlanData];
  }),
);

table(
  "action-missing",
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    const goal = d.goals[i % d.goals.length];
    d.actions = d.actions.filter((a) => a.goalId !== goal.id);
    return [`goal ${goal.id} of ${d.goals.length} has no action`, d, goal.id] as [string, PlanData, string];
  }),
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    if (i % 2) d.actions.push({ ...d.actions[0], id: "a9" });
    return [`${d.goals.length} goals, each with an action`, d, "g1"] as [string, PlanData, string];
  }),
);

table(
  "action-no-goal",
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    d.actions.push({ ...d.actions[0], id: "a9", goalId: `g${50 + i}` });
    return [`an action for a goal g${50 + i} that is not on the plan`, d, "a9"] as [string, PlanData, string];
  }),
  range(10).map((i) => {
    const d = sound(1 + (i % 5));
    d.actions.push({ ...d.actions[0], id: "a9", goalId: `g${1 + (i % d.goals.length)}` });
    return [`an extra action for g${1 + (i % d.goals.length)}`, d, "a9"] as [string, PlanData, string];
  }),
);

const OTHERS = ["provider", "family", "caregiver", "other-support"] as const;
table(
  "action-responsible",
  range(10).map((i) => {
    const d = sound(2);
    d.actions[0].responsible = { role: OTHERS[i % 4] };
    return [`a ${OTHERS[i % 4]} with no name (${i})`, d, "a1"] as [string, PlanData, string];
  }),
  range(10).map((i) => {
    const d = sound(2);
    d.actions[0].responsible = i < 4 ? { role: OTHERS[i], name: ["Dr Patel", "Layla", "Luc", "Pastor Ade"][i] } : { role: i % 2 ? "client" : "case-manager" };
    return [`responsible: ${d.actions[0].responsible.role}${d.actions[0].responsible.name ? " " + d.actions[0].responsible.name : ""} (${i})`, d, "a1"] as [string, PlanData, string];
  }),
);

const dated = (date: string) => {
  const d = sound(2);
  d.actions[0].targetDate = { kind: "date", date };
  return d;
};
table(
  "target-after-review",
  ["2027-11-25", "2027-12-01", "2028-01-15", "2028-06-30", "2029-11-24", "2027-11-30", "2028-02-29", "2027-12-31", "2030-01-01", "2028-11-24"].map((date) => [`target ${date} after the review on 2027-11-24`, dated(date), "a1"] as [string, PlanData, string]),
  ["2027-11-24", "2027-11-23", "2027-06-30", "2027-01-15", "2026-12-01", "2027-03-31", "2027-09-09", "2026-11-30", "2027-02-28", "2027-10-01"].map((date) => [`target ${date}, on or before the review`, dated(date), "a1"] as [string, PlanData, string]),
);

table(
  "target-past",
  ["2026-11-23", "2026-11-01", "2026-01-15", "2025-12-31", "2026-10-31", "2026-11-20", "2024-05-05", "2026-06-30", "2026-09-09", "2026-02-28"].map((date) => [`target ${date}, before today and the plan date`, dated(date), "a1"] as [string, PlanData, string]),
  ["2026-11-24", "2026-11-25", "2026-12-01", "2027-01-15", "2027-03-31", "2027-06-30", "2026-12-24", "2027-02-28", "2027-05-01", "2027-09-30"].map((date) => [`target ${date}, today or later`, dated(date), "a1"] as [string, PlanData, string]),
);

table(
  "target-whole-year",
  ["2027-10-25", "2027-10-30", "2027-11-01", "2027-11-10", "2027-11-20", "2027-11-24", "2027-11-15", "2027-11-05", "2027-10-28", "2027-11-23"].map((date) => [`target ${date}, about a year after the plan date`, dated(date), "a1"] as [string, PlanData, string]),
  ["2026-12-15", "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31", "2027-09-15"].map((date) => [`target ${date}, well inside the year`, dated(date), "a1"] as [string, PlanData, string]),
);

const ongoing = (description: string) => {
  const d = sound(2);
  d.actions[0].description = description;
  d.actions[0].targetDate = { kind: "ongoing" };
  return d;
};
table(
  "target-ongoing",
  [
    "Refer to the housing association",
    "Apply for the hardship fund",
    "Find a family doctor",
    "Book a benefits check",
    "Fill in the council tax form",
    "Phone the landlord about repairs",
    "Register with the job centre",
    "Get a bus pass",
    "Open a bank account",
    "Sign up for the parenting course",
  ].map((words) => [`“${words}”, marked ongoing`, ongoing(words), "a1"] as [string, PlanData, string]),
  [
    "Keep up the weekly budget routine",
    "Maintain the daily medication routine",
    "Keep taking the tablets every morning",
    "Maintain regular contact with the GP",
    "Keep up the job search routine each week",
    "Maintain the tenancy by paying rent on time each month",
    "Keep using the relaxation skills from the group",
    "Keep practising the breathing exercises daily",
    "Maintain the skills learned in the cooking course",
    "Keep up the reading practice at home",
  ].map((words) => [`“${words}” (keeping up a skill), marked ongoing`, ongoing(words), "a1"] as [string, PlanData, string]),
);
