/**
 * Barriers: what has kept the client from reaching each goal alone. The same outcome can have
 * different barriers and so need different help: two people at risk of losing their home, one on
 * a low income (financial insecurity), the other with untreated symptoms and no doctor or anyone
 * to turn to (a lack of health supports).
 *
 * The checker reads the client's words for every category but "other" (barrier-words.ts) and
 * suggests the one they point to most strongly, naming the words that led to it and any other
 * category they also fit (an eviction hearing is legal, and about housing). It never changes the
 * category the worker chose, and says nothing when that choice fits the words.
 */
import { stemmer } from "stemmer";
import { labelKey } from "../domain/labels.ts";
import type { Barrier, PlanData } from "../domain/plan.ts";
import { msg, msgText } from "../i18n/translator.ts";
import { CUE_TABLE, type Category, type CueKind, PRIORITY } from "./barrier-words.ts";
import { type Finding, finding, listValue, quote } from "./findings.ts";
import { readEnglish } from "./language.ts";
import { cannotRead } from "./text-language.ts";
import { memo } from "./memo.ts";
import { addKeyWords } from "./spelling.ts";
import { isNegated } from "./phrases.ts";
import type { Token } from "./words.ts";

interface Cue {
  category: Category;
  kind: CueKind;
  weight: number;
  /** Stems; "*" is any one word. */
  stems: readonly string[];
}

const stem = (word: string) => (/^[a-z]+$/.test(word) ? stemmer(word) : word);

const CUES: readonly Cue[] = CUE_TABLE.flatMap((spec) =>
  spec.words.split(",").map((w) => w.trim()).filter(Boolean).map((w) => {
    const words = w.split(" ");
    addKeyWords(words.map((x) => x.replace(/^=/, "")));
    return { category: spec.category, kind: spec.kind, weight: spec.weight, stems: words.map((x) => (x === "*" || x.startsWith("=") ? x : stem(x))) };
  }),
);

/** Cues by the stem they start with, so each token is tried against a handful, not all of them. */
const BY_FIRST = (() => {
  const map = new Map<string, Cue[]>();
  for (const c of CUES) map.set(c.stems[0], [...(map.get(c.stems[0]) ?? []), c]);
  return map;
})();

/** "a lift to the clinic": what comes after "to get to" is where the person is going, not what stops them. */
const DESTINATION = new Set(["to", "at"].map(stem));
const TRAVEL = new Set(["get", "go", "reach", "travel", "lift", "way", "bus", "fare", "walk", "drive"].map(stem));

/** Words that say something is missing after it: "my psychiatrist left", "the clinic closed". */
const GONE_AFTER = new Set(["left", "retired", "closed", "stopped", "ended", "cancelled", "canceled", "gone", "moved"]);

function isAbsent(tokens: readonly Token[], start: number, end: number): boolean {
  if (isNegated(tokens, start, 4)) return true;
  for (let k = end; k < Math.min(tokens.length, end + 2); k++) {
    if (tokens[k].afterBreak) break;
    if (GONE_AFTER.has(tokens[k].word)) return true;
  }
  return false;
}

function isDestination(stems: readonly string[], tokens: readonly Token[], start: number): boolean {
  for (let k = start - 1; k >= Math.max(0, start - 3); k--) {
    if (tokens[k + 1].afterBreak) return false;
    if (DESTINATION.has(stems[k]) && k > 0 && TRAVEL.has(stems[k - 1])) return true;
  }
  return false;
}

function same(cue: string, stem: string, token: Token): boolean {
  return cue === "*" || cue === stem || cue === `=${token.word}`;
}

export interface BarrierReading {
  /** Score per category the words fit. */
  scores: Partial<Record<Category, number>>;
  /** The words (as typed) behind each category. */
  words: Partial<Record<Category, string[]>>;
  /** Strongest first; empty if the words fit no category. */
  ranked: Category[];
}

