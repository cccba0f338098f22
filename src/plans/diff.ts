/**
 * "What changed since the last plan": goals and actions added, removed and changed between two
 * versions, matched by id (items carried forward keep theirs). Pure.
 */
import { describeTarget } from "../../machines/commitment.ts";
import { RESPONSIBLE_ROLE_LABELS } from "../domain/labels.ts";
import type { PlanData } from "../domain/plan.ts";

export interface Change {
  kind: "added" | "removed" | "changed" | "same";
  before?: string[];
  after?: string[];
}

const goalLines = (g: PlanData["goals"][number]) => [`${g.issue}: “${g.clientWords}”`, ...(g.restatement ? [`Measurable: ${g.restatement}`] : [])];
const actionLines = (a: PlanData["actions"][number], d: PlanData) => [
  a.description,
  `${RESPONSIBLE_ROLE_LABELS[a.responsible.role]}${a.responsible.name ? `: ${a.responsible.name}` : ""}`,
  `Target: ${describeTarget(a.targetDate, d)}`,
  ...(a.commitment ? [`Commitment: ${a.commitment}`] : []),
];

function compare<T extends { id: string }>(before: T[], after: T[], lines: (x: T, which: "before" | "after") => string[]): Change[] {
  const out: Change[] = [];
  const afterIds = new Set(after.map((x) => x.id));
  for (const b of before) {
    if (!afterIds.has(b.id)) out.push({ kind: "removed", before: lines(b, "before") });
  }
  for (const a of after) {
    const b = before.find((x) => x.id === a.id);
    if (!b) out.push({ kind: "added", after: lines(a, "after") });
    else {
      const [l1, l2] = [lines(b, "before"), lines(a, "after")];
      out.push({ kind: l1.join("\n") === l2.join("\n") ? "same" : "changed", before: l1, after: l2 });
    }
  }
  return out;
}

export function diffPlans(before: PlanData, after: PlanData): { goals: Change[]; actions: Change[] } {
  return {
    goals: compare(before.goals, after.goals, (g) => goalLines(g)),
    actions: compare(before.actions, after.actions, (a, which) => actionLines(a, which === "before" ? before : after)),
  };
}
