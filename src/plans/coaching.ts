/**
 * Coaching in the conversation: each practice finding shown, named, under the bubble of the answer
 * it is about and beside that item in the plan panel (never under the next, unrelated question),
 * and never blocking the client's words; a suggested rewrite copied, in one click, into the
 * worker's restatement or the commitment (never into the client's verbatim words); a suggested
 * barrier category put on its barrier only when the worker asks; and findings the worker dismisses
 * at the review, with the reason kept.
 */
import type { PlanEvent } from "../../machines/plan-machine.ts";
import { type Stage, type Step, stepIndex } from "../../machines/steps.ts";
import { labelKey } from "../domain/labels.ts";
import type { Barrier, PlanData } from "../domain/plan.ts";
import type { Finding } from "../practice/findings.ts";
import { checkPlan } from "../practice/index.ts";
import { practiceKeys } from "../practice/practices.ts";
import { RULES, type RuleId, ruleSummaryKey } from "../practice/rules.ts";
import { findingWords } from "./finding-words.ts";
import type { StoredPlan } from "../store/plan-store.ts";
import type { PlanView } from "./conversation.ts";

export type Dismissal = StoredPlan["coaching"]["dismissed"][number];

export function findingKey(f: Finding): string {
  return `${f.rule}:${f.where.itemId ?? f.where.section}`;
}

/** Open findings: the checks keep what they read of each text (src/practice/memo.ts), so this is cheap to ask often. */
export function openFindings(data: PlanData, today: string, dismissed: Dismissal[]): Finding[] {
  const findings = collapse(checkPlan(data, today));
  if (dismissed.length === 0) return findings;
  const gone = new Set(dismissed.map((d) => d.key));
  return findings.filter((f) => !gone.has(findingKey(f)));
}

/**
 * Repeated findings become one: the same rule on the same item says one thing once (their triggering
 * words joined), and a finding that speaks for another rule on its item (a vague goal with no time
 * frame) stands in for it.
 */
export function collapse(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  let repeated = false;
  for (const f of findings) {
    const key = findingKey(f);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, f);
    else {
      repeated = true;
      if (f.triggers?.length) byKey.set(key, { ...seen, triggers: [...new Set([...(seen.triggers ?? []), ...f.triggers])] });
    }
  }
  let covered: Set<string> | undefined;
  for (const f of byKey.values()) for (const rule of f.covers ?? []) (covered ??= new Set()).add(`${rule}:${f.where.itemId ?? f.where.section}`);
  // Most plans have neither: then the list is the one given, in its order.
  const kept = repeated ? [...byKey.values()] : [...findings];
  return covered ? kept.filter((f) => !covered.has(findingKey(f))) : kept;
}

/**
 * Findings that say exactly the same thing about items that read the same (a goal given three
 * times): listed once at the review, with every item named, and dismissed together.
 */
export interface Repeated {
  first: Finding;
  all: Finding[];
  /** Every finding's key, space-separated: what one dismissal leaves as it is. */
  keys: string;
}

export function groupRepeats(findings: Finding[]): Repeated[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    // The item's own words (the quoted part of its label), so only answers worded the same are grouped.
    const words = f.about?.words ?? "";
    const same = JSON.stringify([f.rule, f.message, f.rewrite ?? "", f.triggers ?? [], f.about?.kind ?? "", words]);
    const list = groups.get(same);
    if (list) list.push(f);
    else groups.set(same, [f]);
  }
  return [...groups.values()].map((all) => ({ first: all[0], all, keys: all.map(findingKey).join(" ") }));
}

/** The findings to show in the composer's own coaching box: at the review, all of them (each dismissible); before, only those no bubble holds. */
export function findingsForStep(step: Stage, findings: Finding[], placed?: Placed): Finding[] {
  if (step === "review" || step === "signing") return findings;
  if (!placed) return findings.filter((f) => f.where.section === step);
  return placed.unplaced;
}

/** Findings by the bubble they sit under, and those that belong to no bubble shown yet. */
export interface Placed {
  byBubble: ReadonlyMap<string, Finding[]>;
  unplaced: Finding[];
}

/**
 * Where in the conversation the item a finding is about was raised: its own bubble (a commitment's
 * finding under the commitment), a priority issue under the plan's details, the plan's strengths
 * under the question that asked for them. A finding shows once its section's step has been
 * reached: "no barrier yet" is not news while goals are still being named, and neither is an
 * unaddressed priority issue before the goals step is left.
 */
export function placeFindings(view: { furthest: Step; data: PlanData }, findings: Finding[]): Placed {
  const reached = stepIndex(view.furthest);
  const byBubble = new Map<string, Finding[]>();
  const unplaced: Finding[] = [];
  for (const f of findings) {
    const shownFrom = f.rule === "priority-issue-unaddressed" ? stepIndex("barriers") : stepIndex(f.where.section === "setup" ? "goals" : f.where.section);
    if (shownFrom > reached) continue;
    const bubble = bubbleOf(f, view.data);
    if (!bubble) {
      unplaced.push(f);
      continue;
    }
    const list = byBubble.get(bubble);
    if (list) list.push(f);
    else byBubble.set(bubble, [f]);
  }
  return { byBubble, unplaced };
}

