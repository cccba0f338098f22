/**
 * The practice each rule comes from, under a stable reference name, so a supervisor reading a
 * finding can see which part of case-planning practice it applies, and a trainer can cite it. The
 * names follow the order of the conversation (the practice guidance Coplan is built on, in
 * shared/PRACTICE.md). Each has its section on the in-app page /practice (src/routes/practice.ts),
 * which every finding links to.
 */
import type { RuleId } from "./rules.ts";

/** Every practice, in the order of the conversation. Its title and text are catalog messages (practiceKeys). */
export const PRACTICES = [
  "plan.priorities",
  "goals.smart",
  "goals.in-your-lane",
  "goals.service-length",
  "barriers.what-stands-in-the-way",
  "strengths.who-carries-each-step",
  "actions.every-step-serves-a-goal",
  "actions.target-dates",
  "contract.clear-end",
  "contract.no-over-promise",
] as const;

export type PracticeRef = (typeof PRACTICES)[number];

/** The catalog keys of a practice's title and its one-paragraph text. */
export const practiceKeys = (ref: PracticeRef) => ({ title: `practice.${ref}.title`, text: `practice.${ref}.text` });

export const RULE_PRACTICE: Readonly<Record<RuleId, PracticeRef>> = {
  "goal-vague": "goals.smart",
  "goal-measurable": "goals.smart",
  "goal-time-frame": "goals.smart",
  "goal-scope": "goals.in-your-lane",
  "action-scope": "goals.in-your-lane",
  "goal-service-length": "goals.service-length",
  "priority-issue-unaddressed": "plan.priorities",
  "barrier-missing": "barriers.what-stands-in-the-way",
  "barrier-category": "barriers.what-stands-in-the-way",
  "strengths-none": "strengths.who-carries-each-step",
  "strengths-unused": "strengths.who-carries-each-step",
  "action-missing": "actions.every-step-serves-a-goal",
  "action-no-goal": "actions.every-step-serves-a-goal",
  "action-responsible": "actions.every-step-serves-a-goal",
  "target-ongoing": "actions.target-dates",
  "target-whole-year": "actions.target-dates",
  "target-after-review": "actions.target-dates",
  "target-past": "actions.target-dates",
  "contract-over-promise": "contract.no-over-promise",
  "contract-open-ended": "contract.clear-end",
  "goal-words-unchecked": "goals.smart",
  "barrier-words-unchecked": "barriers.what-stands-in-the-way",
  "contract-words-unchecked": "contract.clear-end",
};
