/**
 * What a practice check reports. A finding never changes the plan: it explains, in plain words, why
 * something may fall short of good case-planning practice, and offers a rewrite where one can be
 * written. The words people typed stay theirs.
 *
 * Severity:
 * - "warning": the plan is likely wrong or hard to act on as it stands (an action that serves no
 *   goal, a date already passed, a promise no one can keep). Worth fixing before signing.
 * - "suggestion": coaching towards a stronger plan; reasonable people may leave it as it is.
 */

import type { Barrier } from "../domain/plan.ts";
import { type PracticeRef, RULE_PRACTICE } from "./practices.ts";
import { RULES, type RuleId, type Severity } from "./rules.ts";

export { RULES, type RuleId, type Severity };

type BarrierCategory = Barrier["category"];

export const SECTIONS = ["setup", "goals", "barriers", "strengths", "actions", "contract"] as const;
export type Section = (typeof SECTIONS)[number];

export interface Finding {
  /** Stable id, e.g. "goal-measurable": dismissals, scorecards and scripts key on it. */
  rule: RuleId;
  severity: Severity;
  /** Why, in plain words: this is what trains new case managers. */
  message: string;
  /**
   * The step where it is fixed, and the plan item it is about. Item ids are unique across the plan
   * ("g1", "a4"), so a finding at the barriers step may name the goal that has no barrier.
   */
  where: { section: Section; itemId?: string };
  /** Replacement wording for the item's restatement or commitment (or description), when one can be offered. */
  rewrite?: string;
  /** The practice the rule comes from: a stable reference name, described in practices.ts. */
  practice: PracticeRef;
  /**
   * The plan item it is about, named as a person would name it: Goal 2 “Feel better”, Action
   * “Help with housing”. Filled in by checkPlan, which sees the whole plan.
   */
  about?: About;
  /** The words, exactly as typed, that raised it, so a supervisor can see why. */
  triggers?: string[];
  /** Other rules this finding speaks for: a vague goal with no time frame is one finding, not two. */
  covers?: RuleId[];
  /** barrier-category only: the category the words point to, and others they also fit. Never applied by itself. */
  suggestion?: { category: BarrierCategory; also: BarrierCategory[] };
}

export interface About {
  kind: "goal" | "barrier" | "action" | "commitment" | "priority-issue" | "plan";
  id?: string;
  /** e.g. Goal 2 “Feel better”. */
  label: string;
}

export function finding(rule: RuleId, where: Finding["where"], message: string, rewrite?: string, extra: Pick<Finding, "triggers" | "covers" | "suggestion"> = {}): Finding {
  const f: Finding = { rule, severity: RULES[rule].severity, message, where, practice: RULE_PRACTICE[rule] };
  if (rewrite !== undefined) f.rewrite = rewrite;
  if (extra.triggers?.length) f.triggers = [...new Set(extra.triggers)];
  if (extra.covers?.length) f.covers = extra.covers;
  if (extra.suggestion) f.suggestion = extra.suggestion;
  return f;
}

/** Quotes a person's words inside a message, shortened so the message stays readable. */
export function quote(words: string, max = 60): string {
  const text = words.replace(/\s+/g, " ").trim();
  if (text.length <= max) return `“${text}”`; // no more code points than UTF-16 units: nothing to cut
  const flat = Array.from(text); // code points: never split an emoji
  return `“${flat.length > max ? flat.slice(0, max - 1).join("").trimEnd() + "…" : flat.join("")}”`;
}
