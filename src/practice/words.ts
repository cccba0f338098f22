/**
 * English words as the practice checks see them. Text is split into tokens that keep their place in
 * the original (so a rewrite can reuse what the person typed); each token is lower-cased, has its
 * contraction expanded ("won't" -> "will not"), a common misspelling corrected ("garantee" ->
 * "guarantee") and a lemma ("found" -> "find") for the words the checks care about.
 *
 * Only English is recognised. Other languages and scripts pass through as tokens that match no
 * English pattern, so they never produce a finding by accident (see language.ts).
 */
import { memo } from "./memo.ts";
import { NEAR_WORDS } from "./near-words.ts";
import { isKeyWord, nearestKey } from "./spelling.ts";
import { CONTRACTIONS, MISSPELLINGS, isKnownForm, lemmaOf } from "./vocabulary.ts";

export interface Token {
  /** Lower-cased, contraction expanded, spelling corrected. */
  word: string;
  /** The dictionary form for the words the checks know ("finding" -> "find"), else `word`. */
  lemma: string;
  /** Where the token sits in the original text: text.slice(start, end). */
  start: number;
  end: number;
  /** "latin" if it holds a Latin letter, "number" if only digits, else "other" (Arabic, Han, …). */
  script: "latin" | "number" | "other";
  /** True when punctuation such as . , ; : ! ? ( or a dash separates it from the token before. */
  afterBreak: boolean;
}

/** Curly and look-alike apostrophes all become ' so "won’t" reads like "won't". */
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u02B9\uFF07\u0060\u00B4]/g;
const WORD = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*/gu;
const BREAK = /[.,;:!?()[\]{}\u2013\u2014\u2026"\u201C\u201D\u00AB\u00BB\u3002\uFF0C\u060C\u061F]|\s-+\s/u;
const LATIN = /\p{Script=Latin}/u;
const DIGITS = /^\p{N}+$/u;

/**
 * One-for-one character swaps only, so offsets still point into the original text. NFKC (full-width
 * letters, ligatures) can change lengths, so it is applied to each token's copy instead.
 */
function prepare(text: string): string {
  return text.replace(APOSTROPHES, "'");
}

export function tokenize(text: string): Token[] {
  const prepared = prepare(text);
  const out: Token[] = [];
  let last = 0;
  for (const m of prepared.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    const between = prepared.slice(last, start);
    const afterBreak = out.length === 0 || BREAK.test(between);
    last = end;
    const pieces = readWord(m[0]);
    for (let i = 0; i < pieces.length; i++) {
      const { word, lemma, from, to, script } = pieces[i];
      out.push({ word, lemma, start: start + from, end: start + to, script, afterBreak: afterBreak && i === 0 });
    }
  }
  return out;
}

/** A token as readWord gives it, its span counted from the start of the word. */
interface Piece extends Pick<Token, "word" | "lemma" | "script"> {
  from: number;
  to: number;
}

/**
 * What a word as typed reads as. Remembered (see memo.ts): people use a few thousand words, so most
 * words of a new or changed text have been read before, and normalising, expanding and correcting
 * them again was about half the cost of reading it.
 */
const readWord = memo((typed: string): Piece[] => {
  const length = typed.length;
  const raw = typed.normalize("NFKC").toLowerCase();
  const script = DIGITS.test(raw) ? "number" : LATIN.test(raw) ? "latin" : "other";
  // NFKC or lower-casing can change a word's length ("ﬁ", "İ"); then its parts share its span.
  const pieces = raw.length === length ? expand(raw, 0, length) : expand(raw, 0, length).map((p) => ({ ...p, start: 0, end: length }));
  return pieces.map((piece) => {
    const word = script === "latin" ? correct(piece.word) : piece.word;
    return { word, lemma: lemmaOf(word), from: piece.start, to: piece.end, script };
  });
});

/** Splits a contraction into its words, each keeping the part of the original it came from. */
function expand(raw: string, start: number, end: number): { word: string; start: number; end: number }[] {
  const whole = CONTRACTIONS.get(raw);
  if (whole) return whole.map((word, i) => ({ word, start: i === 0 ? start : end, end }));
  const m = /^(.+?)(n't|'ll|'re|'ve|'m|'d|'s)$/.exec(raw);
  if (!m) return [{ word: raw, start, end }];
  const [, base, tail] = m;
  const cut = start + base.length;
  if (tail === "n't") return [{ word: base, start, end: cut }, { word: "not", start: cut, end }];
  if (tail === "'s") return [{ word: base, start, end: cut }]; // possessive or "is": neither matters here
  const rest = { "'ll": "will", "'re": "are", "'ve": "have", "'m": "am", "'d": "would" }[tail]!;
  return [{ word: base, start, end: cut }, { word: rest, start: cut, end }];
}

/**
 * Corrects a misspelling, keeping an inflection: "garanteed" -> "guaranteed", "atacks" ->
 * "attacks". Known slips first (vocabulary.ts), then a near word of the checks' vocabulary
 * (spelling.ts).
 */
export function correct(word: string): string {
  const direct = MISSPELLINGS.get(word);
  if (direct) return direct;
  if (isKnownForm(word)) return word; // "guarantees" is not "guarante" + "es"
  for (const suffix of SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const fixed = MISSPELLINGS.get(word.slice(0, -suffix.length));
      if (fixed) return inflect(fixed, suffix);
    }
  }
  if (isKeyWord(word) || NEAR_WORDS.has(word)) return word;
  const near = nearestKey(word);
  if (near) return near;
  for (const suffix of SUFFIXES) {
    if (word.length > suffix.length + 4 && word.endsWith(suffix)) {
      const fixed = nearestKey(word.slice(0, -suffix.length));
      if (fixed) return inflect(fixed, suffix);
    }
  }
  return word;
}

const SUFFIXES = ["ing", "ed", "es", "d", "s", "ly"];

/** guarantee + ing -> guaranteeing, secure + ing -> securing, receive + ed -> received. */
function inflect(base: string, suffix: string): string {
  if (!base.endsWith("e")) return base + suffix;
  if (suffix === "ed" || suffix === "es") return base + suffix.slice(1);
  if (suffix === "ing" && !base.endsWith("ee")) return base.slice(0, -1) + suffix;
  return base + suffix;
}

/** For comparing labels typed twice ("Housing at risk" and "housing at risk."): case, spaces, punctuation. */
export function sameLabel(a: string, b: string): boolean {
  const ka = labelKey(a);
  return ka.length > 0 ? ka === labelKey(b) : a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Every priority issue is compared with every goal's and declined area's issue: read each label once. */
const labelKey = memo((label: string) =>
  tokenize(label)
    .map((t) => t.word)
    .join(" "),
);

/** The original text of tokens [from, to), exactly as typed. */
export function sliceOf(text: string, tokens: readonly Token[], from: number, to: number): string {
  if (from >= to) return "";
  return text.slice(tokens[from].start, tokens[to - 1].end);
}
