/**
 * Training mode: practise the whole workflow on made-up clients. Practice plans are marked on
 * every page and never appear in caseloads, exports or counts of real work; supervisors can open
 * every trainee's practice plans and scorecards.
 */
import { Hono } from "hono";
import { isStage, stepKey } from "../../machines/steps.ts";
import { msg, msgText } from "../i18n/translator.ts";
import type { AppEnv } from "../http/app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { readForm, readRev } from "../http/form.ts";
import { createPlan, loadPlan } from "../plans/conversation.ts";
import { parseItem } from "../plans/forms.ts";
import { practiceData } from "../training/suggestions.ts";
import { composer, sendToComposer } from "./coaching.ts";
import { coachingHelpers } from "../plans/coaching.ts";
import { scenario, scenarios } from "../training/scenarios.ts";
import { scorecard } from "../training/scorecard.ts";
import { todayIn } from "../time.ts";
import { addDays } from "../plans/caseload.ts";

export function trainingRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/training", requireRole("trainee", "case-manager", "supervisor"), async (c) => {
    const user = c.get("user")!;
    const users = await c.get("deps").users.all();
    const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
    const plans = (await c.get("deps").store.list()).filter((s) => s.practice && (user.role === "supervisor" || s.ownerId === user.id));
    const stageKey = (step: string) => (isStage(step) ? stepKey(step) : null);
    return c.html(c.get("render")("pages/training", { scenarios: scenarios(), plans, names, stageKey, practice: true }));
  });

  app.post("/training", requireRole("trainee", "case-manager"), async (c) => {
    const form = await readForm(c);
    const s = scenario(form.scenario);
    if (!s) return errorResponse(c, 422, msg("training.chooseScenario"));
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    const plan = await createPlan(
      c.get("deps").store,
      {
        clientName: s.client.name,
        pronouns: s.client.pronouns,
        serviceLength: s.serviceLength,
        assessmentType: "initial",
        planDate: today,
        annualReviewDate: addDays(today, 365),
        priorityIssues: s.priorityIssues,
      },
      c.get("user")!.id,
      { scenarioId: s.id },
    );
    return c.redirect(`/plans/${plan.id}`, 303);
  });

  return app;
}

/** Routes on one practice plan (mounted under /plans, behind plan access): its scorecard, and its suggested answers. */
export function scorecardRoutes() {
  const app = new Hono<AppEnv>();

  // A suggested answer is used once: sent again (a double click, an old tab), it is refused in words.
  app.post("/:id/suggestions", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    // A real plan is there to see (access has been checked); it just has no made-up answers to offer.
    if (!before.practice) return errorResponse(c, 422, msg("training.practiceOnly"));
    const form = await readForm(c);
    const rev = readRev(form);
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    const offered = practiceData(before, today).suggestions.find((s) => s.id === form.suggestion);
    if (!offered) return composer(c, before, before, { refusal: msgText("training.notOffered") }, 422);
    if (offered.used) return composer(c, before, before, { refusal: msgText("training.alreadyUsed", { answer: offered.words }) }, 422);
    const parsed = parseItem(offered.kind, offered.fields);
    if (!parsed.ok) return composer(c, before, before, { refusal: msgText("training.doesNotFit") }, 422);
    return sendToComposer(c, before, rev, { type: "ADD", kind: offered.kind, input: parsed.value });
  });

  app.get("/:id/scorecard", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const card = scorecard(plan.data, todayIn(c.get("deps").settings.timeZone, c.get("deps").now()));
    return c.html(c.get("render")("pages/scorecard", { plan, card, coaching: coachingHelpers(plan.data), scenario: plan.practice ? scenario(plan.practice.scenarioId) : undefined }));
  });
  return app;
}
