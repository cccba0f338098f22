/**
 * Actions: every goal has at least one, every action serves a goal, and each names who is
 * responsible. (Target dates are in targets.ts; the wording of commitments in wording.ts.)
 */
import type { Action, PlanData } from "../domain/plan.ts";
import { msg } from "../i18n/translator.ts";
import { type Finding, finding } from "./findings.ts";

/** The case manager and the client are known to everyone reading the plan; anyone else needs a name. */
const NEEDS_A_NAME: readonly Action["responsible"]["role"][] = ["provider", "family", "caregiver", "other-support"];

export function checkActions(data: PlanData): Finding[] {
  const out: Finding[] = [];
  for (const goal of data.goals) {
    if (data.actions.some((a) => a.goalId === goal.id)) continue;
    out.push(finding("action-missing", { section: "actions", itemId: goal.id }, msg("coaching.finding.actionMissing")));
  }
  const goalIds = new Set(data.goals.map((g) => g.id));
  for (const action of data.actions) {
    const where = { section: "actions" as const, itemId: action.id };
    if (!goalIds.has(action.goalId)) {
      out.push(finding("action-no-goal", where, msg("coaching.finding.actionNoGoal")));
    }
    const role = action.responsible?.role;
    if (!role) {
      out.push(finding("action-responsible", where, msg("coaching.finding.actionNoOne")));
    } else if (NEEDS_A_NAME.includes(role) && !action.responsible.name?.trim()) {
      out.push(finding("action-responsible", where, msg("coaching.finding.actionNoName", { role })));
    }
  }
  return out;
}
