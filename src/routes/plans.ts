/** The list of plans, starting a new plan, and the conversation page itself. */
import { Hono } from "hono";
import { createPlan, loadPlan } from "../plans/conversation.ts";
import { parseSetup } from "../plans/forms.ts";
import { readForm } from "../http/form.ts";
import { signingPageData } from "./signing.ts";
import type { AppEnv } from "../app.ts";
import { notFound } from "../http/errors.ts";

export function plansRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const plans = await c.var.deps.store.list();
    return c.html(c.var.render("pages/plans", { plans }));
  });

  app.get("/new", (c) => {
    const today = c.var.deps.now().toISOString().slice(0, 10);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    return c.html(c.var.render("pages/new-plan", { values: { planDate: today, annualReviewDate: nextYear.endsWith("02-29") ? nextYear.replace("02-29", "02-28") : nextYear }, errors: {} }));
  });

  app.post("/", async (c) => {
    const form = await readForm(c);
    const parsed = parseSetup(form);
    if (!parsed.ok) return c.html(c.var.render("pages/new-plan", { values: form, errors: parsed.errors }), 422);
    const plan = await createPlan(c.var.deps.store, parsed.value);
    return c.redirect(`/plans/${plan.id}`, 303);
  });

  app.get("/:id", async (c) => {
    const plan = await loadPlan(c.var.deps.store, c.req.param("id"));
    if (!plan) return notFound(c);
    return c.html(c.var.render("pages/conversation", signingPageData(c, plan)));
  });

  return app;
}
