/**
 * The practice each rule comes from, under a stable reference name, so a supervisor reading a
 * finding can see which part of case-planning practice it applies, and a trainer can cite it. The
 * names follow the order of the conversation (the practice guidance Coplan is built on, in
 * shared/PRACTICE.md). Each has its section on the in-app page /practice (src/routes/practice.ts),
 * which every finding links to.
 */
import type { RuleId } from "./rules.ts";

export const PRACTICES = {
  "plan.priorities": { title: "Every priority issue is on the plan", text: "Each issue the assessment marked as a priority appears as a goal, or as an area the client chose not to address now." },
  "goals.smart": { title: "Goals are specific and time-bound", text: "A goal names what will be different and by when, so both of you can tell when it is reached." },
  "goals.in-your-lane": { title: "Stay within the role", text: "A case manager finds, refers to and goes along to treatment; treating, diagnosing and changing medication belong to a clinician." },
  "goals.service-length": { title: "Fit the length of the service", text: "In a brief or short-term service, a goal that takes years becomes a first step that can be reached together." },
  "barriers.what-stands-in-the-way": { title: "Name the barrier for what it is", text: "What has kept the client from the goal shows where help should go; the same goal can have different barriers and need different help." },
  "strengths.who-carries-each-step": { title: "Strengths decide who carries each step", text: "What the client can do alone or with support is theirs to carry; the case manager takes what only they can do." },
  "actions.every-step-serves-a-goal": { title: "Every action serves a goal and has an owner", text: "Each goal has at least one action, each action serves a goal, and someone named is responsible for it." },
  "actions.target-dates": { title: "Target dates as specific as possible", text: "Not “ongoing” and not a whole year by default; “ongoing” suits keeping up skills, reviewed at the annual review." },
  "contract.clear-end": { title: "Commitments say when the work is done", text: "Specific enough that both know when it is finished, broad enough that new information does not force a new plan." },
  "contract.no-over-promise": { title: "Never over-promise", text: "Promise the effort (research, referrals, going along), not outcomes that a landlord, service or waiting list decides." },
} as const satisfies Record<string, { title: string; text: string }>;

export type PracticeRef = keyof typeof PRACTICES;

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
};
