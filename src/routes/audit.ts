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
import { planRequestWords, readPlanRequest } from "../audit/plan-request-words.ts";
import { catalogs } from "../i18n/catalogs.ts";
import type { Translator } from "../i18n/translator.ts";

/**
 * The words an entry's codes are shown in, in the reader's language: an action or outcome by its
 * `audit.action.*` / `audit.outcome.*` message (a code Coplan has no words for, as it is), and a
 * detail by the message it was written from, if it is one the page knows (readPlanRequest, and the
 * list pages' and calendar's own), else as stored.
 */
function entryWords(tr: Translator) {
  const english = catalogs()[0].messages;
  const known = (key: string) => Object.hasOwn(english, key);
  const coded = (area: string, code: string) => (known(`audit.${area}.${code}`) ? tr.t(`audit.${area}.${code}`) : code);
  return {
    action: (code: string) => coded("action", code),
    outcome: (code: string) => coded("outcome", code),
    actor: (id: string, names: Record<string, string>) => names[id] ?? (known(`audit.actor.${id}`) ? tr.t(`audit.actor.${id}`) : id),
    detail: (detail: string, names: Record<string, string>) => {
      const request = readPlanRequest(detail);
      if (request) return planRequestWords(tr.t, request);
      // A reassignment records whom to ("to <account id>"), a link's use which link: said with the person's name.
      const to = /^to ([A-Za-z0-9_-]+)$/.exec(detail);
      if (to) return tr.t("audit.detail.reassignedTo", { name: names[to[1]] ?? to[1] });
      const link = /^(review page, )?link ([A-Za-z0-9_-]+)$/.exec(detail);
      if (link) return tr.t(link[1] ? "audit.detail.reviewPageLink" : "audit.detail.link", { id: link[2] });
      const key = `audit.detail.${detail.replace(/ /g, "-")}`;
      return known(key) ? tr.t(key) : detail;
    },
  };
}

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
    const common = { users, names, actions: AUDIT_ACTIONS, values: parsed.values, words: entryWords(c.get("i18n")) };
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
