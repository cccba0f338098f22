/**
 * Goals: SMART (specific, measurable, time-bound), and every priority issue accounted for.
 *
 * A goal's checks read the worker's restatement when there is one. Without it they read the
 * client's words, which are recorded verbatim and may well be a broad hope: the message then says
 * so kindly and asks for a restatement beside them, never a change to what the client said.
 */
import type { Goal, PlanData } from "../domain/plan.ts";
import { msg } from "../i18n/translator.ts";
import { goalText, whereToWrite } from "./goal-text.ts";
import { type Finding, finding, shorten } from "./findings.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { findAffirmed, isNegated, phrases, wordSet } from "./phrases.ts";
import { checkReach, checkReachByDates } from "./reach.ts";
import { checkScope } from "./scope.ts";
import { addKeyWords } from "./spelling.ts";
import { cannotRead } from "./text-language.ts";
import { hasTimeFrame } from "./time.ts";
import { type Token, sameLabel, sliceOf } from "./words.ts";

const VAGUE = phrases(
  "be better", "feel better", "get better", "do better", "be much better", "feel much better", "feel a lot better",
  "feel so much better", "be a lot better", "do a lot better", "be ok", "be okay", "be alright", "be fine", "be normal",
  "be happy", "be happier", "feel good", "feel ok", "feel okay", "feel normal", "feel happy", "feel happier", "feel fine",
  "sort * life out", "sort out * life", "sort * life", "sort myself out", "sort himself out", "sort herself out", "sort themselves out",
  "sort things out", "sort out things", "sort everything out", "sort out everything", "sort stuff out", "sort out stuff",
  "sort it all out", "sort it out", "sort * head out", "sort * situation", "sort out * situation", "sort * whole life out",
  "get * life together", "get * life back", "get * life on track", "get * life in order", "get * life sorted", "get back on track",
  "get on track", "get back on * feet", "get it together", "get myself together", "get himself together", "get herself together",
  "get themselves together", "get things together", "get * act together", "get sorted", "get things sorted", "get everything sorted",
  "get it all sorted", "get * head straight", "get * head together", "get * head sorted", "turn * life around", "improve * life",
  "improve things", "improve everything", "improve * situation", "improve * circumstances", "make things better", "make everything better",
  "make life better", "make * life better", "a better life", "be a better person", "move on", "fix everything", "fix * life", "fix things",
  "be more positive", "feel more positive", "things to get better", "things to be better", "be in a better place",
  "deal with things", "deal with everything", "deal with stuff", "deal with it all", "deal with life", "handle things",
  "handle everything", "handle it all", "cope with things", "cope with everything", "work on * issues", "work on myself",
  "work on things", "work on stuff", "work on * problems", "in control", "in a good place",
  "things to calm down", "things calm down", "move forward", "move forward with * life", "a better future", "better future",
  "out of trouble", "on the right path", "on the right track", "turn things around", "back to normal", "get * life back to normal",
  "a fresh start", "a new start", "start again", "a better life", "a better state", "be a better mum", "be a better dad",
  "be a better parent", "be a better mother", "be a better father", "on top of things", "on top of everything", "get through this", "get through it",
  "get through the winter", "get through the day", "get through each day",
);
/** Words that leave an aim unsaid however it is put: "deal with my debts somehow", "the money stuff". */
const HEDGES = phrases("somehow", "some way", "one way or another", "in general", "generally", "stuff", "things in general");
/** A state of being rather than something that happens: "be more stable", "feel settled", "a more stable life". */
const STATES = wordSet("stable stabler settled secure better ok okay alright fine normal happy happier good positive sorted");
/** What a state follows when it is the aim: "be", "feel", "get", "a … life". */
const STATE_LEADS = wordSet("be feel get become stay have life thing everything");
const INTENSIFIERS = wordSet("more much lot a so really bit little just very abit");
/** After a state, words that keep it a state ("stable again", "happy in general"), not a description ("a better job"). */
const STATE_FOLLOWS = wordSet(
  "again in than about and or now soon overall generally for with by before within until at this next so because like as when after mentally emotionally financially life lives person place",
);
addKeyWords([...STATES, "somehow", "stuff"]);

/** "be more stable", "feel settled", "have a more stable life": a state, not negated. */
function namesAState(tokens: readonly Token[]): boolean {
  for (let i = 1; i < tokens.length; i++) {
    if (!STATES.has(tokens[i].word) || tokens[i].afterBreak) continue;
    const next = tokens[i + 1];
    if (next && !next.afterBreak && !STATE_FOLLOWS.has(next.lemma)) continue;
    let j = i - 1;
    while (j > 0 && INTENSIFIERS.has(tokens[j].word) && !tokens[j + 1].afterBreak) j--;
    if (tokens[j + 1].afterBreak && j + 1 <= i - 1) continue;
    if (STATE_LEADS.has(tokens[j].lemma) && !isNegated(tokens, j)) return true;
  }
  return false;
}

