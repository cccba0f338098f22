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
