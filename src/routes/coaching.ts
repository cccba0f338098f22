/**
 * Coaching actions: copy a suggested rewrite into the worker's words; put a suggested barrier
 * category on its barrier; dismiss a finding with a reason.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { PlanEvent } from "../../machines/plan-machine.ts";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { msg, msgText } from "../i18n/translator.ts";
import { isHtmx, readForm, readRev } from "../http/form.ts";
import { outOfBand } from "../http/fragments.ts";
import { categoryEvent, findingKey, openFindings, rewriteEvent } from "../plans/coaching.ts";
import { loadPlan, type PlanView, RefusedError, sendEvent } from "../plans/conversation.ts";
import type { Finding } from "../practice/findings.ts";
import { StaleRevisionError } from "../store/plan-store.ts";
import { todayIn } from "../time.ts";
import { signingPageData } from "./signing.ts";

type C = Context<AppEnv>;

/** The composer after a change made from outside it (coaching, training suggestions), with everything else that changed out of band. */
export function composer(c: C, before: PlanView, after: PlanView, extra: Record<string, unknown>, status: 200 | 409 | 422) {
  if (!isHtmx(c)) {
    if (status === 200) return c.redirect(`/plans/${after.id}`, 303);
    return c.html(c.get("render")("pages/conversation", signingPageData(c, after, extra)), status);
  }
  c.header("Vary", "HX-Request");
  const data = signingPageData(c, after, extra);
  return c.html(c.get("render")("partials/composer", data) + "\n" + outOfBand(c.get("render"), before, after, undefined, data), status);
}

function openFinding(c: C, view: PlanView, key: string | undefined): Finding | undefined {
  const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
  return openFindings(view.data, today, view.coaching.dismissed).find((f) => findingKey(f) === key);
}

/**
 * Applies a suggestion. A suggestion's form sits under its answer's bubble, which is not sent again
 * with every answer, so its plan version may be older than the plan: what guards the change is that
 * the suggestion is still open and says what the form showed (its wording, or its category).
 */
async function applySuggestion(c: C, before: PlanView, event: PlanEvent | null, refusal: string) {
  if (!event) return composer(c, before, before, { refusal }, 422);
  return sendToComposer(c, before, before.rev, event);
}

/** Sends one event and answers with the composer: 200, 409 with the latest plan, or 422 saying why. */
export async function sendToComposer(c: C, before: PlanView, rev: number, event: PlanEvent) {
  try {
    const after = await sendEvent(c.get("deps").store, before.id, rev, event);
    return composer(c, before, after, {}, 200);
  } catch (err) {
    if (err instanceof StaleRevisionError) {
      const latest = (await loadPlan(c.get("deps").store, before.id)) ?? before;
      return composer(c, latest, latest, { conflict: true }, 409);
    }
    if (err instanceof RefusedError) return composer(c, before, before, { refusal: err.reason }, 422);
    throw err;
  }
}

export function coachingRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/:id/coaching/apply", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const form = await readForm(c);
    readRev(form); // a form without its plan version is malformed
    const finding = openFinding(c, before, form.key);
    const shown = form.rewrite === undefined || form.rewrite === finding?.rewrite;
    const event = finding && shown ? rewriteEvent(finding, before.data) : null;
    return applySuggestion(c, before, event, msgText("coaching.suggestionGone"));
  });

  app.post("/:id/coaching/category", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const form = await readForm(c);
    readRev(form);
    const finding = openFinding(c, before, form.key);
    const event = finding ? categoryEvent(finding, form.category ?? "", before.data) : null;
    return applySuggestion(c, before, event, msgText("coaching.categoryGone"));
  });

  const Dismiss = z.object({
    // One finding's key, or several space-separated: the same finding on answers worded the same, dismissed together.
    key: z.string().max(120 * 30, { message: msgText("coaching.tooManyToDismiss") }),
    reason: z.string().max(500, { message: msgText("coaching.reasonTooLong") }).refine((r) => r.trim() !== "", { message: msgText("coaching.reasonMissing") }),
  });

  app.post("/:id/coaching/dismiss", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    const parsed = Dismiss.safeParse(form);
    // The reason typed goes back into its own field, with the message beside it.
    const dismissing = { key: form.key ?? "", reason: form.reason ?? "" };
    if (!parsed.success) {
      const message = parsed.error.issues[0].message;
      return composer(c, before, before, { refusal: message, dismissing: { ...dismissing, error: message } }, 422);
    }
    const keys = [...new Set(parsed.data.key.split(" ").filter(Boolean))];
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    const open = new Map(openFindings(before.data, today, before.coaching.dismissed).map((f) => [findingKey(f), f]));
    const findings = keys.map((key) => open.get(key));
    if (!keys.length || findings.some((f) => !f)) return errorResponse(c, 422, msg("coaching.findingGone"));
    const at = c.get("deps").now().toISOString();
    const entries = findings.map((f, i) => ({ key: keys[i], rule: f!.rule, reason: parsed.data.reason, by: c.get("user")!.id, at }));
    try {
      await c.get("deps").store.update(before.id, rev, (p) => ({ ...p, coaching: { dismissed: [...p.coaching.dismissed, ...entries] } }));
    } catch (err) {
      if (err instanceof StaleRevisionError) return composer(c, before, (await loadPlan(c.get("deps").store, before.id)) ?? before, { conflict: true, dismissing }, 409);
      throw err;
    }
    return c.redirect(`/plans/${before.id}#coaching-title`, 303);
  });

  return app;
}
