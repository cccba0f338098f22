/**
 * Target dates: as specific as the work allows. Not "ongoing" and not a whole year by default. A
 * truly ongoing goal may use the annual review date, or "ongoing" when the aim is keeping up
 * skills, and is then looked at again at the annual review.
 */
import type { Action, Goal, PlanData } from "../domain/plan.ts";
import { daysBetween } from "./dates.ts";
import { msg } from "../i18n/translator.ts";
import { type Finding, finding } from "./findings.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { findAffirmed, matchAt, phrases } from "./phrases.ts";

/** About eleven months: a date this far from the plan date is, in effect, "sometime this year". */
export const WHOLE_YEAR_DAYS = 335;

const MAINTAINING = phrases(
  "maintain", "sustain", "retain", "skill", "routine", "habit", "practise", "keep practice", "keep up", "keep use",
  "keep do", "keep take", "keep go", "carry on", "stay on top of", "continue to use", "continue use", "continue to take",
  "continue take", "continue to practise", "continue to practice",
  // a routine is kept up by its nature: medicine as prescribed, something done every day
  "as prescribed", "regularly", "every day", "each day", "daily", "every morning", "every night",
);
/** One-off steps: done once, so a year-long target is a default rather than a plan. */
const ONE_OFF = phrases(
  "refer", "apply", "call", "phone", "ring", "book", "submit", "complete", "register", "contact", "research", "arrange",
  "fill", "send", "sign", "open", "visit", "make an appointment", "find out", "check",
);

/** Whether the action, or the goal it serves, is about keeping up skills or a routine. */
export function isMaintaining(action: Action, goal: Goal | undefined): boolean {
  const texts = [action.description, action.commitment ?? "", goal?.restatement ?? "", goal?.clientWords ?? ""];
  return texts.some((t) => maintains(t));
}

const maintains = memo((text: string) => findAffirmed(readEnglish(text).tokens, MAINTAINING).length > 0);

function isOneOff(action: Action): boolean {
  return action.kind === "referral" || startsOneOff(action.description);
}

const startsOneOff = memo((description: string) => {
  const { tokens, hasEnglish } = readEnglish(description);
  return hasEnglish && tokens.length > 0 && matchAt(tokens, 0, ONE_OFF) > 0;
});

export function checkTargets(data: PlanData, today: string): Finding[] {
  const { planDate, annualReviewDate } = data.setup;
  const out: Finding[] = [];
  for (const action of data.actions) {
    const where = { section: "actions" as const, itemId: action.id };
    const goal = data.goals.find((g) => g.id === action.goalId);
    const target = action.targetDate;
    if (target.kind === "ongoing") {
      if (!isMaintaining(action, goal)) {
        out.push(finding("target-ongoing", where, msg("coaching.finding.targetOngoing")));
      }
      continue;
    }
    if (target.kind === "annual-review") {
      if (isOneOff(action) && !isMaintaining(action, goal)) {
        out.push(finding("target-whole-year", where, msg("coaching.finding.targetAnnualReview")));
      }
      continue;
    }
    const date = target.date;
    if (date > annualReviewDate) {
      out.push(finding("target-after-review", where, msg("coaching.finding.targetAfterReview", { reviewDay: annualReviewDate })));
    } else if (daysBetween(planDate, date) >= WHOLE_YEAR_DAYS && !isMaintaining(action, goal)) {
      out.push(finding("target-whole-year", where, msg("coaching.finding.targetWholeYear")));
    }
    if (date < planDate) {
      out.push(finding("target-past", where, msg("coaching.finding.targetBeforePlan", { planDay: planDate })));
    } else if (date < today && (action.status === "not-started" || action.status === "in-progress")) {
      out.push(finding("target-past", where, msg("coaching.finding.targetPassed", { targetDay: date })));
    }
  }
  return out;
}
