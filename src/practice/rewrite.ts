/**
 * Suggested wording, built from its parts (who, what they will do, to what, by when, and what
 * follows) rather than by pasting words into a sentence, so it always reads as one sentence:
 * "I will research options for a counsellor by March and make referrals if any are available."
 * The words a person typed (the thing hoped for, the date) go in as they are; only the frame
 * around them is Coplan's.
 */

export interface Parts {
  /** Words kept from before the promise: "I can't say when, but". */
  lead?: string;
  /** Who does it: "I", "Jo Smith (case manager)". None for an instruction ("Research options …"). */
  who?: string;
  /** What they will do: "research options for", "refer you to". */
  verb: string;
  /** To what: "a counsellor", as typed. */
  what?: string;
  /** By when, as typed: "by the end of the month". */
  when?: string;
  /** What follows: "make referrals if any are available". */
  then?: string;
}

/** "i" and "we" as the start of a sentence would write them; a name stays as typed. */
export function subject(typed: string): string {
  const t = typed.trim();
  if (/^i$/i.test(t)) return "I";
  if (/^we$/i.test(t)) return "We";
  return t;
}

function capitalise(s: string): string {
  return s.replace(/^(\P{L}*)(\p{L})/u, (_m, pre: string, first: string) => pre + first.toUpperCase());
}

/** Trailing punctuation and spaces off a typed part, so the sentence ends with one full stop. */
function trimmed(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, " ").replace(/^[\s,;:]+|[\s.,;:!?]+$/gu, "");
  return t ? t : undefined;
}

export function sentence(p: Parts): string {
  const lead = trimmed(p.lead);
  const who = trimmed(p.who);
  const what = trimmed(p.what);
  const when = trimmed(p.when);
  const then = trimmed(p.then);
  const act = who ? `${subject(who)} will ${p.verb}` : p.verb;
  const body = [act, what, when, then ? `and ${then}` : undefined].filter(Boolean).join(" ");
  const text = lead ? `${lead} ${body}` : body;
  return capitalise(text) + ".";
}
