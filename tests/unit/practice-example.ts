/** The example plan (data/examples/plan.json) follows good practice; each case changes one thing in a copy. */
import { readFileSync } from "node:fs";
import { type PlanData, PlanDataSchema } from "../../src/domain/plan.ts";
import { type Msg, translator } from "../../src/i18n/translator.ts";
import { findingWords } from "../../src/plans/finding-words.ts";
import { checkPlan, type RuleId } from "../../src/practice/index.ts";

export const EXAMPLE = PlanDataSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/examples/plan.json", import.meta.url), "utf8")).snapshot.context.data,
);
export const TODAY = "2026-11-24";

export function plan(change: (d: PlanData) => void): PlanData {
  const d = structuredClone(EXAMPLE);
  change(d);
  return d;
}

export const found = (d: PlanData, rule: RuleId, today = TODAY) => checkPlan(d, today).filter((f) => f.rule === rule);

/** A finding's message (or any Msg) as an English reader sees it. */
export const english = (m: Msg): string => findingWords(translator("en", "UTC"), m);

/**
 * The "lack of health supports" case with the classic mistakes, in a brief service: between them
 * they raise most rules. `barrierWords` and `applyBy` (the date of the housing application) are
 * the two things the suites vary.
 */
export function classicMistakes(d: PlanData, { barrierWords, applyBy }: { barrierWords: string; applyBy: string }): void {
  d.setup.serviceLength = "brief";
  d.setup.priorityIssues.push("Physical health");
  d.goals[0].restatement = undefined;
  d.goals[0].clientWords = "I just want to sort my life out";
  d.goals[1].restatement = "Reduce anxiety symptoms";
  d.goals.push({ id: "g20", issue: "Education", clientWords: "I want to earn a three-year diploma in nursing" });
  d.goals.push({ id: "g21", issue: "Mood", clientWords: "Be able to concentrate, have more energy, enjoy things again" });
  d.barriers[0].category = "housing";
  d.barriers.push({ id: "b30", goalId: "g21", clientWords: barrierWords, category: "financial-insecurity" });
  d.actions[0].commitment = "I will find you a doctor by 2026-12-20.";
  d.actions[1] = { ...d.actions[1], responsible: { role: "case-manager" }, targetDate: { kind: "ongoing" }, commitment: "I will help with housing on an ongoing basis." };
  d.actions[2].targetDate = { kind: "date", date: "2027-11-01" };
  d.actions[3] = { ...d.actions[3], responsible: { role: "provider" }, targetDate: { kind: "date", date: "2028-01-01" } };
  d.actions.push({ id: "a40", goalId: "g99", kind: "service", description: "Support as needed", responsible: { role: "case-manager" }, targetDate: { kind: "ongoing" }, status: "not-started" });
  d.actions.push({ id: "a41", goalId: "g20", kind: "service", description: "Apply for housing", responsible: { role: "case-manager" }, targetDate: { kind: "date", date: applyBy }, status: "in-progress" });
}
