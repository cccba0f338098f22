/**
 * Whether a suggested rewrite reads as one plain sentence a worker could sign: a capital at the
 * start, a full stop at the end and nowhere else, its subject named once ("I will research …",
 * never "will I will research …"), no word twice in a row, and nothing left of the machinery that
 * built it (braces, placeholders, "undefined"). The property test and `npm run practice:eval` hold
 * every rewrite to it.
 */

/** What is wrong with the sentence, in words; empty when it reads well. */
export function sentenceProblems(text: string): string[] {
  const problems: string[] = [];
  const t = text.trim();
  if (t !== text) problems.push("has spaces at an end");
  if (!/^[\p{Lu}\p{Lt}]/u.test(t)) problems.push("does not start with a capital");
  if (!t.endsWith(".") || /[.!?]\s*\.$/u.test(t)) problems.push("does not end with one full stop");
  // A second sentence: a full stop, question or exclamation mark followed by more words.
  if (/[.!?]["”’)]?\s+\S/u.test(t)) problems.push("is more than one sentence");
  if ((t.match(/\b(?:will|shall)\b/giu) ?? []).length > 1) problems.push("names its subject and verb more than once");
  const doubled = /\b(\p{L}+)\s+\1\b/iu.exec(t);
  if (doubled) problems.push(`repeats “${doubled[1]}”`);
  if (/[{}<>[\]|\\]|\$\{|%[sd]|\b(?:undefined|null|NaN)\b|\[object/u.test(t)) problems.push("holds template syntax");
  if (/\s[,.;:]|,,|\s{2,}/u.test(t)) problems.push("has stray spacing or punctuation");
  return problems;
}
