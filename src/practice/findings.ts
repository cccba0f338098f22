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
import type { Msg } from "../i18n/translator.ts";
import { memo } from "./memo.ts";
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
  /**
   * Why, in plain words: this is what trains new case managers. A message in the reader's language,
   * shown through findingWords (src/plans/finding-words.ts), which also turns its values into words.
   */
  message: Msg;
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
  label: Msg;
  /** The same without the item's words: Goal 2. */
  name: Msg;
  /** The item's own words, shortened as in the label (never translated). */
  words?: string;
}

export function finding(rule: RuleId, where: Finding["where"], message: Msg, rewrite?: string, extra: Pick<Finding, "triggers" | "covers" | "suggestion"> = {}): Finding {
  const f: Finding = { rule, severity: RULES[rule].severity, message, where, practice: RULE_PRACTICE[rule] };
  if (rewrite !== undefined) f.rewrite = rewrite;
  if (extra.triggers?.length) f.triggers = [...new Set(extra.triggers)];
  if (extra.covers?.length) f.covers = extra.covers;
  if (extra.suggestion) f.suggestion = extra.suggestion;
  return f;
}

/**
 * A person's words for a message, shortened so the message stays readable. The message itself
 * puts the quotation marks of its language around them.
 *
 * Remembered per text (memo.ts), one memory per length: every answer names each item of the plan
 * that has a finding again, and cutting a long text by code points was the single largest cost of
 * the practice checks (issue 21 (a)).
 */
export function shorten(words: string, max = 60): string {
  let cut = cuts.get(max);
  if (!cut) cuts.set(max, (cut = memo((text) => cutWords(text, max))));
  return cut(words);
}

/** The lengths callers cut to: a handful of constants in the code. */
const cuts = new Map<number, (words: string) => string>();

function cutWords(words: string, max: number): string {
  const text = words.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text; // no more code points than UTF-16 units: nothing to cut
  const flat = Array.from(text); // code points: never split an emoji
  return flat.length > max ? flat.slice(0, max - 1).join("").trimEnd() + "…" : flat.join("");
}

/** Quoted and shortened: for a list of a person's words inside a message (see `listValue`). */
export const quote = (words: string, max = 60): string => `“${shorten(words, max)}”`;

/**
 * A message value holding a list: its items joined by a separator no one can type (controls are
 * stripped from forms). Values whose names end in `List` are shown as a list in the reader's
 * language; items may be words as typed or msgText (a label). See src/plans/finding-words.ts.
 */
export const LIST_SEPARATOR = "\u001f";
export const listValue = (items: readonly string[]): string => items.join(LIST_SEPARATOR);