function bubbleOf(f: Finding, data: PlanData): string | undefined {
  const id = f.where.itemId;
  if (id === undefined) {
    if (f.rule === "priority-issue-unaddressed") return "setup";
    if (f.where.section === "strengths") return "q-strengths";
    return undefined;
  }
  if (f.where.section === "contract" && data.actions.some((a) => a.id === id && a.commitment)) return `c-${id}`;
  const kinds = [data.goals, data.declined, data.barriers, data.strengths, data.actions] as { id: string }[][];
  return kinds.some((items) => items.some((i) => i.id === id)) ? id : undefined;
}

/** Whether two lists of findings would show the same (so a bubble need not be sent again). */
export function sameFindings(a: readonly Finding[] = [], b: readonly Finding[] = []): boolean {
  return a.length === b.length && a.every((f, i) => JSON.stringify(f) === JSON.stringify(b[i]));
}

interface Placement {
  today: string;
  open: Finding[];
  placed: Placed;
}

/**
 * The findings, placed, of the versions worked out most recently, each for the day it was asked
 * for. An answer shows the coaching of the version it made, and the next answer compares it with
 * its own: without this the checks ran twice per answer, on the version before as well as after.
 * Keyed by the view, which the store hands out once per saved version and never changes
 * (src/plans/conversation.ts), so a new version is never served an older one's findings. Findings
 * depend on the day too (target dates pass), so another day works them out again.
 *
 * Only the most recent are kept, oldest out first, as transcripts are (transcript.ts): kept as long
 * as their plan stayed cached, they would hold memory for every plan read lately, and one
 * conversation needs only its latest version's for the next answer. 128 is more than the
 * conversations going on at once on a busy server (the benchmark has 50).
 */
const placements = new Map<PlanView, Placement>();
const KEEP_PLACEMENTS = 128;

function placement(view: PlanView, today: string): Placement {
  const known = placements.get(view);
  if (known?.today === today) return known;
  const open = view.step === "signed" ? [] : openFindings(view.data, today, view.coaching.dismissed);
  const made = { today, open, placed: placeFindings(view, open) };
  placements.delete(view);
  placements.set(view, made);
  if (placements.size > KEEP_PLACEMENTS) placements.delete(placements.keys().next().value!);
  return made;
}

/** Everything the templates need to show coaching for one version of a plan on one day. */
export function coachingData(view: PlanView, today: string) {
  const { open, placed } = placement(view, today);
  return {
    findings: findingsForStep(view.step, open, placed),
    placed,
    /** The same for another version of the plan (the one the page showed before an answer), to compare. */
    placedOf: (other: PlanView) => placement(other, today).placed,
    coaching: coachingHelpers(view.data),
  };
}

/**
 * What a template needs to show a finding the same way everywhere (the conversation, the plan
 * panel, the scorecard). Texts are catalog keys, or Msgs that `words` turns into the reader's
 * language (`it.coaching.words(it.i18n, f.message)`).
 */
export function coachingHelpers(data: PlanData) {
  return {
    key: findingKey,
    words: findingWords,
    /** The key of what the rewrite button says, or null when there is no rewrite to apply. */
    target: (f: Finding) => rewriteTarget(f, data),
    practice: (f: Finding) => practiceKeys(f.practice),
    summary: (f: Finding) => ruleSummaryKey(f.rule),
    category: (c: Barrier["category"]) => labelKey("barrierCategory", c),
    /** A dismissed finding's rule, as stored: its summary's key, or null for a rule Coplan no longer has. */
    ruleKey: (rule: string) => (Object.hasOwn(RULES, rule) ? ruleSummaryKey(rule as RuleId) : null),
    repeats: groupRepeats,
  };
}

/** The edit that puts a barrier-category finding's suggested category on its barrier, or null if it suggests another. */
export function categoryEvent(f: Finding, category: string, data: PlanData): PlanEvent | null {
  if (f.rule !== "barrier-category" || !f.suggestion || !f.where.itemId) return null;
  if (f.suggestion.category !== category && !f.suggestion.also.includes(category as Barrier["category"])) return null;
  const barrier = data.barriers.find((b) => b.id === f.where.itemId);
  if (!barrier) return null;
  return { type: "UPDATE", kind: "barriers", id: barrier.id, input: { goalId: barrier.goalId, clientWords: barrier.clientWords, category: category as Barrier["category"] } };
}

/** The edit that copies a finding's rewrite into the worker's words, or null if there is none. */
export function rewriteEvent(f: Finding, data: PlanData): PlanEvent | null {
  if (!f.rewrite || !f.where.itemId) return null;
  const id = f.where.itemId;
  const goal = data.goals.find((g) => g.id === id);
  if (goal) return { type: "UPDATE", kind: "goals", id, input: { issue: goal.issue, clientWords: goal.clientWords, restatement: f.rewrite } };
  const action = data.actions.find((a) => a.id === id);
  if (!action) return null;
  if (f.where.section === "contract") return { type: "SET_COMMITMENT", id, text: f.rewrite };
  const { goalId, kind, responsible, targetDate } = action;
  return { type: "UPDATE", kind: "actions", id, input: { goalId, kind, responsible, targetDate, description: f.rewrite } };
}

/** What a rewrite button says it will change (a catalog key), so no one thinks the client's words move. */
export function rewriteTarget(f: Finding, data: PlanData): string | null {
  if (!f.rewrite || !f.where.itemId) return null;
  if (data.goals.some((g) => g.id === f.where.itemId)) return "coaching.useAsRestatement";
  if (!data.actions.some((a) => a.id === f.where.itemId)) return null;
  return f.where.section === "contract" ? "coaching.useForCommitment" : "coaching.useForAction";
}
