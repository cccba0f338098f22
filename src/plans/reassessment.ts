/**
 * Reassessment: the next version of a plan starts as a draft pre-filled from the last signed one.
 * Exactly the open items are carried forward (with their ids, so their status history and notes
 * come along); finished ones stay in the earlier version, shown as done, or as not done with the
 * reason recorded: "not done" closes an action, it does not leave it open for the next version.
 *
 * Until the next version is signed, the last signed one stays the plan in force: its retainer,
 * review link, calendar dates and progress go on as before beside the draft (inForce below).
 */
import type { PlanData, Setup } from "../domain/plan.ts";
import { draftCommitment, type Drafts } from "../../machines/commitment.ts";
import type { Progress, StoredPlan } from "../store/plan-store.ts";

const FINISHED_ACTIONS = new Set(["done", "not-done"]);

const CLOSED_GOALS = new Set(["achieved", "not-achieved", "no-longer-relevant"]);

export function carryForward(data: PlanData, progress: Progress, today: string): { data: PlanData; progress: Progress; nextId: number; drafts: Drafts } {
  const goals = data.goals.filter((g) => !CLOSED_GOALS.has(progress.goals[g.id]?.status ?? ""));
  const goalIds = new Set(goals.map((g) => g.id));
  const actions = data.actions
    .filter((a) => goalIds.has(a.goalId) && !FINISHED_ACTIONS.has(progress.actions[a.id]?.status ?? a.status))
    .map((a) => ({ ...a, status: progress.actions[a.id]?.status ?? a.status, commitment: a.commitment }));
  const actionIds = new Set(actions.map((a) => a.id));
  const keep = (t: { kind: "action" | "goal"; id: string }) => (t.kind === "action" ? actionIds.has(t.id) : goalIds.has(t.id));
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace("-02-29", "-02-28");
  const setup: Setup = { ...data.setup, assessmentType: "reassessment", planDate: today, annualReviewDate: nextYear };
  const ids = [...data.goals, ...data.declined, ...data.barriers, ...data.strengths, ...data.actions].map((x) => Number(x.id.slice(1)) || 0);
  return {
    data: {
      setup,
      goals,
      declined: data.declined,
      barriers: data.barriers.filter((b) => goalIds.has(b.goalId)),
      strengths: data.strengths,
      actions,
    },
    progress: {
      actions: Object.fromEntries(Object.entries(progress.actions).filter(([id]) => actionIds.has(id))),
      goals: Object.fromEntries(Object.entries(progress.goals).filter(([id]) => goalIds.has(id))),
      log: progress.log.filter((l) => keep(l.target)),
      notes: progress.notes.filter((n) => keep(n.target)),
    },
    nextId: Math.max(0, ...ids) + 1,
    // Each carried commitment was signed as agreeing with its action as it stood: the new version's
    // dates then re-draft the untouched ones and flag hand-written ones whose action moved.
    drafts: Object.fromEntries(actions.filter((a) => a.commitment).map((a) => [a.id, draftCommitment(a, data)])),
  };
}

export interface InForce {
  version: number;
  sealed: NonNullable<StoredPlan["sealed"]>;
  /** The progress recorded against that version. */
  progress: Progress;
  /** True while a reassessment's draft of the next version exists beside it. */
  draftBeside: boolean;
}

/** The signed version now in force: the current one once signed, else (during a reassessment) the last signed one. */
export function inForce(plan: Pick<StoredPlan, "sealed" | "progress" | "history" | "version">): InForce | undefined {
  if (plan.sealed) return { version: plan.version, sealed: plan.sealed, progress: plan.progress, draftBeside: false };
  const last = plan.history.at(-1);
  return last ? { version: last.version, sealed: last.sealed, progress: last.progress, draftBeside: true } : undefined;
}
