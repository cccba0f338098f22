/**
 * An over-promise said again as effort, built from its parts (rewrite.ts): a thing hoped for
 * becomes research and referrals ("I will research options for a flat by March and make
 * referrals if any are available."), an outcome others decide becomes following it up ("I will
 * follow up on whether the landlord accepts the plan and report back."). The words of the thing
 * and the deadline are kept as typed.
 */
import type { Frame, Promised } from "./promise-frame.ts";
import { wordSet } from "./phrases.ts";
import { sentence } from "./rewrite.ts";
import { thirdPerson } from "./vocabulary.ts";
import type { Token } from "./words.ts";

/** Words that start a time limit, which ends the thing promised: "a flat by March". */
export const TIME = wordSet("by before within until till");
const CONJUNCTIONS = wordSet("and so because which when if once as but or");
const PLURAL_SUBJECTS = wordSet("you they we");
const PLACE_WORDS: ReadonlyMap<string, string> = new Map([["into", "in"], ["in", "in"], ["onto", "on"], ["on", "on"], ["at", "at"]]);

export const inClause = (tokens: readonly Token[], k: number) => k < tokens.length && !tokens[k].afterBreak;

/** Clause words that end a subject when reading back from "will": "I can't say when, but I will …". */
const CLAUSE_STARTS = wordSet("but and so then however although though because");

/** The subject of the promise and the words kept before it; no subject for an instruction. */
function whoOf(text: string, tokens: readonly Token[], f: Frame): { lead?: string; who?: string } {
  const first = tokens[f.start];
  if (f.kind === "instruction") return { lead: text.slice(0, first.start) };
  if (f.kind === "subject") return { lead: text.slice(0, first.start), who: first.word };
  let j = f.start - 1;
  while (j >= 0 && !CLAUSE_STARTS.has(tokens[j].word) && !/[.;:!?]\s*$/.test(text.slice(0, tokens[j + 1].start))) j--;
  const s = j + 1;
  if (s >= f.start) return { lead: text.slice(0, first.start) };
  const lead = text.slice(0, tokens[s].start);
  const w = tokens[s].word;
  // "You will get a flat" is still the worker's promise: say it as theirs.
  if (w === "i" || w === "we" || w === "you") return { lead, who: w === "you" ? "I" : w };
  return { lead, who: text.slice(tokens[s].start, first.start).replace(/[\s,]+$/u, "").replace(/['’]$/u, "") };
}

/** The same promise, made as effort: research and referrals for a thing, following up on an outcome. */
export function rewriteOf(text: string, tokens: readonly Token[], f: Frame, what: Promised): string | undefined {
  if (f.kind === "bare" || !inClause(tokens, what.from)) return undefined;
  const { lead, who } = whoOf(text, tokens, f);
  const from = what.from;
  let end = from + 1;
  const stop = (t: Token) => TIME.has(t.word) || (what.kind === "thing" && (CONJUNCTIONS.has(t.word) || t.lemma === "be"));
  while (inClause(tokens, end) && !stop(tokens[end])) end++;
  let clauseEnd = end;
  while (inClause(tokens, clauseEnd)) clauseEnd++;
  // by when, as typed: "by 2027-01-15", "before Christmas" (leftovers such as "is found" are dropped)
  const t = tokens.slice(end, clauseEnd).findIndex((x) => TIME.has(x.word));
  const when = t >= 0 ? text.slice(tokens[end + t].start, tokens[clauseEnd - 1].end) : undefined;
  let object = text.slice(tokens[from].start, tokens[end - 1].end);
  if (what.kind === "causative") {
    // "the council to rehouse you" -> "the council rehouses you"
    const verb = tokens[what.to + 1];
    const plural = PLURAL_SUBJECTS.has(tokens[what.to - 1].word);
    const acts = text.slice(tokens[from].start, tokens[what.to].start) + (plural ? verb.word : thirdPerson(verb.lemma)) + text.slice(verb.end, tokens[Math.max(end, what.to + 2) - 1].end);
    return sentence({ lead, who, verb: "follow up on whether", what: acts, when, then: "report back" });
  }
  if (what.kind === "clause") {
    // "you will be housed" -> "you are housed", "the landlord will accept" -> "the landlord accepts":
    // the sentence keeps one "will", the worker's
    const modal = tokens.slice(from, end).findIndex((x) => x.word === "will" || x.word === "would");
    if (modal > 0) {
      const m = tokens[from + modal];
      const verb = tokens[from + modal + 1];
      if (!verb || verb.afterBreak || from + modal + 1 >= end) return undefined;
      const plural = PLURAL_SUBJECTS.has(tokens[from + modal - 1].word);
      const said = verb.lemma === "be" ? (plural ? "are" : "is") : plural ? verb.word : thirdPerson(verb.lemma);
      object = text.slice(tokens[from].start, m.start) + said + text.slice(verb.end, tokens[end - 1].end);
    }
    return sentence({ lead, who, verb: "follow up on whether", what: object, when, then: "report back" });
  }
  // "get your benefits back": something to restore, not options to research
  if (tokens[end - 1].word === "back" && end - 1 > from) {
    return sentence({ lead, who, verb: "ask about getting", what: object, when, then: "tell you the answer" });
  }
  if (what.forWhom) object += ` for ${text.slice(tokens[what.forWhom[0]].start, tokens[what.forWhom[1] - 1].end)}`;
  // "get you into the hostel": what is hoped for is a place there
  const place = PLACE_WORDS.get(tokens[from].word);
  if (place) {
    const where = text.slice(tokens[from].end, tokens[end - 1].end).trim();
    // "into a rehab place" is a place already; "into the hostel" is a place in it
    object = /\b(place|bed|space|spot|room)s?$/i.test(where) ? where : `a place ${place} ${where}`;
  }
  return sentence({ lead, who, verb: "research options for", what: object, when, then: "make referrals if any are available" });
}
