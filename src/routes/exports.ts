/** Exports of any version of a plan: Coplan's JSON format, and an HL7 FHIR R4 Bundle. Audited. */
import { Hono } from "hono";
import type { AppEnv } from "../app.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { loadPlan } from "../plans/conversation.ts";
import { pickVersion } from "../exports/plan-json.ts";

export function exportRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:id/export.json", async (c) => {
    const plan = await loadPlan(c.var.deps.store, c.req.param("id"));
    if (!plan) return notFound(c);
    if (plan.practice) return errorResponse(c, 404, "Practice plans are for training and are never exported.");
    const picked = pickVersion(plan, c.req.query("version"));
    if (!picked.ok) return errorResponse(c, picked.status, picked.message);
    c.header("Content-Disposition", `attachment; filename="case-plan-${plan.id}-v${picked.value.version}.json"`);
    return c.json(picked.value);
  });

  return app;
}
