/**
 * The scorecard of a practice plan: every finding of the practice checks, explained, with what a
 * stronger plan would do. Pure.
 */
import type { PlanData } from "../domain/plan.ts";
import { checkPlan } from "../practice/index.ts";
import { RULES, type Finding, type RuleId } from "../practice/findings.ts";
import { collapse } from "../plans/coaching.ts";
import { repeatedAnswers, type Repeat } from "./repeats.ts";

/** What a stronger plan does, rule by rule: the lesson behind each finding. */
export const STRONGER: Record<RuleId, string> = {
  "goal-vague": "Names one thing that will be different, in words the client recognises, beside their own words.",
  "goal-measurable": "Says how you will both know the goal is reached: a number, an event, a document in hand.",
  "goal-time-frame": "Says by when, so the goal can be reviewed rather than drift.",
  "goal-scope": "Keeps to what a case manager does: finding, referring and supporting, not treating.",
  "action-scope": "Leaves treatment, diagnosis and medication to a clinician, and refers to one or goes along to the appointment.",
  "goal-service-length": "Takes the first step that fits the service's length, and leaves the longer road open.",
  "priority-issue-unaddressed": "Covers every priority issue from the assessment, or records that the client chose not to address it.",
  "barrier-missing": "Asks what has kept the client from reaching each goal alone; that shows where help should go.",
  "barrier-category": "Names the barrier for what it is, so the help fits it (money problems and missing health supports need different help).",
  "strengths-none": "Asks the client what they are good at; strengths decide who does each step.",
  "strengths-unused": "Lets the client carry the steps their strengths allow, with support where needed.",
  "action-missing": "Gives every goal at least one action.",
  "action-no-goal": "Ties every action to a goal, so nothing is done for its own sake.",
  "action-responsible": "Names who is responsible for every action.",
  "target-ongoing": "Uses a specific date; \"ongoing\" only for keeping up skills, reviewed at the annual review.",
  "target-whole-year": "Sets a date as specific as the work allows, not a whole year by default.",
  "target-after-review": "Sets dates before the annual review, when the plan is reassessed anyway.",
  "target-past": "Sets dates that are still ahead.",
  "contract-over-promise": "Promises effort, not outcomes: \"I will research options and make referrals if any are available.\"",
  "contract-open-ended": "Words each commitment so it is clear when the work is done.",
};

export interface Scorecard {
  score: number;
  outOf: 100;
  findings: (Finding & { stronger: string; summary: string })[];
  passed: { rule: RuleId; summary: string }[];
  /** Answers given more than once (a suggestion clicked again, a goal typed twice): each extra copy costs as a suggestion does. */
  repeats: Repeat[];
}

/** What one extra copy of an answer costs: as much as a suggestion, since it is noise a reader must skip. */
const REPEAT_COST = 4;

export function scorecard(data: PlanData, today: string): Scorecard {
  // The same findings, collapsed the same way, as the conversation shows beside each item.
  const findings = collapse(checkPlan(data, today));
  const repeats = repeatedAnswers(data);
  const penalty = findings.reduce((sum, f) => sum + (f.severity === "warning" ? 10 : 4), 0) + repeats.reduce((sum, r) => sum + (r.copies - 1) * REPEAT_COST, 0);
  const failed = new Set(findings.map((f) => f.rule));
  return {
    score: Math.max(0, 100 - penalty),
    outOf: 100,
    findings: findings.map((f) => ({ ...f, stronger: STRONGER[f.rule], summary: RULES[f.rule].summary })),
    passed: (Object.keys(RULES) as RuleId[]).filter((r) => !failed.has(r)).map((rule) => ({ rule, summary: RULES[rule].summary })),
    repeats,
  };
}
