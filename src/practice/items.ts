/**
 * Naming the item a finding is about, the way a person would point at it: Goal 2 “Feel better”,
 * Action “Help with housing”, Barrier to Goal 1 “I owe two months of rent”. The checks place a
 * finding by item id; this adds the name, so the finding can be shown beside its item and read on
 * its own (in plan:check's output, on the scorecard).
 */
import type { PlanData } from "../domain/plan.ts";
import { type About, type Finding, quote } from "./findings.ts";
import { goalText } from "./goal-text.ts";

const SHORT = 60;

export function aboutItem(f: Finding, data: PlanData): About {
  const id = f.where.itemId;
  if (id === undefined) {
    if (f.rule === "priority-issue-unaddressed") return { kind: "priority-issue", label: `Priority issue ${quote(f.triggers?.[0] ?? "", SHORT)}` };
    return { kind: "plan", label: f.where.section === "strengths" ? "Strengths" : "The plan" };
  }
  const goalIndex = data.goals.findIndex((g) => g.id === id);
  if (goalIndex >= 0) return { kind: "goal", id, label: `Goal ${goalIndex + 1} ${quote(goalText(data.goals[goalIndex]).text, SHORT)}` };
  const barrier = data.barriers.find((b) => b.id === id);
  if (barrier) {
    const n = data.goals.findIndex((g) => g.id === barrier.goalId);
    return { kind: "barrier", id, label: `Barrier${n >= 0 ? ` to Goal ${n + 1}` : ""} ${quote(barrier.clientWords, SHORT)}` };
  }
  const action = data.actions.find((a) => a.id === id);
  if (action) {
    if (f.where.section === "contract") return { kind: "commitment", id, label: `Commitment for action ${quote(action.description, SHORT)}` };
    return { kind: "action", id, label: `Action ${quote(action.description, SHORT)}` };
  }
  return { kind: "plan", id, label: "The plan" };
}

export function nameItems(findings: Finding[], data: PlanData): Finding[] {
  return findings.map((f) => ({ ...f, about: aboutItem(f, data) }));
}
