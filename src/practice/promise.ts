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
import type { Token } from "./words.ts";

const VERBS = phrases("find", "get", "secure", "guarantee", "ensure", "make sure", "obtain");
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
const OUTCOMES = wordSet("get have receive keep find obtain secure be");
const TIME = wordSet("by before within until till");
const CONJUNCTIONS = wordSet("and so because which when if once as but or");

export interface OverPromise {
  /** The promise, as written: "will find". */
  phrase: string;
  /** The same sentence promising effort instead, when it can be written cleanly. */
  rewrite?: string;
}

interface Frame {
  /**
   * modal: "… will find"; subject: "I guarantee …"; instruction: "Find a flat";
   * bare: "a guaranteed place" (a promise, but no sentence to rewrite).
   */
  kind: "modal" | "subject" | "instruction" | "bare";
  /** First token of the promise: "will", "I" in "I guarantee", or the verb of an instruction. */
  start: number;
  /** First token after the commitment verb. */
  after: number;
  verb: string;
}

function modalAt(tokens: readonly Token[], i: number): { start: number; after: number } | undefined {
  const w = tokens[i].word;
  const next = tokens[i + 1]?.word;
  if (w === "will" || w === "shall") return { start: i, after: i + 1 };
  if (w === "going" && next === "to") return { start: i > 0 && tokens[i - 1].lemma === "be" ? i - 1 : i, after: i + 2 };
  if (["promise", "commit", "undertake", "pledge"].includes(tokens[i].lemma) && next === "to") return { start: i, after: i + 2 };
  return undefined;
}

const inClause = (tokens: readonly Token[], k: number) => k < tokens.length && !tokens[k].afterBreak;

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
  if (tokens[i].lemma === "guarantee") {
    if (isNegated(tokens, i)) return undefined;
    if (i > 0 && (tokens[i - 1].word === "i" || tokens[i - 1].word === "we") && !tokens[i].afterBreak) {
      return { kind: "subject", start: i - 1, after: i + 1, verb: "guarantee" };
    }
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
/** Where the thing promised starts, skipping "you", "the client" …; -1 if the words promise effort. */
function objectStart(tokens: readonly Token[], f: Frame): number {
  let k = f.after;
  if (f.verb === "ensure" || f.verb === "make") {
    if (inClause(tokens, k) && tokens[k].word === "that") k++;
    if (inClause(tokens, k) && OWN.has(tokens[k].word)) return -1;
    const subject = inClause(tokens, k) ? matchAt(tokens, k, SUBJECTS) : -1;
    return subject > 0 && inClause(tokens, subject) && OUTCOMES.has(tokens[subject].lemma) ? subject + 1 : k;
  }
  if (inClause(tokens, k) && EFFORT.has(tokens[k].lemma)) return -1; // "find out", "get back to you"
  const recipient = inClause(tokens, k) ? matchAt(tokens, k, RECIPIENTS) : -1;
  if (recipient > 0) k = recipient;
  let d = k;
  while (inClause(tokens, d) && DETERMINERS.has(tokens[d].word)) d++;
  return inClause(tokens, d) && EFFORT.has(tokens[d].lemma) ? -1 : k; // "get you the forms"
}

/** The same words promising effort: "… will research options for <object> … and make referrals if any are available". */
function rewriteOf(text: string, tokens: readonly Token[], f: Frame, from: number): string | undefined {
  if (f.kind === "bare" || !inClause(tokens, from)) return undefined;
  let end = from + 1;
  while (inClause(tokens, end) && !TIME.has(tokens[end].word) && !CONJUNCTIONS.has(tokens[end].word) && tokens[end].lemma !== "be") end++;
  let clauseEnd = end;
  while (inClause(tokens, clauseEnd)) clauseEnd++;
  const objectEnd = tokens[end - 1].end;
  const clauseEndOffset = tokens[clauseEnd - 1].end;
  let tail = "";
  let rest = text.slice(objectEnd);
  if (end < clauseEnd && TIME.has(tokens[end].word)) {
    tail = text.slice(objectEnd, clauseEndOffset); // keep "by 2027-01-15"
    rest = text.slice(clauseEndOffset);
  } else if (end < clauseEnd && !CONJUNCTIONS.has(tokens[end].word)) {
    // leftover words such as "is found by March": drop them, keep the time limit
    const t = tokens.slice(end, clauseEnd).findIndex((x) => TIME.has(x.word));
    tail = t >= 0 ? " " + text.slice(tokens[end + t].start, clauseEndOffset) : "";
    rest = text.slice(clauseEndOffset);
  }
  const effort = `options for ${text.slice(tokens[from].start, objectEnd)}${tail} and make referrals if any are available${rest}`;
  const first = tokens[f.start];
  if (f.kind === "instruction") {
    const capital = /^\p{Lu}/u.test(text.slice(first.start, first.end));
    return `${text.slice(0, first.start)}${capital ? "Research" : "research"} ${effort}`;
  }
  let lead = f.kind === "subject" ? text.slice(0, first.end) : text.slice(0, first.start).trimEnd();
  // "You will get a flat" is still the worker's promise: say it as theirs.
  const before = tokens[f.start - 1];
  if (f.kind === "modal" && before?.word === "you" && lead.endsWith(text.slice(before.start, before.end))) {
    lead = text.slice(0, before.start) + "I";
  }
  return lead ? `${lead} will research ${effort}` : `Will research ${effort}`;
}

/** The first over-promise in the text, or undefined. Reads English only; see language.ts. */
export const findOverPromise = memo(overPromiseIn);

function overPromiseIn(text: string): OverPromise | undefined {
  const { tokens, hasEnglish } = readEnglish(text);
  if (!hasEnglish) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const f = frameAt(tokens, i);
    if (!f) continue;
    const from = f.kind === "bare" ? f.after : objectStart(tokens, f);
    if (from < 0) continue;
    // "I'll find": quote from "I", not from "'ll"
    const first = f.start > 0 && tokens[f.start - 1].end === tokens[f.start].start ? f.start - 1 : f.start;
    const phrase = text.slice(tokens[first].start, tokens[f.after - 1].end);
    return { phrase, rewrite: rewriteOf(text, tokens, f, from) };
  }
  return undefined;
}
