/**
 * Time in English wording: does a text say when (a time frame), and how far ahead does it reach?
 */
import { daysBetween, isIsoDate } from "./dates.ts";
import { type Phrase, matchAt, phrases, wordSet } from "./phrases.ts";
import type { Token } from "./words.ts";

const MONTHS = wordSet(
  "january february march april june july august september october november december jan feb apr jun jul aug sep sept oct nov",
);
const WEEKDAYS = wordSet("monday tuesday wednesday thursday friday saturday sunday");
const SEASONS = wordSet("spring summer autumn winter christmas easter ramadan eid diwali term semester");
/** Maps, not plain objects: a word such as "constructor" must not find Object.prototype's. */
const TIME_UNITS: ReadonlyMap<string, number> = new Map(Object.entries({ day: 1, week: 7, fortnight: 14, month: 30, term: 120, semester: 180, year: 365 }));
const ALONE = wordSet("today tomorrow tonight deadline");
const FREQUENCIES = wordSet("daily weekly fortnightly monthly yearly annually");
const EVERY = wordSet("every each per");
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(Object.entries({
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, eighteen: 18, twenty: 20, few: 3, couple: 2, several: 3, next: 1, this: 1, coming: 1,
  every: 1, each: 1, per: 1,
}));
/** Words that start a time limit: "by March", "within six weeks", "until she moves in". */
const LIMITS: Phrase[] = phrases("by", "before", "within", "until", "till", "no later than", "not later than", "end of", "in time for");
/** "by myself", "by the council": "by" that is not about time. */
const NOT_TIME_AFTER_BY = wordSet("myself yourself himself herself themselves ourselves me you him her them us my your his their our");
const IN_MONTH = wordSet("in of since from early late mid end");

const DATE_TEXT = [/\b\d{4}-\d{1,2}-\d{1,2}\b/, /\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b/, /\b(?:19|20)\d{2}\b/];

function isUnit(t: Token): number | undefined {
  return TIME_UNITS.get(t.lemma) ?? TIME_UNITS.get(t.word.replace(/s$/, ""));
}

/** A time word at token i: a month, weekday, season, or "<number> weeks" (and "weekly", "every week" if frequencies count). */
function timeWordAt(tokens: readonly Token[], i: number, frequencies = true): boolean {
  const t = tokens[i];
  if (MONTHS.has(t.word) || WEEKDAYS.has(t.word) || SEASONS.has(t.word) || ALONE.has(t.word)) return true;
  if (FREQUENCIES.has(t.word)) return frequencies;
  // "may" is a month only after "in", "by", "of" … ("in May", "by May"), not as in "I may".
  if (t.word === "may" && i > 0 && (IN_MONTH.has(tokens[i - 1].word) || tokens[i - 1].word === "by")) return true;
  if (isUnit(t) !== undefined && i > 0) {
    const before = tokens[i - 1];
    const counted = before.script === "number" || NUMBER_WORDS.has(before.word) || (i > 1 && NUMBER_WORDS.has(tokens[i - 2].word));
    const often = EVERY.has(before.word) || (i > 1 && EVERY.has(tokens[i - 2].word));
    return counted && (frequencies || !often);
  }
  return false;
}

/**
 * True if the text says when: a date, a month, "within six weeks", "by the review", "until …".
 * With `frequencies: false`, "weekly" and "every month" do not count (they say how often, not until when).
 */
export function hasTimeFrame(text: string, tokens: readonly Token[], options: { frequencies?: boolean } = {}): boolean {
  const frequencies = options.frequencies ?? true;
  if (DATE_TEXT.some((re) => re.test(text))) return true;
  for (let i = 0; i < tokens.length; i++) {
    if (timeWordAt(tokens, i, frequencies)) return true;
    const end = matchAt(tokens, i, LIMITS);
    if (end < 0 || end >= tokens.length || tokens[end].afterBreak) continue;
    const next = tokens[end];
    if (tokens[i].word === "until" || tokens[i].word === "till") return true;
    if (tokens[i].word === "by" && NOT_TIME_AFTER_BY.has(next.word)) continue;
    // "by the end of June", "before the hearing", "within a month": look a few words on.
    for (let k = end; k < Math.min(tokens.length, end + 4); k++) {
      if (k > end && tokens[k].afterBreak) break;
      if (timeWordAt(tokens, k, frequencies) || tokens[k].script === "number" || isUnit(tokens[k]) !== undefined) return true;
      if (wordSet("end time review hearing appointment move start then").has(tokens[k].lemma)) return true;
    }
  }
  return false;
}

/** How far ahead the words reach: the longest span they name, in days, and the dates and years they name. */
export interface Reach {
  readonly days: number;
  readonly dates: readonly string[];
}

/**
 * What reaches ahead in the words: "a three-year diploma" -> 1095 days, "by 2030" -> 2030-01-01.
 * Apart from the plan date, so it can be read once per text (see memo.ts).
 */
export function reachOf(text: string, tokens: readonly Token[]): Reach {
  let most = 0;
  for (let i = 0; i < tokens.length; i++) {
    const unit = isUnit(tokens[i]);
    if (unit === undefined) continue;
    const before = i > 0 ? tokens[i - 1] : undefined;
    let n: number | undefined;
    if (before?.script === "number") n = Number(before.word);
    else if (before && NUMBER_WORDS.has(before.word) && !["next", "this", "coming", "every", "each", "per"].includes(before.word)) n = NUMBER_WORDS.get(before.word);
    // "years" with no number ("in years", "over the years") is a long way off
    else if (tokens[i].word.endsWith("s") && unit >= 365) n = 2;
    if (n !== undefined && Number.isFinite(n)) most = Math.max(most, n * unit);
  }
  const dates: string[] = [];
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    if (isIsoDate(m[0])) dates.push(m[0]);
  }
  for (const m of text.matchAll(/\b((?:19|20)\d{2})\b(?!-\d)/g)) dates.push(`${m[1]}-01-01`);
  return { days: most, dates };
}

/** The furthest reach in days from the plan date; 0 if the words name no span. */
export function reachInDays(reach: Reach, planDate: string): number {
  return reach.dates.reduce((most, date) => Math.max(most, daysBetween(planDate, date)), reach.days);
}

/** Words that start a deadline a rewrite can keep: "by March", "before the baby comes", "within two weeks". */
const DEADLINE = wordSet("by before within");

/**
 * The deadline in the words, exactly as typed ("by the end of the month"), to the end of its
 * clause; undefined if there is none ("by myself" is not one).
 */
export function timeLimit(text: string, tokens: readonly Token[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!DEADLINE.has(tokens[i].word) || i + 1 >= tokens.length || tokens[i + 1].afterBreak) continue;
    let end = i + 1;
    while (end < tokens.length && !tokens[end].afterBreak) end++;
    const clause = tokens.slice(i, end);
    const said = text.slice(tokens[i].start, tokens[end - 1].end);
    if (hasTimeFrame(said, clause.map((t) => ({ ...t, start: t.start - tokens[i].start, end: t.end - tokens[i].start })), { frequencies: false })) return said;
  }
  return undefined;
}
