/**
 * "What changed since the last plan": each goal and action of the earlier signed version beside
 * the new one, matched by id (items carried forward keep theirs), and named for what happened to
 * it. An item that left the plan because it was finished is not "removed": the progress recorded
 * against the earlier version says whether it was done, or not done and why. Pure.
 *
 * Each line is a message, not words, so the page says it in its reader's language; its values are
 * what findingWords reads (finding-words.ts): a label in a msgText, a calendar date in a `…Day`.
 * Lines are compared as messages, so whether an item changed does not depend on anyone's language.
 */
import { type Msg, msg, msgText } from "../i18n/translator.ts";
import type { PlanData } from "../domain/plan.ts";
import type { Progress } from "../store/plan-store.ts";

export type ChangeKind = "done" | "not-done" | "carried" | "changed" | "new" | "removed";

export interface Change {
  kind: ChangeKind;
  before?: Msg[];
  after?: Msg[];
  /** Why it was not done (or not achieved), as recorded with the progress. */
  reason?: string;
}

/** The message that names each kind, on the page and in its legend. */
export const changeLabel = (kind: ChangeKind): string => `changes.kind.${kind}`;

const goalLines = (g: PlanData["goals"][number]): Msg[] => [
  msg("changes.line.goal", { issue: g.issue, words: g.clientWords }),
  ...(g.restatement ? [msg("changes.line.measurable", { text: g.restatement })] : []),
];
function targetLine(a: PlanData["actions"][number], d: PlanData): Msg {
  const t = a.targetDate;
  if (t.kind === "date") return msg("changes.line.targetDate", { dateDay: t.date });
  if (t.kind === "annual-review") return msg("changes.line.targetReview", { dateDay: d.setup.annualReviewDate });
  return msg("changes.line.targetOngoing");
}
const actionLines = (a: PlanData["actions"][number], d: PlanData): Msg[] => [
  msg("changes.line.text", { text: a.description }),
  a.responsible.name
    ? msg("changes.line.responsibleNamed", { role: msgText(`labels.responsibleRole.${a.responsible.role}`), name: a.responsible.name })
    : msg("changes.line.responsible", { role: msgText(`labels.responsibleRole.${a.responsible.role}`) }),
  targetLine(a, d),
  ...(a.commitment ? [msg("changes.line.commitment", { text: a.commitment })] : []),
];

/** How an item that left the plan ended, from the progress recorded against the earlier version. */
type Ending = { kind: "done" | "not-done" | "removed"; reason?: string };

function compare<T extends { id: string }>(before: T[], after: T[], lines: (x: T, which: "before" | "after") => Msg[], ending: (x: T) => Ending): Change[] {
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
      out.push({ kind: JSON.stringify(l1) === JSON.stringify(l2) ? "carried" : "changed", before: l1, after: l2 });
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
