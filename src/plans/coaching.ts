/**
 * Coaching in the conversation: the practice checks that apply to the step at hand, shown beside
 * the question and never blocking the client's words; a suggested rewrite copied, in one click,
 * into the worker's restatement or the commitment (never into the client's verbatim words); and
 * findings the worker dismisses at the review, with the reason kept.
 */
import type { PlanEvent } from "../../machines/plan-machine.ts";
import type { Stage } from "../../machines/steps.ts";
import type { PlanData } from "../domain/plan.ts";
import type { Finding } from "../practice/findings.ts";
import { checkPlan } from "../practice/index.ts";
import type { StoredPlan } from "../store/plan-store.ts";

export type Dismissal = StoredPlan["coaching"]["dismissed"][number];

export function findingKey(f: Finding): string {
  return `${f.rule}:${f.where.itemId ?? f.where.section}`;
}

/** Open findings: the checks keep what they read of each text (src/practice/memo.ts), so this is cheap to ask often. */
export function openFindings(data: PlanData, today: string, dismissed: Dismissal[]): Finding[] {
  const findings = checkPlan(data, today);
  const gone = new Set(dismissed.map((d) => d.key));
  return findings.filter((f) => !gone.has(findingKey(f)));
}

/** The findings to show beside the question at this step (all of them at the review). */
export function findingsForStep(step: Stage, findings: Finding[]): Finding[] {
  if (step === "review" || step === "signing") return findings;
  return findings.filter((f) => f.where.section === step || (step === "goals" && f.where.section === "setup"));
}

/** The edit that copies a finding's rewrite into the worker's words, or null if there is none. */
export function rewriteEvent(f: Finding, data: PlanData): PlanEvent | null {
  if (!f.rewrite || !f.where.itemId) return null;
  const id = f.where.itemId;
  const goal = data.goals.find((g) => g.id === id);
  if (goal) return { type: "UPDATE", kind: "goals", id, input: { issue: goal.issue, clientWords: goal.clientWords, restatement: f.rewrite } };
  const action = data.actions.find((a) => a.id === id);
  if (!action) return null;
  if (f.where.section === "contract") return { type: "SET_COMMITMENT", id, text: f.rewrite };
  const { goalId, kind, responsible, targetDate } = action;
  return { type: "UPDATE", kind: "actions", id, input: { goalId, kind, responsible, targetDate, description: f.rewrite } };
}

/** What a rewrite button says it will change, so no one thinks the client's words move. */
export function rewriteTarget(f: Finding, data: PlanData): string | null {
  if (!f.rewrite || !f.where.itemId) return null;
  if (data.goals.some((g) => g.id === f.where.itemId)) return "Use as the measurable restatement";
  if (!data.actions.some((a) => a.id === f.where.itemId)) return null;
  return f.where.section === "contract" ? "Use this wording for the commitment" : "Use this wording for the action";
}
