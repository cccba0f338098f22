/**
 * Records every request for a plan in the audit log after it is answered: views, changes,
 * signatures, exports and review-link changes, with the outcome, described in words
 * (plan-request-words.ts). Only ids and step names go in, never the words on the page.
 *
 * Where the store keeps the audit log beside the plans (PostgreSQL), a change's entry is instead
 * recorded in the same transaction as the plan's save (audited-saves.ts): the request's deps then
 * carry a store whose first save of this plan takes the entry the request would get on success.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import type { AuditAction, AuditInput } from "./audit-log.ts";
import { hasAuditedSaves, RequestSaves } from "./audited-saves.ts";
import { describePlanRequest } from "./plan-request-words.ts";

/** GET and HEAD only read (HEAD is a GET without the body: hono answers it with the GET route). */
const reads = (method: string) => method === "GET" || method === "HEAD";

function actionFor(method: string, path: string): AuditAction {
  if (reads(method)) return /(retainer\.pdf|export(\.[a-z]+)?\.json)$/.test(path) ? "plan-exported" : "plan-viewed";
  if (/\/sign$/.test(path)) return "plan-signed";
  if (/\/consent$/.test(path)) return "plan-consent";
  if (/\/review-links\/[^/]+\/revoke$/.test(path)) return "review-link-revoked";
  if (/\/review-links$/.test(path)) return "review-link-created";
  if (/\/reassign$/.test(path)) return "plan-reassigned";
  if (/\/notes$/.test(path)) return "plan-commented";
  return "plan-changed";
}

const RECORDED_BY_ROUTE = new Set<AuditAction>(["plan-commented", "plan-reassigned"]);

/** The request's entry, had it answered with `status`. Made where the route runs, so its pattern and parameters are the route's. */
function entryOf(c: Context<AppEnv>, id: string, status: number): AuditInput {
  return {
    actor: c.get("user")?.id ?? "anonymous",
    action: actionFor(c.req.method, c.req.path),
    record: id,
    detail: describePlanRequest(c.req.method, c.req.routePath, c.req.param() as Record<string, string>, status),
    ip: c.get("ip"),
    outcome: status < 400 ? "ok" : "refused",
  };
}

export const auditPlanRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.param("id");
  if (!id || id === "new") return next();
  const deps = c.get("deps");
  // A change saved in this request records its entry in the save's transaction (as a success: it committed).
  const saves = hasAuditedSaves(deps.store) && !reads(c.req.method) ? new RequestSaves(deps.store, id, () => entryOf(c, id, 200)) : null;
  if (saves) c.set("deps", { ...deps, store: saves });
  await next();
  if (saves?.recorded) return;
  const status = c.res.status;
  if (status === 404 && reads(c.req.method)) return; // already recorded as refused, or no such plan
  // A supervisor's note and a reassignment are recorded by their own routes once they are done
  // (with whom the plan went to): a second line here counted each of them twice.
  if (status < 400 && RECORDED_BY_ROUTE.has(actionFor(c.req.method, c.req.path))) return;
  await deps.audit.record(entryOf(c, id, status));
};
