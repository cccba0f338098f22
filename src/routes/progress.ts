/**
 * After signing: recording progress beside the sealed version, starting a reassessment, reading
 * earlier versions and what changed between them.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { msg, msgText } from "../i18n/translator.ts";
import { readForm, readRev } from "../http/form.ts";
import { loadPlan, type PlanView, RefusedError, startReassessment } from "../plans/conversation.ts";
import { changeLabel, diffPlans } from "../plans/diff.ts";
import { findingWords } from "../plans/finding-words.ts";
import { addNote, ProgressRefused, recordProgress, setActionStatus, setGoalStatus } from "../plans/progress.ts";
import { readProgressForm } from "../plans/progress-form.ts";
import { inForce } from "../plans/reassessment.ts";
import { type SealKey, verifySeal } from "../signing/seal.ts";
import { ACTION_PROGRESS, GOAL_PROGRESS, StaleRevisionError, type StoredPlan } from "../store/plan-store.ts";
import { todayIn } from "../time.ts";
import type { PlanData } from "../domain/plan.ts";

type C = Context<AppEnv>;

const NoteForm = z.object({
  target: z.string().regex(/^(action|goal):[a-z0-9-]{1,40}$/, { message: msgText("progress.error.noteTarget") }),
  kind: z.enum(["progress", "lack-of-progress", "change"], { message: msgText("progress.error.noteKind") }),
  text: z.string().max(4000, { message: msgText("progress.error.noteTooLong", { max: 4000 }) }).refine((t) => t.trim() !== "", { message: msgText("progress.error.noteEmpty") }),
});

/** The signed version in force (during a reassessment, the last signed one), checked against its seal. */
function signedData(plan: PlanView, key: SealKey) {
  const force = inForce(plan);
  return { force, check: verifySeal(plan.id, force?.sealed, key) };
}

async function progressPage(c: C, plan: PlanView, extra: Record<string, unknown> = {}, status: 200 | 409 | 422 = 200) {
  const { force, check } = signedData(plan, c.get("deps").signer);
  const users = await c.get("deps").users.all();
  const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
  return c.html(
    c.get("render")("pages/progress", {
      plan,
      force,
      check,
      data: check.ok ? check.data : undefined,
      names,
      actionStatuses: ACTION_PROGRESS,
      goalStatuses: GOAL_PROGRESS,
      // The supervisor's comments, where the case manager records the work they are about.
      comments: plan.notes.filter((n) => n.kind === "comment").reverse(),
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
    if (!inForce(plan)) return errorResponse(c, 404, msg("progress.notSignedYet"));
    return progressPage(c, plan, { saved: /^\d{1,3}$/.test(c.req.query("saved") ?? "") });
  });

  // The page's one form: every changed row in one save, or (on a refusal) none, with every row's words kept.
  app.post("/:id/progress", async (c) => {
    const form = await readForm(c);
    const id = c.req.param("id");
    const before = await loadPlan(c.get("deps").store, id);
    if (!before) return notFound(c);
    const { force, check } = signedData(before, c.get("deps").signer);
    if (!force) return errorResponse(c, 404, msg("progress.notSignedYet"));
    if (!check.ok) return progressPage(c, before, { refusal: check.problem, values: form }, 422);
    const { changes, errors } = readProgressForm(form, check.data, force.progress);
    if (Object.keys(errors).length) return progressPage(c, before, { values: form, errors }, 422);
    const at = c.get("deps").now().toISOString();
    try {
      await c.get("deps").store.update(id, readRev(form), (p) => recordProgress(p, check.data, changes, c.get("user")!.id, at));
    } catch (err) {
      if (err instanceof StaleRevisionError) return progressPage(c, (await loadPlan(c.get("deps").store, id))!, { conflict: true, values: form }, 409);
      if (err instanceof ProgressRefused) return progressPage(c, before, { refusal: err.message, values: form }, 422);
      throw err;
    }
    return c.redirect(`/plans/${id}/progress${changes.length ? "?saved=" + changes.length : ""}`, 303);
  });

  const record = async (c: C, apply: (plan: StoredPlan, data: PlanData) => StoredPlan, values: Record<string, string>) => {
    const id = c.req.param("id")!;
    const before = await loadPlan(c.get("deps").store, id);
    if (!before) return notFound(c);
    const { check } = signedData(before, c.get("deps").signer);
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
    // One row's own post (kept for old pages and scripts): its words go back into that row of the page's one form.
    const actionId = c.req.param("actionId");
    const values = { ...form, [`status-${actionId}`]: form.status ?? "", [`reason-${actionId}`]: form.reason ?? "", anchor: `action-${actionId}` };
    const status = z.enum(ACTION_PROGRESS).safeParse(form.status);
    if (!status.success) {
      const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
      if (!plan) return notFound(c);
      return progressPage(c, plan, { refusal: msgText("progress.error.actionStatus"), values }, 422);
    }
    const at = c.get("deps").now().toISOString();
    return record(c, (p, data) => setActionStatus(p, data, c.req.param("actionId"), status.data, form.reason, c.get("user")!.id, at), values);
  });

  app.post("/:id/progress/goals/:goalId", async (c) => {
    const form = await readForm(c);
    const status = z.enum(GOAL_PROGRESS).safeParse(form.status);
    if (!status.success) return errorResponse(c, 422, msg("progress.error.goalStatus"));
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
      if (err instanceof StaleRevisionError) return errorResponse(c, 409, msg("progress.reassessStale"));
      throw err;
    }
  });

  app.get("/:id/changes", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const last = plan.history.at(-1);
    if (!last) return errorResponse(c, 404, msg("changes.noEarlierVersion"));
    const before = verifySeal(plan.id, last.sealed, c.get("deps").signer);
    if (!before.ok) return errorResponse(c, 409, before.problem); // seal.ts's words, as every seal verdict
    // The earlier version's progress says which items left because they were done or not done.
    const diff = diffPlans(before.data, plan.data, last.progress);
    return c.html(c.get("render")("pages/changes", { plan, diff, fromVersion: last.version, label: changeLabel, words: findingWords }));
  });

  return app;
}