/** The words, as typed, that make the goal a broad hope; empty if it is not one. */
function vagueWords(text: string, tokens: readonly Token[]): string[] {
  const spans = [...findAffirmed(tokens, VAGUE), ...findAffirmed(tokens, HEDGES)];
  const words = spans.map((sp) => sliceOf(text, tokens, sp.start, sp.end));
  if (words.length === 0 && namesAState(tokens)) words.push(text.trim());
  return words;
}

/** Signs that the outcome can be seen or counted. */
const NUMBERISH = wordSet(
  "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand once twice half dozen daily weekly monthly fortnightly every each per times",
);
const CONCRETE_VERBS = wordSet(
  "apply attend enrol enroll register complete finish submit sign move pay save open start obtain keep find join book call visit pass earn buy return claim receive collect renew fill contact meet see stay quit graduate land secure clear reduce increase walk cook",
);
const CONCRETE_NOUNS = wordSet(
  "job flat apartment house home tenancy lease room place course class diploma degree certificate licence license doctor gp appointment benefit account id passport rent bill debt arrear school college university application form referral interview shelter pass card visa payment deposit landlord therapist counsellor counselor",
);

function measurable(text: string, tokens: readonly Token[]): boolean {
  if (/[\d$£€%]/.test(text)) return true;
  return tokens.some((t) => NUMBERISH.has(t.word) || CONCRETE_VERBS.has(t.lemma) || CONCRETE_NOUNS.has(t.lemma));
}

/** What the goal's words say, apart from the plan around them. */
const readGoal = memo((text: string) => {
  const { tokens, hasEnglish, whollyEnglish } = readEnglish(text);
  return {
    hasEnglish,
    whollyEnglish,
    vague: hasEnglish ? vagueWords(text, tokens) : [],
    // both are read only when a missing one counts, in wholly English words
    measurable: whollyEnglish && measurable(text, tokens),
    timeFrame: whollyEnglish && hasTimeFrame(text, tokens),
  };
});

export function checkGoal(goal: Goal, data: PlanData): Finding[] {
  const g = goalText(goal);
  const read = readGoal(g.text);
  const where = { section: "goals" as const, itemId: goal.id };
  // The wording checks read English only (language.ts). Words they cannot read are said to be
  // unchecked rather than passed in silence, and the goal's reach is read from its dates instead.
  const unread = cannotRead(g.text, data.setup.clientLanguage, read.hasEnglish)
    ? [finding("goal-words-unchecked", where, msg("coaching.finding.goalUnchecked", { source: g.source })), ...checkReachByDates(goal.id, where, data, g.source)]
    : [];
  if (!read.hasEnglish) return unread;
  const out: Finding[] = [...unread];
  const dated = data.actions.some((a) => a.goalId === goal.id && a.targetDate.kind !== "ongoing");
  const untimed = read.whollyEnglish && !dated && !read.timeFrame;
  if (read.vague.length > 0) {
    // A broad hope with no time frame is one thing to fix, said once: the aim first, then the when.
    out.push(finding("goal-vague", where, msg("coaching.finding.goalVague", { source: g.source, untimed: untimed ? "yes" : "no", where: whereToWrite(g.source) }),
      undefined, { triggers: read.vague, covers: untimed ? ["goal-time-frame"] : [] }));
  } else if (read.whollyEnglish && !read.measurable) {
    out.push(finding("goal-measurable", where, msg("coaching.finding.goalMeasurable", { where: whereToWrite(g.source) })));
  }
  if (untimed && read.vague.length === 0) {
    out.push(finding("goal-time-frame", where, msg("coaching.finding.goalTimeFrame", { source: g.source })));
  }
  out.push(...checkScope(g, where), ...checkReach(g, where, data.setup));
  return out;
}

export function checkPriorityIssues(data: PlanData): Finding[] {
  const seen: string[] = [];
  const out: Finding[] = [];
  for (const issue of data.setup.priorityIssues) {
    if (seen.some((s) => sameLabel(s, issue))) continue;
    seen.push(issue);
    const answered = data.goals.some((g) => sameLabel(g.issue, issue)) || data.declined.some((d) => sameLabel(d.issue, issue));
    if (answered) continue;
    out.push(finding("priority-issue-unaddressed", { section: "goals" }, msg("coaching.finding.priorityIssue", { issue: shorten(issue) }),
      undefined, { triggers: [issue] }));
  }
  return out;
}

export function checkGoals(data: PlanData): Finding[] {
  return [...checkPriorityIssues(data), ...data.goals.flatMap((g) => checkGoal(g, data))];
}
