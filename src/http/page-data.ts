/** Everything the conversation templates need about a plan, derived once per response. */
import { whyCannotLeave } from "../../machines/rules.ts";
import { commitmentMismatches } from "../../machines/commitment.ts";
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
    incomplete: whyCannotLeave("review", plan.data, plan.drafts),
    /** Hand-written commitments whose action changed since: the review step offers to re-draft or keep each. */
    mismatches: plan.step === "signed" ? [] : commitmentMismatches(plan.data, plan.drafts),
    /** A signed plan is sealed: nothing on its page offers to change its content. */
    editable: plan.step !== "signed",
    ...extra,
  };
}
