/** Everything the conversation templates need about a plan, derived once per response. */
import { planIncomplete } from "../../machines/rules.ts";
import type { PlanView } from "../plans/conversation.ts";
import { nextQuestion } from "../plans/next-question.ts";
import { displayName, transcript } from "../plans/transcript.ts";

export function pageData(plan: PlanView, extra: Record<string, unknown> = {}) {
  const next = nextQuestion(plan.step, plan.data);
  return {
    /** What the composer's empty forms start with: the issue or goal being asked about. */
    defaults: {
      "add-goals": { issue: next.issue ?? "" },
      "add-declined": { issue: next.issue ?? "" },
      "add-barriers": { goalId: next.goal?.id ?? "" },
      "add-actions": { goalId: next.goal?.id ?? "" },
    },
    plan,
    client: displayName(plan.data),
    bubbles: transcript(plan),
    next,
    incomplete: planIncomplete(plan.data),
    editable: true,
    ...extra,
  };
}
