/**
 * The first draft of an action's commitment sentence, written when the conversation reaches the
 * contract step. Both people then read it and may change it; the draft only saves them typing.
 */
import type { Action, PlanData, TargetDate } from "../src/domain/plan.ts";
import { RESPONSIBLE_ROLE_LABELS } from "../src/domain/labels.ts";

const UNNAMED: Record<Action["responsible"]["role"], string> = {
  "case-manager": "I, the case manager,",
  provider: "The provider",
  client: "I, the client,",
  family: "My family",
  caregiver: "My caregiver",
  "other-support": "My support person",
};

export function describeTarget(target: TargetDate, plan: PlanData): string {
  switch (target.kind) {
    case "date":
      return `by ${target.date}`;
    case "ongoing":
      return "on an ongoing basis, reviewed at the annual review";
    case "annual-review":
      return `by the annual review on ${plan.setup.annualReviewDate}`;
  }
}

export function draftCommitment(action: Action, plan: PlanData): string {
  const { role, name } = action.responsible;
  const who = name ? `${name} (${RESPONSIBLE_ROLE_LABELS[role].toLowerCase()})` : UNNAMED[role];
  const what = action.description.trim().replace(/[.!]+$/, "");
  const verb = /^(will|shall)\b/i.test(what) ? "" : "will ";
  return `${who} ${verb}${lowerFirst(what)} ${describeTarget(action.targetDate, plan)}.`;
}

function lowerFirst(s: string): string {
  // Leave acronyms and names ("GP", "Maria") as typed; lower only an ordinary capitalised word.
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}
