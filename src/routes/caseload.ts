/** Home pages: a case manager's caseload, and a supervisor's view of every caseload. */
import { Hono } from "hono";
import type { AppEnv } from "../app.ts";
import { requireRole } from "../auth/middleware.ts";
import { caseloadRow } from "../plans/caseload.ts";
import { todayIn } from "../time.ts";

export function caseloadRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", (c) => {
    const role = c.get("user")!.role;
    return c.redirect(role === "admin" ? "/users" : role === "supervisor" ? "/supervisor" : role === "trainee" ? "/training" : "/caseload", 303);
  });

  app.get("/caseload", requireRole("case-manager"), async (c) => {
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    const rows = (await c.get("deps").store.list()).filter((s) => s.ownerId === c.get("user")!.id && !s.practice).map((s) => caseloadRow(s, today));
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "plan-list", detail: "caseload", ip: c.get("ip") });
    return c.html(c.get("render")("pages/caseload", { rows, today }));
  });

  app.get("/supervisor", requireRole("supervisor"), async (c) => {
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    // Practice plans are not real work: they never count in caseloads.
    const summaries = (await c.get("deps").store.list()).filter((s) => !s.practice);
    const managers = (await c.get("deps").users.all()).filter((u) => u.role === "case-manager");
    const groups = managers.map((m) => ({
      manager: m,
      rows: summaries.filter((s) => s.ownerId === m.id).map((s) => caseloadRow(s, today)),
    }));
    const unassigned = summaries.filter((s) => !managers.some((m) => m.id === s.ownerId)).map((s) => caseloadRow(s, today));
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "plan-list", detail: "all caseloads", ip: c.get("ip") });
    return c.html(c.get("render")("pages/supervisor", { groups, unassigned, today }));
  });

  return app;
}
