/**
 * One thing at a time: which issue or goal the conversation should ask about next at this step.
 * Pure; the composer turns it into the question.
 */
import type { Stage } from "../../machines/steps.ts";
import type { Goal, PlanData } from "../domain/plan.ts";

export interface NextQuestion {
  /** A priority issue with neither a goal nor a recorded decline. */
  issue?: string;
  /** A goal that still lacks a barrier (barriers step) or an action (actions step). */
  goal?: Goal;
  /** True when every issue or goal at this step has an answer: offer "another?" or "continue". */
  covered: boolean;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function nextQuestion(step: Stage, data: PlanData): NextQuestion {
  switch (step) {
    case "goals": {
      const issue = data.setup.priorityIssues.find(
        (i) => !data.goals.some((g) => same(g.issue, i)) && !data.declined.some((d) => same(d.issue, i)),
      );
      return { issue, covered: issue === undefined };
    }
    case "barriers": {
      const goal = data.goals.find((g) => !data.barriers.some((b) => b.goalId === g.id));
      return { goal, covered: goal === undefined };
    }
    case "actions": {
      const goal = data.goals.find((g) => !data.actions.some((a) => a.goalId === g.id));
      return { goal, covered: goal === undefined };
    }
    default:
      return { covered: true };
  }
}
