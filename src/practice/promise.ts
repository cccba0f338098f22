/**
 * Over-promising: "I will find you affordable CBT" promises an outcome that depends on others.
 * Promise the effort instead: "I will research options for affordable CBT and make referrals if
 * any are available".
 *
 * A promise is a commitment verb (find, get, secure, guarantee, ensure, make sure, obtain) straight
 * after "will", "shall", "going to" or "promise to" (with only words like "definitely" between), an
 * instruction that starts with one ("Find a flat"), or "guarantee" anywhere. Negated or hedged
 * wording is not a promise: "I won't promise to find", "I will try to find", "no guarantee".
 * Finding out, getting back to someone, making sure to call: effort, not outcomes, so not flagged.
 */
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { isNegated, matchAt, phrases, startsClause, wordSet } from "./phrases.ts";
import type { Frame, Promised } from "./promise-frame.ts";
import { TIME, inClause, rewriteOf } from "./promise-rewrite.ts";
import { addKeyWords } from "./spelling.ts";
import type { Token } from "./words.ts";

const VERBS = phrases("find", "get", "secure", "guarantee", "ensure", "make sure", "make certain", "obtain", "sort * out with");
addKeyWords(["will", "shall", "going", "promise"]); // read by word below, so slips of them are caught too
const ABLE = phrases("be able to");
const FILLERS = wordSet("definitely certainly surely absolutely personally also then quickly soon immediately just actually always really totally");
const RECIPIENTS = phrases("you", "him", "her", "them", "me", "us", "the client", "client", "the family", "your family");
const DETERMINERS = wordSet("a an the some any more your his her their my our");
/** What follows "find"/"get" when it is effort rather than an outcome: "find out", "get back to you". */
const EFFORT = wordSet(
  "out information info detail option list contact number form time back in touch started ready together hold copy advice referral through on along involved answer leaflet website address direction there to",
);
/** After "make sure" / "ensure": "to call", "I call", "we meet" are about one's own effort. */
const OWN = wordSet("to i we");
const SUBJECTS = phrases("you", "the client", "client", "they", "he", "she", "your family", "the family", "your child", "your children");
const OUTCOMES = wordSet("get have receive keep find obtain secure");

export interface OverPromise {
  /** The promise, as written: "will find". */
  phrase: string;
  /** The same sentence promising effort instead, when it can be written cleanly. */
  rewrite?: string;
}

function modalAt(tokens: readonly Token[], i: number): { start: number; after: number } | undefined {
  const w = tokens[i].word;
  const next = tokens[i + 1]?.word;
  if (w === "will" || w === "shall") return { start: i, after: i + 1 };
  if (w === "going" && next === "to") return { start: i > 0 && tokens[i - 1].lemma === "be" ? i - 1 : i, after: i + 2 };
  if (["promise", "commit", "undertake", "pledge"].includes(tokens[i].lemma) && next === "to") return { start: i, after: i + 2 };
  return undefined;
}


function frameAt(tokens: readonly Token[], i: number): Frame | undefined {
  const modal = modalAt(tokens, i);
  if (modal) {
    if (isNegated(tokens, modal.start)) return undefined;
    let j = modal.after;
    while (inClause(tokens, j)) {
      if (FILLERS.has(tokens[j].word)) j++;
      else if (matchAt(tokens, j, ABLE) > 0) j += 3;
      else break;
    }
    const end = inClause(tokens, j) ? matchAt(tokens, j, VERBS) : -1;
    return end > 0 ? { kind: "modal", start: modal.start, after: end, verb: tokens[j].lemma } : undefined;
  }
  // "I promise you will have a flat" promises as "I guarantee" does ("I promise to find" is a modal, above)
  if (tokens[i].lemma === "guarantee" || (tokens[i].lemma === "promise" && tokens[i + 1] && !tokens[i + 1].afterBreak)) {
    if (isNegated(tokens, i)) return undefined;
    if (i > 0 && (tokens[i - 1].word === "i" || tokens[i - 1].word === "we") && !tokens[i].afterBreak) {
      return { kind: "subject", start: i - 1, after: i + 1, verb: "guarantee" };
    }
    if (tokens[i].lemma === "promise") return undefined; // "a promise of", "as promised": nothing to read
    const plain = tokens[i].word === "guarantee" && startsClause(tokens, i);
    return { kind: plain ? "instruction" : "bare", start: i, after: i + 1, verb: "guarantee" };
  }
  const end = startsClause(tokens, i) ? matchAt(tokens, i, VERBS) : -1;
  // Only the plain form is an instruction: "Find a flat", not "Found a flat" (done already).
  if (end > 0 && (tokens[i].word === tokens[i].lemma || tokens[i].word === "make")) {
    return { kind: "instruction", start: i, after: end, verb: tokens[i].lemma };
  }
  return undefined;
}
/** "the landlord does the repairs", "you will be housed": a subject with its own verb. */
const CLAUSE_VERBS = wordSet("be do will would get have pay give fix agree accept approve reinstate come");

