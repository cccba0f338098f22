/**
 * Supervisors and administrators browse the audit log, newest first, a hundred entries to a page,
 * filtered by person, record, action and dates, and see whether the log is whole: its chain and
 * its signed head are checked as the log streams past, so a log of any size is read in bounded
 * memory.
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { AUDIT_ACTIONS } from "../audit/audit-log.ts";
import { type AuditQuery, PageCollector, parseAuditQuery } from "../audit/query.ts";

/** A link to another page of the log with the same filters. */
function pageHref(q: AuditQuery, cursor: { before?: number; after?: number }): string {
  const params = new URLSearchParams();
  for (const k of ["actor", "action", "record", "from", "to"] as const) if (q[k]) params.set(k, q[k]);
  if (cursor.before !== undefined) params.set("before", String(cursor.before));
  if (cursor.after !== undefined) params.set("after", String(cursor.after));
  const s = params.toString();
  return s ? `/audit?${s}` : "/audit";
}

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const deps = c.get("deps");
    const parsed = parseAuditQuery(c.req.query());
    const users = await deps.users.all();
    const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
    const common = { users, names, actions: AUDIT_ACTIONS, values: parsed.values };
    // A filter that cannot be read: said beside it, with what was typed kept, and no entries until it is put right.
    if (!parsed.ok) return c.html(c.get("render")("pages/audit", { ...common, errors: parsed.errors, verdict: null, page: null, links: {} }), 422);
    const q = parsed.query;
    const collector = new PageCollector(q);
    const verdict = await deps.audit.check(collector.visit);
    const page = collector.result();
    const top = page.entries[0]?.seq;
    const bottom = page.entries.at(-1)?.seq;
    const links = {
      newer: page.hasNewer && top !== undefined ? pageHref(q, { after: top }) : null,
      older: page.hasOlder && bottom !== undefined ? pageHref(q, { before: bottom }) : null,
      newest: q.before !== undefined || q.after !== undefined ? pageHref(q, {}) : null,
    };
    await deps.audit.record({ actor: c.get("user")!.id, action: "audit-viewed", ip: c.get("ip") });
    return c.html(c.get("render")("pages/audit", { ...common, errors: {}, verdict, page, links }));
  });
  return app;
}
