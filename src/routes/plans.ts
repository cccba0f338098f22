/** The list of plans, starting a new plan, and the conversation page itself. */
import { Hono } from "hono";
import { savingWith } from "../audit/audited-saves.ts";
import { createPlan, loadPlan } from "../plans/conversation.ts";
import { parseSetup } from "../plans/forms.ts";
import { readForm } from "../http/form.ts";
import { signingPageData } from "./signing.ts";
import type { AppEnv } from "../http/app-env.ts";
import { notFound } from "../http/errors.ts";
import { requireRole } from "../auth/middleware.ts";
import { cachedPage, linksChangeAt, pageBody, viewerKey } from "../http/page-cache.ts";
import { todayIn } from "../time.ts";

export function plansRoutes() {
  const app = new Hono<AppEnv>();

  // The caseload pages list plans; this address stays for old bookmarks.
  app.get("/", (c) => c.redirect("/", 303));

  app.get("/new", requireRole("case-manager"), (c) => {
    const today = c.get("deps").now().toISOString().slice(0, 10);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    return c.html(c.get("render")("pages/new-plan", { values: { planDate: today, annualReviewDate: nextYear.endsWith("02-29") ? nextYear.replace("02-29", "02-28") : nextYear }, errors: {} }));
  });

  app.post("/", requireRole("case-manager"), async (c) => {
    const form = await readForm(c);
    const parsed = parseSetup(form);
    if (!parsed.ok) return c.html(c.get("render")("pages/new-plan", { values: form, errors: parsed.errors }), 422);
    // Recorded with the save: in its transaction where the store keeps the audit log (audited-saves.ts).
    const saving = savingWith(c.get("deps"), (plan) => ({ actor: c.get("user")!.id, action: "plan-created", record: plan.id, ip: c.get("ip") }));
    const plan = await createPlan(saving, parsed.value, c.get("user")!.id);
    return c.redirect(`/plans/${plan.id}`, 303);
  });

  app.get("/:id", async (c) => {
    const plan = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!plan) return notFound(c);
    const now = c.get("deps").now();
    const nowIso = now.toISOString();
    // The page is in the reader's language: each language has its own cached copy.
    const viewer = viewerKey(c.get("user"), [c.get("i18n").lang, nowIso.slice(0, 10), todayIn(c.get("deps").settings.timeZone, now)]);
    const page = cachedPage(plan, viewer, nowIso, () => ({
      html: c.get("render")("pages/conversation", signingPageData(c, plan)),
      until: linksChangeAt(plan.reviewLinks, nowIso),
    }));
    const { body, encoding } = pageBody(page, c.req.header("Accept-Encoding"));
    c.header("Vary", "Accept-Encoding");
    if (encoding !== "identity") c.header("Content-Encoding", encoding);
    return c.body(body, 200, { "Content-Type": "text/html; charset=UTF-8" });
  });

  return app;
}
