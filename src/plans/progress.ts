/**
 * Progress after signing: statuses and dated notes recorded beside the sealed version, which
 * itself never changes. Pure functions over the stored plan; routes save the result.
 */
import { randomBytes } from "node:crypto";
import type { PlanData } from "../domain/plan.ts";
import type { Progress, StoredPlan } from "../store/plan-store.ts";
import { ACTION_PROGRESS, GOAL_PROGRESS } from "../store/plan-store.ts";

export type ActionProgress = (typeof ACTION_PROGRESS)[number];
export type GoalProgress = (typeof GOAL_PROGRESS)[number];

export class ProgressRefused extends Error {}

/** As long as an action's own description: a reason is a sentence or two, and it is kept in every later version's log. */
export const REASON_MAX = 2000;

export function setActionStatus(plan: StoredPlan, data: PlanData, actionId: string, status: ActionProgress, reason: string | undefined, by: string, at: string): StoredPlan {
  if (!plan.sealed) throw new ProgressRefused("Progress is recorded once the plan is signed.");
  if (!data.actions.some((a) => a.id === actionId)) throw new ProgressRefused("That action is not in the signed plan.");
  if (reason && reason.length > REASON_MAX) throw new ProgressRefused(`Please keep the reason under ${REASON_MAX} characters.`);
  if (status === "not-done" && !reason?.trim()) throw new ProgressRefused("Say why the action was not done; that is what a colleague will need to know.");
  const entry = { status, at, by, ...(reason?.trim() ? { reason } : {}) };
  const progress: Progress = {
    ...plan.progress,
    actions: { ...plan.progress.actions, [actionId]: entry },
    log: [...plan.progress.log, { at, by, target: { kind: "action", id: actionId }, status, ...(reason?.trim() ? { reason } : {}), version: plan.version }],
  };
  return { ...plan, progress };
}

export function setGoalStatus(plan: StoredPlan, data: PlanData, goalId: string, status: GoalProgress, by: string, at: string): StoredPlan {
  if (!plan.sealed) throw new ProgressRefused("Progress is recorded once the plan is signed.");
  if (!data.goals.some((g) => g.id === goalId)) throw new ProgressRefused("That goal is not in the signed plan.");
  const progress: Progress = {
    ...plan.progress,
    goals: { ...plan.progress.goals, [goalId]: { status, at, by } },
    log: [...plan.progress.log, { at, by, target: { kind: "goal", id: goalId }, status, version: plan.version }],
  };
  return { ...plan, progress };
}

export function addNote(plan: StoredPlan, data: PlanData, target: { kind: "action" | "goal"; id: string }, kind: Progress["notes"][number]["kind"], text: string, by: string, at: string): StoredPlan {
  if (!plan.sealed) throw new ProgressRefused("Notes are recorded once the plan is signed.");
  const exists = target.kind === "action" ? data.actions.some((a) => a.id === target.id) : data.goals.some((g) => g.id === target.id);
  if (!exists) throw new ProgressRefused("Choose an action or goal of the signed plan.");
  const note = { id: randomBytes(6).toString("hex"), at, by, target, kind, text, version: plan.version };
  return { ...plan, progress: { ...plan.progress, notes: [...plan.progress.notes, note] } };
}

/** The action's status now: what was recorded after signing, or as signed. */
export function actionStatus(progress: Progress, actionId: string, signed: ActionProgress = "not-started"): ActionProgress {
  return progress.actions[actionId]?.status ?? signed;
}
