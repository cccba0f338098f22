/**
 * Records every request for a plan in the audit log after it is answered: views, changes,
 * signatures, exports and review-link changes, with the outcome. Only ids and route names go in,
 * never the words on the page.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app.ts";
import type { AuditAction } from "./audit-log.ts";

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

export const auditPlanRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.param("id");
  await next();
  if (!id || id === "new") return;
  const status = c.res.status;
  if (status === 404 && reads(c.req.method)) return; // already recorded as refused, or no such plan
  await c.get("deps").audit.record({
    actor: c.get("user")?.id ?? "anonymous",
    action: actionFor(c.req.method, c.req.path),
    record: id,
    detail: `${c.req.method} ${c.req.routePath} ${status}`,
    ip: c.get("ip"),
    outcome: status < 400 ? "ok" : "refused",
  });
};
