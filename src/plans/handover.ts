/**
 * What a colleague taking over a case needs, from the signed version in force and the progress
 * recorded against it: each action as done, not done (with its reason) or open; what is overdue;
 * what is due next; and the latest notes. Pure, over the plan and today's date.
 */
import type { PlanData } from "../domain/plan.ts";
import type { Progress } from "../store/plan-store.ts";

export interface HandoverAction {
  id: string;
  action: PlanData["actions"][number];
  state: "done" | "not-done" | "open";
  status: "not-started" | "in-progress" | "done" | "not-done";
  reason?: string;
  /** The day it is due (YYYY-MM-DD), if it has one (not "ongoing"). */
  due?: string;
  overdue: boolean;
}

/** How many notes a summary shows: the latest, newest first; the progress page has them all. */
export const LATEST_NOTES = 5;

export function handoverSummary(data: PlanData, progress: Progress, today: string) {
  const actions: HandoverAction[] = data.actions.map((a) => {
    const rec = progress.actions[a.id];
    const status = rec?.status ?? a.status;
    const state = status === "done" ? "done" : status === "not-done" ? "not-done" : "open";
    const due = a.targetDate.kind === "date" ? a.targetDate.date : a.targetDate.kind === "annual-review" ? data.setup.annualReviewDate : undefined;
    return { id: a.id, action: a, state, status, ...(rec?.reason ? { reason: rec.reason } : {}), ...(due ? { due } : {}), overdue: state === "open" && !!due && due < today };
  });
  const open = actions.filter((a) => a.state === "open");
  const upcoming = open.filter((a) => a.due && a.due >= today).sort((x, y) => x.due!.localeCompare(y.due!));
  // What is due next: every open action on the nearest coming day.
  const dueNext = upcoming.filter((a) => a.due === upcoming[0]?.due);
  const notes = [...progress.notes].sort((x, y) => y.at.localeCompare(x.at)).slice(0, LATEST_NOTES);
  return { actions, overdue: open.filter((a) => a.overdue), dueNext, notes };
}
