/**
 * The client's own view of their signed plan, through a private link. The token in the link is
 * exchanged for a short-lived cookie and the browser is sent on to an address without it, so the
 * token does not stay in the address bar, the history or a shared screen.
 */
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../http/app-env.ts";
import { loadPlan } from "../plans/conversation.ts";
import { planIdSchema, StaleRevisionError } from "../store/plan-store.ts";
import { checkToken } from "../signing/review-links.ts";
import { buildClientReview } from "../signing/client-review.ts";
import { liveDataMatches, verifySeal } from "../signing/seal.ts";
import { statusOf } from "../signing/seal-status.ts";
import { useClientLanguage } from "../http/language.ts";
import type { PlanData } from "../domain/plan.ts";

const COOKIE = "coplan_review";
const COOKIE_MINUTES = 30;

/** Said in the client's language where the plan is known (an expired or turned-off link), else their pick or browser's. */
function linkProblem(c: Context<AppEnv>, why: "unknown" | "expired" | "revoked", plan?: Pick<PlanData, "setup">) {
  useClientLanguage(c, plan);
  return c.html(c.get("render")("pages/review-problem", { message: `review.link.${why}` }), why === "unknown" ? 404 : 410);
}

export function reviewRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/r/:planId/:token", async (c) => {
    const { planId, token } = c.req.param();
    const plan = planIdSchema.safeParse(planId).success ? await c.get("deps").store.get(planId) : null;
    if (!plan) return linkProblem(c, "unknown");
    const now = c.get("deps").now();
    const check = checkToken(plan.reviewLinks ?? [], token, now);
    if (!check.ok) {
      // Guessing tokens costs an attacker nothing: repeats are folded into one counted entry a minute.
      await c.get("deps").audit.recordRepeat({ actor: "client-link", action: "review-link-refused", record: plan.id, detail: check.why, ip: c.get("ip"), outcome: "refused" });
      return linkProblem(c, check.why);
    }
    await c.get("deps").audit.record({ actor: "client-link", action: "review-link-used", record: plan.id, detail: `link ${check.link.id}`, ip: c.get("ip") });
    try {
      await c.get("deps").store.update(plan.id, plan.rev, (p) => ({
        ...p,
        reviewLinks: p.reviewLinks.map((l) => (l.id === check.link.id ? { ...l, lastUsedAt: now.toISOString() } : l)),
      }));
    } catch (err) {
      if (!(err instanceof StaleRevisionError)) throw err; // a busy plan: the visit still counts
    }
    setCookie(c, COOKIE, `${plan.id}.${token}`, {
      path: "/review",
      httpOnly: true,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: COOKIE_MINUTES * 60,
    });
    return c.redirect(`/review/${plan.id}`, 303);
  });

  app.get("/review/:planId", async (c) => {
    const planId = c.req.param("planId");
    const [cookiePlan, token] = (getCookie(c, COOKIE) ?? "").split(".");
    if (cookiePlan !== planId || !token) return linkProblem(c, "unknown");
    const plan = await loadPlan(c.get("deps").store, planId);
    if (!plan) return linkProblem(c, "unknown");
    const check = checkToken(plan.reviewLinks, token, c.get("deps").now());
    if (!check.ok) return linkProblem(c, check.why, check.why === "unknown" ? undefined : plan.data);
    await c.get("deps").audit.record({ actor: "client-link", action: "plan-viewed", record: plan.id, detail: `review page, link ${check.link.id}`, ip: c.get("ip") });
    // The current signed version: while a reassessment is still a draft, the last one signed.
    const current = plan.sealed ? { sealed: plan.sealed, progress: plan.progress } : plan.history.at(-1);
    const seal = verifySeal(plan.id, current?.sealed, c.get("deps").signer);
    // Only the current signed version is compared with the plan as stored; a draft is meant to differ.
    const liveMatches = !seal.ok || !plan.sealed || liveDataMatches(plan.id, plan.version, plan.data, seal);
    // The client's language as signed: a reassessment's draft may record another one since.
    const tr = useClientLanguage(c, seal.ok ? seal.data : plan.data);
    return c.html(
      c.get("render")("pages/client-review", {
        // The signed version's own name: a reassessment's draft may have changed the plan's since.
        client: (seal.ok ? seal.data : plan.data).setup.preferredName ?? (seal.ok ? seal.data : plan.data).setup.clientName,
        problem: seal.ok ? undefined : seal.problem,
        sealStatus: { ...statusOf(seal, liveMatches), problem: undefined },
        forClient: true,
        // Plain words for the client, built from the signed version, dates in the agency's time zone.
        review: seal.ok ? buildClientReview(seal, current?.progress, tr) : undefined,
      }),
    );
  });

  return app;
}
