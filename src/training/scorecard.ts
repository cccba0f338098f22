/**
 * The scorecard of a practice plan: every finding of the practice checks, explained, with what a
 * stronger plan would do. Pure.
 */
import type { PlanData } from "../domain/plan.ts";
import { checkPlan } from "../practice/index.ts";
import { RULES, type Finding, type RuleId } from "../practice/findings.ts";
import { UNCHECKED_RULES, ruleSummaryKey } from "../practice/rules.ts";
import { collapse } from "../plans/coaching.ts";
import { repeatedAnswers, type Repeat } from "./repeats.ts";

/** What a stronger plan does, rule by rule (the lesson behind each finding): a catalog key. */
export const strongerKey = (rule: RuleId): string => `training.stronger.${rule}`;

export interface Scorecard {
  score: number;
  outOf: 100;
  /** `stronger` and `summary` are catalog keys. */
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
  // Words Coplan could not check are no fault of the plan's: said, but not scored.
  const penalty = findings.reduce((sum, f) => sum + (UNCHECKED_RULES.has(f.rule) ? 0 : f.severity === "warning" ? 10 : 4), 0) + repeats.reduce((sum, r) => sum + (r.copies - 1) * REPEAT_COST, 0);
  const failed = new Set(findings.map((f) => f.rule));
  return {
    score: Math.max(0, 100 - penalty),
    outOf: 100,
    findings: findings.map((f) => ({ ...f, stronger: strongerKey(f.rule), summary: ruleSummaryKey(f.rule) })),
    passed: (Object.keys(RULES) as RuleId[]).filter((r) => !failed.has(r) && !UNCHECKED_RULES.has(r)).map((rule) => ({ rule, summary: ruleSummaryKey(rule) })),
    repeats,
  };
}
