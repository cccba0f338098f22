/**
 * Goals: SMART (specific, measurable, time-bound), and every priority issue accounted for.
 *
 * A goal's checks read the worker's restatement when there is one. Without it they read the
 * client's words, which are recorded verbatim and may well be a broad hope: the message then says
 * so kindly and asks for a restatement beside them, never a change to what the client said.
 */
import type { Goal, PlanData } from "../domain/plan.ts";
import { type Finding, finding, quote } from "./findings.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { findAffirmed, phrases, wordSet } from "./phrases.ts";
import { checkReach } from "./reach.ts";
import { checkScope } from "./scope.ts";
import { hasTimeFrame } from "./time.ts";
import { type Token, sameLabel } from "./words.ts";

export interface GoalText {
  text: string;
  /** Whose words these are: the client's verbatim words, or the worker's restatement. */
  source: "client" | "restatement";
}

export function goalText(goal: Goal): GoalText {
  const restated = goal.restatement?.trim();
  return restated ? { text: goal.restatement!, source: "restatement" } : { text: goal.clientWords, source: "client" };
}

/** The closing sentence that tells the worker where to make the change. */
export function whereToWrite(source: GoalText["source"]): string {
  return source === "client"
    ? "These are the client's own words and they stay exactly as spoken; a broad hope is a fine place to start. Add your restatement beside them."
    : "You can change your restatement; the client's words stay as they are.";
}

const VAGUE = phrases(
  "be better", "feel better", "get better", "do better", "be much better", "feel much better", "feel a lot better",
  "feel so much better", "be a lot better", "do a lot better", "be ok", "be okay", "be alright", "be fine", "be normal",
  "be happy", "be happier", "feel good", "feel ok", "feel okay", "feel normal", "feel happy", "feel happier", "feel fine",
  "sort my life out", "sort out my life", "sort my life", "sort myself out", "sort things out", "sort everything out",
  "sort stuff out", "sort it all out", "sort my head out", "get my life together", "get my life back", "get my life on track",
  "get my life in order", "get my life sorted", "get back on track", "get on track", "get back on my feet", "get it together",
  "get myself together", "get things together", "get my act together", "get sorted", "turn my life around", "improve my life",
  "a better life", "be a better person", "move on", "fix everything", "fix my life", "be more positive", "feel more positive",
  "things to get better", "things to be better", "be in a better place", "sort my whole life out",
);

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
    vague: hasEnglish && findAffirmed(tokens, VAGUE).length > 0,
    // both are read only when a missing one counts, in wholly English words
    measurable: whollyEnglish && measurable(text, tokens),
    timeFrame: whollyEnglish && hasTimeFrame(text, tokens),
  };
});

export function checkGoal(goal: Goal, data: PlanData): Finding[] {
  const g = goalText(goal);
  const read = readGoal(g.text);
  if (!read.hasEnglish) return []; // the wording checks read English only; see language.ts
  const where = { section: "goals" as const, itemId: goal.id };
  const out: Finding[] = [];
  if (read.vague) {
    out.push(finding("goal-vague", where,
      `${g.source === "client" ? "This goal" : "Your restatement"} is a broad hope. A specific goal names one thing that would be different, such as keeping the flat, sleeping through the night or getting to appointments, so you both know what you are working towards. ${whereToWrite(g.source)}`));
  } else if (read.whollyEnglish && !read.measurable) {
    out.push(finding("goal-measurable", where,
      `Nothing here says how you would both know the goal has been reached. Name something you could see or count: an application sent, a number of days a week, a tenancy kept. ${whereToWrite(g.source)}`));
  }
  const dated = data.actions.some((a) => a.goalId === goal.id && a.targetDate.kind !== "ongoing");
  if (read.whollyEnglish && !dated && !read.timeFrame) {
    out.push(finding("goal-time-frame", where,
      `This goal does not say by when. A time frame keeps the work moving and tells you when to look at progress together. Give one in your restatement, or set target dates on the goal's actions. ${g.source === "client" ? "The client's own words stay as they are." : ""}`.trimEnd()));
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
    out.push(finding("priority-issue-unaddressed", { section: "goals" },
      `The assessment marked ${quote(issue)} as a priority, but the plan has no goal for it. Every priority issue belongs on the plan: as a goal, or, if the client would rather not work on it now, as an area they declined, so the next worker knows it was raised.`));
  }
  return out;
}

export function checkGoals(data: PlanData): Finding[] {
  return [...checkPriorityIssues(data), ...data.goals.flatMap((g) => checkGoal(g, data))];
}
