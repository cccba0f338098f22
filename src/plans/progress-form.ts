/**
 * The progress page's one form, read into changes: a row whose status is as recorded and whose
 * reason box is empty is left alone, so one Save records exactly the rows that were changed.
 * Problems are keyed by row ("action-a7", "goal-g2") or note field, to be shown beside it, each a
 * message in a string (msgText) that the page says in its reader's language. Pure.
 */
import { z } from "zod";
import { msgText } from "../i18n/translator.ts";
import type { PlanData } from "../domain/plan.ts";
import { ACTION_PROGRESS, GOAL_PROGRESS, type Progress } from "../store/plan-store.ts";
import { type ProgressChange, whyRefusedChange } from "./progress.ts";

const NoteForm = z.object({
  target: z.string().regex(/^(action|goal):[a-z0-9-]{1,40}$/, { message: msgText("progress.error.noteTarget") }),
  kind: z.enum(["progress", "lack-of-progress", "change"], { message: msgText("progress.error.noteKind") }),
  text: z.string().max(4000, { message: msgText("progress.error.noteTooLong", { max: 4000 }) }),
});

export function readProgressForm(form: Record<string, string>, data: PlanData, progress: Progress): { changes: ProgressChange[]; errors: Record<string, string> } {
  const changes: ProgressChange[] = [];
  const errors: Record<string, string> = {};
  const take = (row: string, change: ProgressChange) => {
    const why = whyRefusedChange(data, change);
    if (why) errors[row] = why;
    else changes.push(change);
  };
  for (const a of data.actions) {
    const raw = form[`status-${a.id}`];
    if (raw === undefined) continue;
    const status = z.enum(ACTION_PROGRESS).safeParse(raw);
    if (!status.success) {
      errors[`action-${a.id}`] = msgText("progress.error.actionStatus");
      continue;
    }
    const reason = form[`reason-${a.id}`] ?? "";
    const current = progress.actions[a.id]?.status ?? a.status;
    if (status.data !== current || reason.trim()) take(`action-${a.id}`, { kind: "action", id: a.id, status: status.data, ...(reason.trim() ? { reason } : {}) });
  }
  for (const g of data.goals) {
    const raw = form[`goal-${g.id}`];
    if (raw === undefined) continue;
    const status = z.enum(GOAL_PROGRESS).safeParse(raw);
    if (!status.success) errors[`goal-${g.id}`] = msgText("progress.error.goalStatus");
    else if (status.data !== (progress.goals[g.id]?.status ?? "in-progress")) take(`goal-${g.id}`, { kind: "goal", id: g.id, status: status.data });
  }
  // A note is added only when one was written; its other choices alone are not a change.
  if ((form.text ?? "").trim()) {
    const note = NoteForm.safeParse(form);
    if (!note.success) for (const i of note.error.issues) errors[String(i.path[0])] ??= i.message;
    else {
      const [kind, id] = note.data.target.split(":") as ["action" | "goal", string];
      take("target", { kind: "note", target: { kind, id }, noteKind: note.data.kind, text: note.data.text });
    }
  }
  return { changes, errors };
}
