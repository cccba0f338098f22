/**
 * Training mode: practise the whole workflow on made-up clients. Practice plans are marked on
 * every page and never appear in caseloads, exports or counts of real work; supervisors can open
 * every trainee's practice plans and scorecards.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app.ts";
import { requireRole } from "../auth/middleware.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { readForm } from "../http/form.ts";
import { createPlan, loadPlan } from "../plans/conversation.ts";
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
    return c.html(c.get("render")("pages/training", { scenarios: scenarios(), plans, names, practice: true }));
  });

  app.post("/training", requireRole("trainee", "case-manager"), async (c) => {
    const form = await readForm(c);
    const s = scenario(form.scenario);
    if (!s) return errorResponse(c, 422, "Choose one of the practice scenarios.");
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

export function scorecardRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:id/scorecard", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const card = scorecard(plan.data, todayIn(c.get("deps").settings.timeZone, c.get("deps").now()));
    return c.html(c.get("render")("pages/scorecard", { plan, card, scenario: plan.practice ? scenario(plan.practice.scenarioId) : undefined }));
  });
  return app;
}
