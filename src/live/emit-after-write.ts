/**
 * After any accepted form post to a plan, its watchers hear of the new revision. Done once here,
 * for every route under /plans/:id, rather than in each route: no change can be missed. (The
 * embedded store tells no one of its saves; the PostgreSQL store tells deps.planEvents itself.)
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env.ts";

export const emitAfterWrite: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // Whatever the status: an answer saved and then refused a step (422) still changed the plan;
  // a stream ignores a revision it has already sent.
  if (c.req.method !== "POST") return;
  const id = c.req.param("id");
  if (!id) return;
  const plan = await c.get("deps").store.get(id).catch(() => null);
  // Told once per revision: on PostgreSQL the store has told it already, and this is a no-op.
  if (plan) c.get("deps").planEvents.emitPlanChanged(plan.id, plan.rev);
};
