/**
 * Progress after signing: statuses and dated notes recorded beside the signed version in force,
 * which itself never changes. While a reassessment's draft exists, that is the last signed
 * version; an item carried into the draft gets the same record there, so its history comes along
 * when the draft is signed. Pure functions over the stored plan; routes save the result.
 */
import { randomBytes } from "node:crypto";
import { msgText } from "../i18n/translator.ts";
import type { PlanData } from "../domain/plan.ts";
import type { Progress, StoredPlan } from "../store/plan-store.ts";
import { ACTION_PROGRESS, GOAL_PROGRESS } from "../store/plan-store.ts";
import { viewOf } from "./conversation.ts";
import { inForce } from "./reassessment.ts";

export type ActionProgress = (typeof ACTION_PROGRESS)[number];
export type GoalProgress = (typeof GOAL_PROGRESS)[number];
type Target = { kind: "action" | "goal"; id: string };
type NoteKind = Progress["notes"][number]["kind"];

export type ProgressChange =
  | { kind: "action"; id: string; status: ActionProgress; reason?: string }
  | { kind: "goal"; id: string; status: GoalProgress }
  | { kind: "note"; target: Target; noteKind: NoteKind; text: string };

export class ProgressRefused extends Error {}

/** As long as an action's own description: a reason is a sentence or two, and it is kept in every later version's log. */
export const REASON_MAX = 2000;

/** Why this change cannot be recorded against the signed version's content (a Msg in a string: msgText), or null. */
export function whyRefusedChange(data: PlanData, change: ProgressChange): string | null {
  if (change.kind === "action") {
    if (!data.actions.some((a) => a.id === change.id)) return msgText("progress.refused.noSuchAction");
    if (change.reason && change.reason.length > REASON_MAX) return msgText("progress.refused.reasonTooLong", { max: REASON_MAX });
    if (change.status === "not-done" && !change.reason?.trim()) return msgText("progress.refused.reasonNeeded");
    return null;
  }
  if (change.kind === "goal") return data.goals.some((g) => g.id === change.id) ? null : msgText("progress.refused.noSuchGoal");
  const { target } = change;
  const exists = target.kind === "action" ? data.actions.some((a) => a.id === target.id) : data.goals.some((g) => g.id === target.id);
  return exists ? null : msgText("progress.refused.noteTarget");
}

function applyTo(progress: Progress, change: ProgressChange, by: string, at: string, version: number): Progress {
  if (change.kind === "note") {
    const note = { id: randomBytes(6).toString("hex"), at, by, target: change.target, kind: change.noteKind, text: change.text, version };
    return { ...progress, notes: [...progress.notes, note] };
  }
  const target = { kind: change.kind, id: change.id };
  if (change.kind === "goal") {
    return { ...progress, goals: { ...progress.goals, [change.id]: { status: change.status, at, by } }, log: [...progress.log, { at, by, target, status: change.status, version }] };
  }
  const reason = change.reason?.trim() ? { reason: change.reason } : {};
  return {
    ...progress,
    actions: { ...progress.actions, [change.id]: { status: change.status, at, by, ...reason } },
    log: [...progress.log, { at, by, target, status: change.status, ...reason, version }],
  };
}

const targetOf = (c: ProgressChange): Target => (c.kind === "note" ? c.target : { kind: c.kind, id: c.id });

/**
 * Records the changes, all or none, against the version in force. `data` is that version's
 * verified signed content (the caller checked its seal).
 */
export function recordProgress(plan: StoredPlan, data: PlanData, changes: ProgressChange[], by: string, at: string): StoredPlan {
  const force = inForce(plan);
  if (!force) throw new ProgressRefused(msgText("progress.refused.notSigned"));
  for (const change of changes) {
    const why = whyRefusedChange(data, change);
    if (why) throw new ProgressRefused(why);
  }
  const recorded = changes.reduce((p, ch) => applyTo(p, ch, by, at, force.version), force.progress);
  if (!force.draftBeside) return { ...plan, progress: recorded };
  const draft = viewOf(plan).data;
  const inDraft = (t: Target) => (t.kind === "action" ? draft.actions : draft.goals).some((x) => x.id === t.id);
  const mirrored = changes.filter((ch) => inDraft(targetOf(ch))).reduce((p, ch) => applyTo(p, ch, by, at, force.version), plan.progress);
  const history = plan.history.map((h, i) => (i === plan.history.length - 1 ? { ...h, progress: recorded } : h));
  return { ...plan, history, progress: mirrored };
}

export function setActionStatus(plan: StoredPlan, data: PlanData, actionId: string, status: ActionProgress, reason: string | undefined, by: string, at: string): StoredPlan {
  return recordProgress(plan, data, [{ kind: "action", id: actionId, status, reason }], by, at);
}

export function setGoalStatus(plan: StoredPlan, data: PlanData, goalId: string, status: GoalProgress, by: string, at: string): StoredPlan {
  return recordProgress(plan, data, [{ kind: "goal", id: goalId, status }], by, at);
}

export function addNote(plan: StoredPlan, data: PlanData, target: Target, kind: NoteKind, text: string, by: string, at: string): StoredPlan {
  if (!inForce(plan)) throw new ProgressRefused(msgText("progress.refused.notSigned"));
  return recordProgress(plan, data, [{ kind: "note", target, noteKind: kind, text }], by, at);
}

/** The action's status now: what was recorded after signing, or as signed. */
export function actionStatus(progress: Progress, actionId: string, signed: ActionProgress = "not-started"): ActionProgress {
  return progress.actions[actionId]?.status ?? signed;
}