/** "housing is found": the thing, promised in the passive. */
const PROMISED_PASSIVE = wordSet("found secured obtained got gotten guaranteed arranged provided given");

function isClause(tokens: readonly Token[], k: number): boolean {
  for (let j = k + 1; inClause(tokens, j) && j < k + 6; j++) {
    if (TIME.has(tokens[j].word)) return false;
    if (tokens[j].lemma === "be" && inClause(tokens, j + 1) && PROMISED_PASSIVE.has(tokens[j + 1].word)) return false;
    if (CLAUSE_VERBS.has(tokens[j].lemma) || (j > k + 1 && /ed$/.test(tokens[j].word) && tokens[j - 1].lemma === "be")) return true;
  }
  return false;
}

function promised(text: string, tokens: readonly Token[], f: Frame): Promised | undefined {
  let k = f.after;
  if (f.verb === "ensure" || f.verb === "make" || f.verb === "guarantee") {
    if (inClause(tokens, k) && tokens[k].word === "that") k++;
    if (inClause(tokens, k) && OWN.has(tokens[k].word)) return undefined;
    const subject = inClause(tokens, k) ? matchAt(tokens, k, SUBJECTS) : -1;
    if (subject > 0 && inClause(tokens, subject) && OUTCOMES.has(tokens[subject].lemma)) return { kind: "thing", from: subject + 1 };
    // "you will have a flat": the thing, promised in the future
    if (subject > 0 && inClause(tokens, subject + 1) && tokens[subject].word === "will" && OUTCOMES.has(tokens[subject + 1].lemma)) {
      return { kind: "thing", from: subject + 2 };
    }
    if (isClause(tokens, k)) return { kind: "clause", from: k };
    if (f.verb !== "guarantee") return { kind: "thing", from: k };
  }
  if (inClause(tokens, k) && EFFORT.has(tokens[k].lemma)) return undefined; // "find out", "get back to you"
  if (f.verb === "get") {
    for (let j = k + 1; j < k + 5 && inClause(tokens, j + 1); j++) {
      if (tokens[j].word === "to" && tokens[j + 1].script === "latin" && !DETERMINERS.has(tokens[j + 1].word)) return { kind: "causative", from: k, to: j };
    }
  }
  const recipient = inClause(tokens, k) ? matchAt(tokens, k, RECIPIENTS) : -1;
  if (recipient > 0) k = recipient;
  let d = k;
  while (inClause(tokens, d) && DETERMINERS.has(tokens[d].word)) d++;
  if (inClause(tokens, d) && EFFORT.has(tokens[d].lemma)) return undefined; // "get you the forms"
  // "find Ali a job": a name, then the thing
  let name = k;
  while (inClause(tokens, name) && /^\p{Lu}/u.test(text.slice(tokens[name].start, tokens[name].end)) && !DETERMINERS.has(tokens[name].word)) name++;
  if (recipient < 0 && name > k && inClause(tokens, name) && DETERMINERS.has(tokens[name].word)) return { kind: "thing", from: name, forWhom: [k, name] };
  return { kind: "thing", from: k };
}

/** The first over-promise in the text, or undefined. Reads English only; see language.ts. */
export const findOverPromise = memo(overPromiseIn);

function overPromiseIn(text: string): OverPromise | undefined {
  const { tokens, hasEnglish } = readEnglish(text);
  if (!hasEnglish) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const f = frameAt(tokens, i);
    if (!f) continue;
    const what: Promised | undefined = f.kind === "bare" ? { kind: "thing", from: f.after } : promised(text, tokens, f);
    if (!what) continue;
    // "I'll find": quote from "I", not from "'ll"
    const first = f.start > 0 && tokens[f.start - 1].end === tokens[f.start].start ? f.start - 1 : f.start;
    const phrase = text.slice(tokens[first].start, tokens[f.after - 1].end);
    return { phrase, rewrite: rewriteOf(text, tokens, f, what) };
  }
  return undefined;
}
