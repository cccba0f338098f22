/**
 * Real typing: "fnd you a councellor", "gaurantee", "atacks". A word the checks do not know is
 * read as the word they look for that it is nearest to, when it is near enough that a slip of the
 * keys explains it, measured by edit distance (fastest-levenshtein):
 * - same first letter (people rarely get that wrong, and it keeps "career" away from "carer");
 * - one edit for words of five to eight letters, or two letters swapped ("stabel");
 * - two edits from nine letters on ("gaurantee");
 * - a word typed without its vowels ("fnd", "hlp"), or a short word missing one letter ("wil"),
 *   when exactly one word of the vocabulary fits.
 * Only the checks' own vocabulary is a target (registered by phrases.ts and vocabulary.ts), and
 * real words near it (NEAR_WORDS) are never changed: "counsel" stays "counsel".
 */
import { distance } from "fastest-levenshtein";
import { NEAR_WORDS } from "./near-words.ts";

const keys = new Set<string>();
let byFirst: Map<string, string[]> | undefined;

/** Adds words the checks look for. Called as the checks' phrase lists are built, before any text is read. */
export function addKeyWords(words: Iterable<string>): void {
  for (const w of words) {
    if (/^[a-z]{4,}$/.test(w) && !keys.has(w)) {
      keys.add(w);
      byFirst = undefined;
    }
  }
}

function index(): Map<string, string[]> {
  if (byFirst) return byFirst;
  byFirst = new Map();
  for (const k of keys) {
    const list = byFirst.get(k[0]);
    if (list) list.push(k);
    else byFirst.set(k[0], [k]);
  }
  return byFirst;
}

const VOWELS = /[aeiouy]/g;

function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Whether the checks look for this word as it is. */
export function isKeyWord(word: string): boolean {
  return keys.has(word);
}

function prefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/** The vocabulary word a typed word is a slip of, or undefined. `word` is lower case. */
export function nearestKey(word: string): string | undefined {
  return NEAR_WORDS.has(word) ? undefined : nearestAny(word);
}

/** As nearestKey, real words included: scripts/practice-near-words.ts lists the real words this would change. */
export function nearestAny(word: string): string | undefined {
  if (word.length < 3 || keys.has(word) || !/^[a-z]+$/.test(word)) return undefined;
  const candidates = index().get(word[0]) ?? [];
  if (!/[aeiouy]/.test(word)) {
    const fits = candidates.filter((k) => k.length <= 6 && k.replace(VOWELS, "") === word);
    return fits.length === 1 ? fits[0] : undefined;
  }
  if (word.length < 5) {
    // "wil", "bak": a short word missing one letter of a vocabulary word
    const fits = candidates.filter((k) => k.length === word.length + 1 && k.length <= 5 && distance(k, word) === 1);
    return fits.length === 1 ? fits[0] : undefined;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const k of candidates) {
    if (k.length < 4 || Math.abs(k.length - word.length) > 2) continue;
    const allowed = Math.min(k.length, word.length) >= 9 ? 2 : 1;
    const d = swapped(k, word) ? 1 : distance(k, word);
    if (d > allowed) continue;
    // Equally near: the one that shares more of its start with the typed word ("finde": find, not fine).
    if (d < bestDistance || (d === bestDistance && prefix(k, word) > prefix(best!, word))) {
      best = k;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && prefix(k, word) === prefix(best!, word)) tie = true;
  }
  return tie ? undefined : best;
}
