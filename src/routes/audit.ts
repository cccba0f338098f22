/** Supervisors and administrators browse the audit log, newest first, and see if its chain holds. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app.ts";
import { AUDIT_ACTIONS, type AuditEntry, verifyChain } from "../audit/audit-log.ts";

const Filter = z.object({
  actor: z.string().max(64).optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  record: z.string().max(64).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const PAGE = 100;

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const f = Filter.parse(c.req.query());
    const lines = await c.get("deps").audit.lines();
    const chain = verifyChain(lines);
    const entries: AuditEntry[] = [];
    for (const line of lines) {
      try {
        entries.push(JSON.parse(line));
      } catch {
        /* an unreadable line is reported by the chain check */
      }
    }
    const users = await c.get("deps").users.all();
    const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
    const matching = entries
      .filter((e) => (!f.actor || e.actor === f.actor) && (!f.action || e.action === f.action) && (!f.record || e.record === f.record))
      .filter((e) => (!f.from || e.at.slice(0, 10) >= f.from) && (!f.to || e.at.slice(0, 10) <= f.to))
      .reverse();
    const shown = matching.slice((f.page - 1) * PAGE, f.page * PAGE);
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "audit-viewed", ip: c.get("ip") });
    return c.html(c.get("render")("pages/audit", { chain, entries: shown, total: matching.length, filter: f, users, names, actions: AUDIT_ACTIONS, page: f.page, pages: Math.max(1, Math.ceil(matching.length / PAGE)) }));
  });
  return app;
}
