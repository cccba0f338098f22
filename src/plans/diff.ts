/**
 * "What changed since the last plan": each goal and action of the earlier signed version beside
 * the new one, matched by id (items carried forward keep theirs), and named for what happened to
 * it. An item that left the plan because it was finished is not "removed": the progress recorded
 * against the earlier version says whether it was done, or not done and why. Pure.
 */
import { describeTarget } from "../../machines/commitment.ts";
import { RESPONSIBLE_ROLE_LABELS } from "../domain/labels.ts";
import type { PlanData } from "../domain/plan.ts";
import type { Progress } from "../store/plan-store.ts";

export type ChangeKind = "done" | "not-done" | "carried" | "changed" | "new" | "removed";

export interface Change {
  kind: ChangeKind;
  before?: string[];
  after?: string[];
  /** Why it was not done (or not achieved), as recorded with the progress. */
  reason?: string;
}

/** The words a reader sees for each kind, on the page and in its legend. */
export const CHANGE_LABELS: Record<ChangeKind, string> = {
  done: "Done",
  "not-done": "Not done",
  carried: "Carried forward",
  changed: "Changed",
  new: "New",
  removed: "Removed",
};

const goalLines = (g: PlanData["goals"][number]) => [`${g.issue}: “${g.clientWords}”`, ...(g.restatement ? [`Measurable: ${g.restatement}`] : [])];
const actionLines = (a: PlanData["actions"][number], d: PlanData) => [
  a.description,
  `${RESPONSIBLE_ROLE_LABELS[a.responsible.role]}${a.responsible.name ? `: ${a.responsible.name}` : ""}`,
  `Target: ${describeTarget(a.targetDate, d)}`,
  ...(a.commitment ? [`Commitment: ${a.commitment}`] : []),
];

/** How an item that left the plan ended, from the progress recorded against the earlier version. */
type Ending = { kind: "done" | "not-done" | "removed"; reason?: string };

function compare<T extends { id: string }>(before: T[], after: T[], lines: (x: T, which: "before" | "after") => string[], ending: (x: T) => Ending): Change[] {
  const out: Change[] = [];
  const afterIds = new Set(after.map((x) => x.id));
  for (const b of before) {
    if (afterIds.has(b.id)) continue;
    const end = ending(b);
    out.push({ kind: end.kind, before: lines(b, "before"), ...(end.reason ? { reason: end.reason } : {}) });
  }
  for (const a of after) {
    const b = before.find((x) => x.id === a.id);
    if (!b) out.push({ kind: "new", after: lines(a, "after") });
    else {
      const [l1, l2] = [lines(b, "before"), lines(a, "after")];
      out.push({ kind: l1.join("\n") === l2.join("\n") ? "carried" : "changed", before: l1, after: l2 });
    }
  }
  return out;
}

/**
 * `progress` is what was recorded against `before` (the earlier version) by the time the new one
 * was started or signed; without it every item that left the plan can only be called removed.
 */
export function diffPlans(before: PlanData, after: PlanData, progress?: Progress): { goals: Change[]; actions: Change[] } {
  const actionEnding = (a: PlanData["actions"][number]): Ending => {
    const rec = progress?.actions[a.id];
    const status = rec?.status ?? a.status;
    if (status === "done") return { kind: "done" };
    if (status === "not-done") return { kind: "not-done", reason: rec?.reason };
    return { kind: "removed" };
  };
  const goalEnding = (g: PlanData["goals"][number]): Ending => {
    const status = progress?.goals[g.id]?.status;
    if (status === "achieved") return { kind: "done" };
    if (status === "not-achieved") return { kind: "not-done" };
    return { kind: "removed" };
  };
  return {
    goals: compare(before.goals, after.goals, (g) => goalLines(g), goalEnding),
    actions: compare(before.actions, after.actions, (a, which) => actionLines(a, which === "before" ? before : after), actionEnding),
  };
}
