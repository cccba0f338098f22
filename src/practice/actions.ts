/**
 * Actions: every goal has at least one, every action serves a goal, and each names who is
 * responsible. (Target dates are in targets.ts; the wording of commitments in wording.ts.)
 */
import { RESPONSIBLE_ROLE_LABELS } from "../domain/labels.ts";
import type { Action, PlanData } from "../domain/plan.ts";
import { type Finding, finding } from "./findings.ts";

/** The case manager and the client are known to everyone reading the plan; anyone else needs a name. */
const NEEDS_A_NAME: readonly Action["responsible"]["role"][] = ["provider", "family", "caregiver", "other-support"];

export function checkActions(data: PlanData): Finding[] {
  const out: Finding[] = [];
  for (const goal of data.goals) {
    if (data.actions.some((a) => a.goalId === goal.id)) continue;
    out.push(finding("action-missing", { section: "actions", itemId: goal.id },
      "This goal has no action yet. Agree at least one step towards it (a referral, advice or a service), who takes it and by when; otherwise the goal stays a wish."));
  }
  const goalIds = new Set(data.goals.map((g) => g.id));
  for (const action of data.actions) {
    const where = { section: "actions" as const, itemId: action.id };
    if (!goalIds.has(action.goalId)) {
      out.push(finding("action-no-goal", where,
        "This action does not serve any goal on the plan. Every action should move one of the client's goals forward: link it to the goal it serves, or ask whether it belongs on this plan."));
    }
    const role = action.responsible?.role;
    if (!role) {
      out.push(finding("action-responsible", where, "No one is responsible for this action. Name who will take it, so nobody assumes someone else will."));
    } else if (NEEDS_A_NAME.includes(role) && !action.responsible.name?.trim()) {
      out.push(finding("action-responsible", where,
        `This action is on “${RESPONSIBLE_ROLE_LABELS[role].toLowerCase()}” but names no one. Write who exactly (a person or an organisation), so anyone picking up the case knows whom to contact.`));
    }
  }
  return out;
}
