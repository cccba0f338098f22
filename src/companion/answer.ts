/**
 * What the client's words from the phone become: a new item of the current step's kind, holding
 * their words verbatim and marked as from the phone. The fields only the case manager can settle
 * (a category, a role, who and by when) get a neutral first value the case manager then completes
 * on the shared screen. Pure.
 */
import type { ItemKind } from "../../machines/rules.ts";
import type { Stage } from "../../machines/steps.ts";
import type { PlanData } from "../domain/plan.ts";
import { nextQuestion } from "../plans/next-question.ts";

export const PHONE_WORDS_MAX = 2000;

/** The steps at which the phone offers an answer box. */
export function phoneAnswers(step: Stage, data: PlanData): boolean {
  if (step === "goals") return data.setup.priorityIssues.length > 0;
  if (step === "barriers" || step === "actions") return data.goals.length > 0;
  return step === "strengths";
}

export function phoneItem(step: Stage, data: PlanData, words: string): { kind: ItemKind; input: Record<string, unknown> } | null {
  if (!phoneAnswers(step, data)) return null;
  const q = nextQuestion(step, data);
  switch (step) {
    case "goals":
      return { kind: "goals", input: { issue: q.issue ?? data.setup.priorityIssues[0], clientWords: words, fromPhone: true } };
    case "barriers":
      return { kind: "barriers", input: { goalId: (q.goal ?? data.goals[0]).id, clientWords: words, category: "other", fromPhone: true } };
    case "strengths":
      return { kind: "strengths", input: { clientWords: words, role: "alone", fromPhone: true } };
    case "actions":
      return {
        kind: "actions",
        input: { goalId: (q.goal ?? data.goals[0]).id, kind: "service", description: words, responsible: { role: "client" }, targetDate: { kind: "annual-review" }, fromPhone: true },
      };
    default:
      return null;
  }
}
