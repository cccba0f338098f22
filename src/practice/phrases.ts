/**
 * Finding short English phrases in tokens, by lemma, so "finding", "finds" and "found" all match
 * "find", and knowing when a phrase is negated ("I won't promise to find …").
 */
import { addKeyWords } from "./spelling.ts";
import type { Token } from "./words.ts";

/** A phrase as lemmas, e.g. ["make", "sure"]. "*" matches any one word. */
export type Phrase = readonly string[];

/** Phrases as lemmas. Their words become the vocabulary a misspelling is read against (spelling.ts). */
export function phrases(...list: string[]): Phrase[] {
  const out = list.map((p) => p.split(" "));
  addKeyWords(out.flat());
  return out;
}

export function wordSet(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

const NEGATORS = wordSet("not never no nobody none nothing without unable neither nor hardly refuse refused");
/** A negation before these words belongs to another clause: "I can't say, but I will find …". */
const CLAUSE_WORDS = wordSet("but however although though yet");

function same(t: Token, p: string): boolean {
  return p === "*" ? t.script === "latin" : t.lemma === p || t.word === p;
}

/** The end (exclusive) of the longest phrase that starts at token i, or -1. Phrases do not cross punctuation. */
export function matchAt(tokens: readonly Token[], i: number, list: readonly Phrase[]): number {
  if (list.length <= SHORT_LIST || i >= tokens.length) return longest(tokens, i, list);
  const { byWord, anyWord } = byFirstWord(list);
  const t = tokens[i];
  let best = longest(tokens, i, byWord.get(t.lemma) ?? NONE);
  if (t.word !== t.lemma) best = Math.max(best, longest(tokens, i, byWord.get(t.word) ?? NONE));
  return t.script === "latin" ? Math.max(best, longest(tokens, i, anyWord)) : best;
}

/**
 * A long list (sixty ways of saying "a broad hope") is looked up by the token's first word instead
 * of tried phrase by phrase at every token: the same matches, a fraction of the comparisons.
 */
const SHORT_LIST = 8;
const NONE: readonly Phrase[] = [];
interface ByFirstWord {
  byWord: ReadonlyMap<string, readonly Phrase[]>;
  /** Phrases starting with "*", which any Latin word starts. */
  anyWord: readonly Phrase[];
}
const indexes = new WeakMap<readonly Phrase[], ByFirstWord>();

function byFirstWord(list: readonly Phrase[]): ByFirstWord {
  let index = indexes.get(list);
  if (!index) {
    const byWord = new Map<string, Phrase[]>();
    const anyWord: Phrase[] = [];
    for (const p of list) {
      const bucket = p[0] === "*" ? anyWord : byWord.get(p[0]);
      if (bucket) bucket.push(p);
      else byWord.set(p[0], [p]);
    }
    index = { byWord, anyWord };
    indexes.set(list, index);
  }
  return index;
}

function longest(tokens: readonly Token[], i: number, list: readonly Phrase[]): number {
  let best = -1;
  for (const p of list) {
    if (i + p.length > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < p.length && ok; k++) {
      const t = tokens[i + k];
      ok = same(t, p[k]) && (k === 0 || !t.afterBreak);
    }
    if (ok) best = Math.max(best, i + p.length);
  }
  return best;
}

export interface Span {
  start: number;
  end: number;
}

/** Every place a phrase occurs, left to right, not overlapping. */
export function findAll(tokens: readonly Token[], list: readonly Phrase[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const end = matchAt(tokens, i, list);
    if (end > i) {
      out.push({ start: i, end });
      i = end - 1;
    }
  }
  return out;
}

export function has(tokens: readonly Token[], list: readonly Phrase[]): boolean {
  return findAll(tokens, list).length > 0;
}

/** Phrases that occur without a negation just before them in the same clause. */
export function findAffirmed(tokens: readonly Token[], list: readonly Phrase[]): Span[] {
  return findAll(tokens, list).filter((s) => !isNegated(tokens, s.start));
}

/** True if "not", "never", "no" … appears in the few words before token i, within its clause. */
export function isNegated(tokens: readonly Token[], i: number, window = 3): boolean {
  for (let j = i - 1; j >= 0 && j >= i - window; j--) {
    if (tokens[j + 1].afterBreak) return false;
    if (CLAUSE_WORDS.has(tokens[j].word)) return false;
    if (NEGATORS.has(tokens[j].word)) return true;
  }
  return false;
}

/** A clause starts at the first token, after punctuation, or after "and"/"then". */
export function startsClause(tokens: readonly Token[], i: number): boolean {
  if (i === 0 || tokens[i].afterBreak) return true;
  return ["and", "then", "also"].includes(tokens[i - 1].word);
}
