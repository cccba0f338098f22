/**
 * Target dates: as specific as the work allows. Not "ongoing" and not a whole year by default. A
 * truly ongoing goal may use the annual review date, or "ongoing" when the aim is keeping up
 * skills, and is then looked at again at the annual review.
 */
import type { Action, Goal, PlanData } from "../domain/plan.ts";
import { daysBetween } from "./dates.ts";
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
        out.push(finding("target-ongoing", where,
          "“Ongoing” suits keeping up skills the client already has, looked at again at the annual review. For a step like this one, agree a date: it tells you both when to check how it went, and lets a colleague see what is overdue."));
      }
      continue;
    }
    if (target.kind === "annual-review") {
      if (isOneOff(action) && !isMaintaining(action, goal)) {
        out.push(finding("target-whole-year", where,
          "This is a one-off step, yet its target is the annual review, a year away. The annual review date suits work that truly carries on all year; for a step like this, pick the nearest date you can both keep, so progress can be checked well before then."));
      }
      continue;
    }
    const date = target.date;
    if (date > annualReviewDate) {
      out.push(finding("target-after-review", where,
        `This target date is after the annual review on ${annualReviewDate}. The plan is reassessed at the review, so set a date before it; if the work will carry on, it can be agreed again then.`));
    } else if (daysBetween(planDate, date) >= WHOLE_YEAR_DAYS && !isMaintaining(action, goal)) {
      out.push(finding("target-whole-year", where,
        "This target date is about a year after the plan was made, which in practice means “sometime this year”. Choose the nearest date the step can realistically be done by, so you can both see whether it is on track."));
    }
    if (date < planDate) {
      out.push(finding("target-past", where,
        `This target date is before the plan itself (${planDate}), so it cannot be met. It is probably a typing slip: check the year and the month.`));
    } else if (date < today && (action.status === "not-started" || action.status === "in-progress")) {
      out.push(finding("target-past", where,
        `This target date (${date}) has passed and the action is still open. Agree a new date, or record what happened in its status, so the plan shows where things stand.`));
    }
  }
  return out;
}