/** Which categories the words fit, how strongly, and which words say so. */
export const readBarrier = memo((text: string): BarrierReading => {
  const { tokens, hasEnglish } = readEnglish(text);
  const reading: BarrierReading = { scores: {}, words: {}, ranked: [] };
  if (!hasEnglish) return reading;
  const stems = tokens.map((t) => (t.script === "latin" ? stem(t.word) : t.word));
  for (let i = 0; i < tokens.length; i++) {
    // Longest cue first, so "broke down" (a car) is not "broke" (no money).
    let best: { cue: Cue; end: number } | undefined;
    for (const cue of [...(BY_FIRST.get(stems[i]) ?? []), ...(BY_FIRST.get(`=${tokens[i].word}`) ?? [])]) {
      const end = i + cue.stems.length;
      if (end > tokens.length || (best && end <= best.end)) continue;
      let ok = true;
      for (let k = 1; k < cue.stems.length && ok; k++) ok = !tokens[i + k].afterBreak && same(cue.stems[k], stems[i + k], tokens[i + k]);
      if (ok) best = { cue, end };
    }
    if (!best) continue;
    const { cue, end } = best;
    const counts = cue.kind === "any" || (cue.kind === "affirmed" ? !isNegated(tokens, i) : isAbsent(tokens, i, end));
    if (counts) {
      const weight = isDestination(stems, tokens, i) ? Math.min(1, cue.weight) : cue.weight;
      reading.scores[cue.category] = (reading.scores[cue.category] ?? 0) + weight;
      (reading.words[cue.category] ??= []).push(text.slice(tokens[i].start, tokens[end - 1].end));
    }
    i = end - 1;
  }
  reading.ranked = PRIORITY.filter((c) => reading.scores[c]).sort((a, b) => reading.scores[b]! - reading.scores[a]! || PRIORITY.indexOf(a) - PRIORITY.indexOf(b));
  return reading;
});

export interface CategorySuggestion {
  category: Category;
  /** Other categories the words also fit, strongest first. */
  also: Category[];
  /** The words, as typed, that led to the suggestion. */
  because: string[];
}

/** The category to suggest, unless the worker's choice already fits the words (or nothing does). */
export function suggestCategory(words: string, current: Barrier["category"]): CategorySuggestion | undefined {
  const { ranked, words: why } = readBarrier(words);
  if (ranked.length === 0 || (ranked as string[]).includes(current)) return undefined;
  const [category, ...also] = ranked;
  return { category, also, because: why[category] ?? [] };
}

/** Why the category matters, a sentence per category: catalog messages `coaching.barrierWhy.<category>`. */
const why = (c: Category) => msgText(`coaching.barrierWhy.${c}`);

/** A category's label, to be shown in the reader's language. */
const label = (c: Barrier["category"]) => msgText(labelKey("barrierCategory", c));

export function checkBarriers(data: PlanData): Finding[] {
  const out: Finding[] = [];
  for (const goal of data.goals) {
    if (data.barriers.some((b) => b.goalId === goal.id)) continue;
    out.push(finding("barrier-missing", { section: "barriers", itemId: goal.id }, msg("coaching.finding.barrierMissing")));
  }
  for (const barrier of data.barriers) {
    // Words the category check cannot read are said to be unchecked, never passed in silence (issue 22).
    if (cannotRead(barrier.clientWords, data.setup.clientLanguage, readEnglish(barrier.clientWords).hasEnglish)) {
      out.push(finding("barrier-words-unchecked", { section: "barriers", itemId: barrier.id }, msg("coaching.finding.barrierUnchecked")));
    }
    const s = suggestCategory(barrier.clientWords, barrier.category);
    if (!s) continue;
    out.push(finding("barrier-category", { section: "barriers", itemId: barrier.id },
      msg("coaching.finding.barrierCategory", {
        wordsList: listValue(s.because.map((w) => quote(w, 40))),
        suggested: label(s.category),
        chosen: label(barrier.category),
        also: s.also.length ? "yes" : "no",
        alsoList: listValue(s.also.map(label)),
        why: why(s.category),
      }),
      undefined, { triggers: s.because, suggestion: { category: s.category, also: s.also } }));
  }
  return out;
}
