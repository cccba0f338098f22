/**
 * Barriers: what has kept the client from reaching each goal alone. The same outcome can have
 * different barriers and so need different help: two people at risk of losing their home, one on
 * a low income (financial insecurity), the other with untreated symptoms and no doctor or anyone
 * to turn to (a lack of health supports).
 */
import { BARRIER_CATEGORY_LABELS } from "../domain/labels.ts";
import { BARRIER_CATEGORIES, type Barrier, type PlanData } from "../domain/plan.ts";
import { type Finding, finding } from "./findings.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { type Phrase, findAffirmed, findAll, has, phrases } from "./phrases.ts";
import type { Token } from "./words.ts";

type Category = Barrier["category"];

/**
 * Words that point to a category. Cues that already carry their negation ("can't pay", "no
 * doctor") are matched as they are; the others ("debt", "symptoms") only when not negated.
 */
const NEGATIVE_CUES: Partial<Record<Category, Phrase[]>> = {
  "financial-insecurity": phrases(
    "can not pay", "can not afford", "not afford", "unable to pay", "unable to afford", "not enough money", "no money",
    "not pay the rent", "not pay my rent", "not pay rent", "not pay the bills", "not pay my bills", "no income", "not make ends meet",
    "not keep up with the rent", "not keep up with my rent", "not keep up with rent", "not keep up with the bills", "not keep up with my bills",
  ),
  "lack-of-health-supports": phrases(
    "no doctor", "no gp", "no family doctor", "not have a doctor", "not have a gp", "no therapist", "no counsellor",
    "no one to help", "nobody to help", "no one to turn to", "nobody to turn to", "no one to talk to", "nobody to talk to",
    "no support", "no supports", "not have anyone", "not have any support", "not see a doctor",
    "no medication", "no meds", "not get my medication", "not get my meds", "no treatment",
  ),
};
const CUES: Partial<Record<Category, Phrase[]>> = {
  "financial-insecurity": phrases(
    "low income", "low wage", "low pay", "debt", "arrear", "behind on the rent", "behind on rent", "behind with the rent",
    "behind on my rent", "hours were cut", "hours got cut", "hours cut", "lost my job", "unemployed", "broke", "poverty",
    "short of money", "benefits stopped", "benefits were cut", "benefit sanction", "overdraft", "money problems",
    "struggle to pay", "struggle with money", "struggle with the rent", "struggle with the bills",
  ),
  "lack-of-health-supports": phrases(
    "symptom", "untreated", "mental health", "mental illness", "hearing voices", "panic attack", "ran out of my medication",
    "ran out of my meds", "off my meds", "off my medication", "isolated", "all alone",
  ),
  /* The other categories' own words: if the barrier already says childcare, "nobody to help" is about that. */
  transportation: phrases("bus", "car", "transport", "lift", "drive", "train fare", "taxi"),
  "childcare-caregiving": phrases("childcare", "kids", "children", "baby", "babysitter", "caring for", "look after my", "carer"),
  legal: phrases("court", "lawyer", "solicitor", "visa", "immigration", "eviction notice", "police", "probation"),
  "language-literacy": phrases("english", "read", "write", "interpreter", "forms are hard", "language"),
};

/** How strongly the words point to a category ("not in debt" does not point to money troubles). */
function score(tokens: readonly Token[], category: Category): number {
  return findAll(tokens, NEGATIVE_CUES[category] ?? []).length + findAffirmed(tokens, CUES[category] ?? []).length;
}

/** Whether the words mention the category at all ("can't afford the bus" is still about the bus). */
function mentions(tokens: readonly Token[], category: Category): boolean {
  return has(tokens, NEGATIVE_CUES[category] ?? []) || has(tokens, CUES[category] ?? []);
}

/**
 * The category the words point to, and every category they mention, whichever was chosen; undefined
 * if they point to neither money nor health, or are not English.
 */
const readBarrier = memo((words: string) => {
  const { tokens, hasEnglish } = readEnglish(words);
  if (!hasEnglish) return undefined;
  const money = score(tokens, "financial-insecurity");
  const health = score(tokens, "lack-of-health-supports");
  if (money === 0 && health === 0) return undefined;
  return {
    pointsTo: money >= health ? ("financial-insecurity" as const) : ("lack-of-health-supports" as const),
    mentioned: BARRIER_CATEGORIES.filter((c) => mentions(tokens, c)),
  };
});

/** The category the words point to, if it is one of the two the practice guidance singles out. */
export function suggestedCategory(words: string, current: Category): Category | undefined {
  const read = readBarrier(words);
  return read && !read.mentioned.includes(current) ? read.pointsTo : undefined;
}

const WHY: Partial<Record<Category, string>> = {
  "financial-insecurity": "Money is what stands in the way here, and the help for that is income, benefits or debt advice.",
  "lack-of-health-supports": "What stands in the way here is health care or people to lean on, and the help for that is a doctor, treatment or a support network.",
};

export function checkBarriers(data: PlanData): Finding[] {
  const out: Finding[] = [];
  for (const goal of data.goals) {
    if (data.barriers.some((b) => b.goalId === goal.id)) continue;
    out.push(finding("barrier-missing", { section: "barriers", itemId: goal.id },
      `No barrier is recorded for this goal. Ask what has kept the client from reaching it on their own: the answer shows where your help should go, and two people with the same goal can need quite different help.`));
  }
  for (const barrier of data.barriers) {
    const better = suggestedCategory(barrier.clientWords, barrier.category);
    if (!better) continue;
    out.push(finding("barrier-category", { section: "barriers", itemId: barrier.id },
      `The client's words point to “${BARRIER_CATEGORY_LABELS[better]}” rather than “${BARRIER_CATEGORY_LABELS[barrier.category]}”. ${WHY[better]} Naming the barrier for what it is keeps the actions aimed at it.`));
  }
  return out;
}
