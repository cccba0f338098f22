/** Home pages: a case manager's caseload, and a supervisor's view of every caseload. */
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { z } from "zod";
import { caseloadRow, OVERSIGHT_SORTS, type OversightRow, sortOversight } from "../plans/caseload.ts";
import { viewOf } from "../plans/conversation.ts";
import { oversightRow } from "../plans/oversight.ts";
import { findingWords } from "../plans/finding-words.ts";
import { RULES, type RuleId, ruleSummaryKey } from "../practice/rules.ts";
import { handoverSummary } from "../plans/handover.ts";
import { inForce } from "../plans/reassessment.ts";
import { verifySeal } from "../signing/seal.ts";
import type { Deps } from "../deps.ts";
import { todayIn } from "../time.ts";

/**
 * A draft's summary holds the draft's dates; if a signed version is in force beside it (a
 * reassessment), its open dates are read from the plan itself. Only drafts are read, so a
 * caseload of signed plans costs no more than before.
 */
async function signedInForce(deps: Deps, id: string, today: string) {
  const stored = await deps.store.get(id);
  const force = stored && inForce(stored);
  if (!stored || !force?.draftBeside) return undefined;
  const check = verifySeal(id, force.sealed, deps.signer);
  if (!check.ok) return undefined;
  const open = handoverSummary(check.data, force.progress, today).actions.filter((a) => a.state === "open" && a.due);
  return { version: force.version, openTargets: open.map((a) => a.due!).sort() };
}

/** A dismissed finding's rule, as stored: its summary's key, or null for a rule Coplan no longer has. */
const ruleKey = (rule: string) => (Object.hasOwn(RULES, rule) ? ruleSummaryKey(rule as RuleId) : null);

const SortField = z.enum(OVERSIGHT_SORTS);

export function caseloadRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", (c) => {
    const role = c.get("user")!.role;
    return c.redirect(role === "admin" ? "/users" : role === "supervisor" ? "/supervisor" : role === "trainee" ? "/training" : "/caseload", 303);
  });

  app.get("/caseload", requireRole("case-manager"), async (c) => {
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    const mine = (await c.get("deps").store.list()).filter((s) => s.ownerId === c.get("user")!.id && !s.practice);
    const rows = [];
    for (const s of mine) rows.push(caseloadRow(s, today, s.step === "signed" ? undefined : await signedInForce(c.get("deps"), s.id, today)));
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "plan-list", detail: "caseload", ip: c.get("ip") });
    return c.html(c.get("render")("pages/caseload", { rows, today }));
  });

  app.get("/supervisor", requireRole("supervisor"), async (c) => {
    const today = todayIn(c.get("deps").settings.timeZone, c.get("deps").now());
    // An unknown order is not worth an error page: the default order is shown.
    const sort = SortField.catch("attention").parse(c.req.query("sort"));
    // Practice plans are not real work: they never count in caseloads.
    const summaries = (await c.get("deps").store.list()).filter((s) => !s.practice);
    const users = await c.get("deps").users.all();
    const managers = users.filter((u) => u.role === "case-manager");
    const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
    const rows: (OversightRow & { managed: boolean })[] = [];
    for (const s of summaries) {
      const stored = await c.get("deps").store.get(s.id);
      if (!stored) continue;
      const active = managers.some((m) => m.id === s.ownerId);
      const manager = active ? names[s.ownerId!] : c.get("i18n").t("supervisor.noManager");
      rows.push({ ...oversightRow(viewOf(stored), manager, today, c.get("deps").signer), managed: active });
    }
    const counts = managers.map((m) => {
      const mine = rows.filter((r) => r.managed && r.managerName === m.displayName);
      return { manager: m, plans: mine.length, overdue: mine.filter((r) => r.overdue.length).length };
    });
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "plan-list", detail: "all caseloads", ip: c.get("ip") });
    return c.html(c.get("render")("pages/supervisor", { rows: sortOversight(rows, sort), counts, sort, sorts: OVERSIGHT_SORTS, today, words: findingWords, ruleKey }));
  });

  return app;
}
