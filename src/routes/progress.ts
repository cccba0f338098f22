/**
 * After signing: recording progress beside the sealed version, starting a reassessment, reading
 * earlier versions and what changed between them.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { readForm, readRev } from "../http/form.ts";
import { loadPlan, type PlanView, RefusedError, startReassessment } from "../plans/conversation.ts";
import { CHANGE_LABELS, diffPlans } from "../plans/diff.ts";
import { addNote, ProgressRefused, setActionStatus, setGoalStatus } from "../plans/progress.ts";
import { type SealKey, verifySeal } from "../signing/seal.ts";
import { ACTION_PROGRESS, GOAL_PROGRESS, StaleRevisionError, type StoredPlan } from "../store/plan-store.ts";
import { todayIn } from "../time.ts";
import type { PlanData } from "../domain/plan.ts";

type C = Context<AppEnv>;

const NoteForm = z.object({
  target: z.string().regex(/^(action|goal):[a-z0-9-]{1,40}$/, { message: "Choose the action or goal the note is about." }),
  kind: z.enum(["progress", "lack-of-progress", "change"], { message: "Choose what kind of note this is." }),
  text: z.string().max(4000, { message: "Please keep the note under 4000 characters." }).refine((t) => t.trim() !== "", { message: "Write the note." }),
});

/** The signed version being followed up: its verified content, or why it cannot be trusted. */
function signedData(plan: PlanView, key: SealKey) {
  const check = verifySeal(plan.id, plan.sealed, key);
  return check;
}

async function progressPage(c: C, plan: PlanView, extra: Record<string, unknown> = {}, status: 200 | 409 | 422 = 200) {
  const check = signedData(plan, c.get("deps").signer);
  const users = await c.get("deps").users.all();
  const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
  return c.html(
    c.get("render")("pages/progress", {
      plan,
      check,
      data: check.ok ? check.data : undefined,
      names,
      actionStatuses: ACTION_PROGRESS,
      goalStatuses: GOAL_PROGRESS,
      values: {},
      errors: {},
      ...extra,
    }),
    status,
  );
}

export function progressRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:id/progress", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    if (!plan.sealed) return errorResponse(c, 404, "Progress is recorded on a signed plan. This version is not signed yet.");
    return progressPage(c, plan);
  });

  const record = async (c: C, apply: (plan: StoredPlan, data: PlanData) => StoredPlan, values: Record<string, string>) => {
    const id = c.req.param("id")!;
    const before = await loadPlan(c.get("deps").store, id);
    if (!before) return notFound(c);
    const check = signedData(before, c.get("deps").signer);
    if (!check.ok) return progressPage(c, before, { refusal: check.problem }, 422);
    try {
      await c.get("deps").store.update(id, readRev(values), (p) => apply(p, check.data));
    } catch (err) {
      if (err instanceof StaleRevisionError) return progressPage(c, (await loadPlan(c.get("deps").store, id))!, { conflict: true, values }, 409);
      if (err instanceof ProgressRefused) return progressPage(c, before, { refusal: err.message, values }, 422);
      throw err;
    }
    return c.redirect(`/plans/${id}/progress#${values.anchor ?? "actions"}`, 303);
  };

  app.post("/:id/progress/actions/:actionId", async (c) => {
    const form = await readForm(c);
    // actionId tells the page which action's form gets the typed reason back on a refusal.
    const values = { ...form, anchor: `action-${c.req.param("actionId")}`, actionId: c.req.param("actionId") };
    const status = z.enum(ACTION_PROGRESS).safeParse(form.status);
    if (!status.success) {
      const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
      if (!plan) return notFound(c);
      return progressPage(c, plan, { refusal: "Choose a status for the action.", values }, 422);
    }
    const at = c.get("deps").now().toISOString();
    return record(c, (p, data) => setActionStatus(p, data, c.req.param("actionId"), status.data, form.reason, c.get("user")!.id, at), values);
  });

  app.post("/:id/progress/goals/:goalId", async (c) => {
    const form = await readForm(c);
    const status = z.enum(GOAL_PROGRESS).safeParse(form.status);
    if (!status.success) return errorResponse(c, 422, "Choose a status for the goal.");
    const at = c.get("deps").now().toISOString();
    return record(c, (p, data) => setGoalStatus(p, data, c.req.param("goalId"), status.data, c.get("user")!.id, at), { ...form, anchor: `goal-${c.req.param("goalId")}` });
  });

  app.post("/:id/progress/notes", async (c) => {
    const form = await readForm(c);
    const parsed = NoteForm.safeParse(form);
    if (!parsed.success) {
      const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
      if (!plan) return notFound(c);
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return progressPage(c, plan, { values: form, errors }, 422);
    }
    const [kind, id] = parsed.data.target.split(":") as ["action" | "goal", string];
    const at = c.get("deps").now().toISOString();
    return record(c, (p, data) => addNote(p, data, { kind, id }, parsed.data.kind, parsed.data.text, c.get("user")!.id, at), { ...form, anchor: "notes" });
  });

  app.post("/:id/reassess", async (c) => {
    const form = await readForm(c);
    const rev = readRev(form);
    try {
      const plan = await startReassessment(c.get("deps").store, c.req.param("id"), rev, todayIn(c.get("deps").settings.timeZone, c.get("deps").now()));
      return c.redirect(`/plans/${plan.id}`, 303);
    } catch (err) {
      if (err instanceof RefusedError) return errorResponse(c, 422, err.reason);
      if (err instanceof StaleRevisionError) return errorResponse(c, 409, "The plan changed since this page was loaded. Nothing was started; reload and try again.");
      throw err;
    }
  });

  app.get("/:id/changes", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const last = plan.history.at(-1);
    if (!last) return errorResponse(c, 404, "There is no earlier version of this plan to compare with.");
    const before = verifySeal(plan.id, last.sealed, c.get("deps").signer);
    if (!before.ok) return errorResponse(c, 409, before.problem);
    // The earlier version's progress says which items left because they were done or not done.
    const diff = diffPlans(before.data, plan.data, last.progress);
    return c.html(c.get("render")("pages/changes", { plan, diff, fromVersion: last.version, labels: CHANGE_LABELS }));
  });

  return app;
}
