/**
 * The client's phone: a page at /c/<token> with the question now asked, the plan so far in their
 * words and a box to answer, its event stream, and the answer it sends. Public (no account): the
 * token is the only key, and it opens this plan's companion page and nothing else. Every opening
 * and every answer is audited, and every request counts against a per-address budget (answers also
 * against the link's own).
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { savingWith } from "../audit/audited-saves.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readForm } from "../http/form.ts";
import { errorResponse } from "../http/errors.ts";
import { loadPlan, type PlanView, RefusedError, sendEvent } from "../plans/conversation.ts";
import { StaleRevisionError } from "../store/plan-store.ts";
import { checkCompanion, planIdOf } from "../companion/links.ts";
import { PHONE_WORDS_MAX, phoneItem } from "../companion/answer.ts";
import { phoneView } from "../companion/phone-view.ts";
import { Budget } from "../companion/rate.ts";
import { planStream } from "../live/plan-stream.ts";
import { z } from "zod";
import { useClientLanguage } from "../http/language.ts";
import { msg, msgText } from "../i18n/translator.ts";

type C = Context<AppEnv>;

/** A phone loads a page, keeps one stream open and sends an answer a minute at most. */
export const COMPANION_BUDGET = { perAddress: 60, answersPerLink: 10 };

/** Said in the client's language where the plan is known (an ended link), else their pick or browser's. */
function ended(c: C, why: "unknown" | "ended", view?: PlanView | null) {
  useClientLanguage(c, why === "ended" ? (view?.data ?? undefined) : undefined);
  c.header("Cache-Control", "no-store");
  return c.html(c.get("render")("pages/companion-ended", { message: `phone.ended.${why}` }), why === "ended" ? 410 : 404);
}

type Opened = { view: PlanView; token: string; linkId: string } | { response: Response };

async function open(c: C): Promise<Opened> {
  const token = c.req.param("token")!;
  const planId = planIdOf(token);
  const view = planId ? await loadPlan(c.get("deps").store, planId) : null;
  const check = view ? checkCompanion(view.companionLinks, token, view.step === "signed", c.get("deps").now()) : ({ ok: false, why: "unknown" } as const);
  if (!check.ok) {
    await c.get("deps").audit.recordRepeat({ actor: "client-link", action: "companion-refused", record: view?.id, detail: check.why, ip: c.get("ip"), outcome: "refused" });
    return { response: ended(c, check.why, view) };
  }
  useClientLanguage(c, view!.data);
  return { view: view!, token, linkId: check.link.id };
}

const Answer = z.object({
  words: z
    .string({ message: msgText("phone.error.empty") })
    .max(PHONE_WORDS_MAX, { message: msgText("phone.error.tooLong", { max: PHONE_WORDS_MAX }) })
    .refine((s) => s.trim().length > 0, { message: msgText("phone.error.empty") }),
});

export function companionRoutes() {
  const app = new Hono<AppEnv>();
  const byAddress = new Budget(COMPANION_BUDGET.perAddress);
  const byLink = new Budget(COMPANION_BUDGET.answersPerLink);

  const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
    const now = c.get("deps").now().getTime();
    const key = c.get("ip");
    if (byAddress.take(key, now)) return next();
    c.header("Retry-After", String(byAddress.retryAfter(key, now)));
    useClientLanguage(c);
    return errorResponse(c, 429, msg("phone.error.tooManyRequests"));
  };
  app.use("/c/*", limited);

  const page = (c: C, o: { view: PlanView; token: string }, extra: Record<string, unknown> = {}, status: 200 | 409 | 422 = 200) =>
    c.html(c.get("render")("pages/companion", { token: o.token, phone: phoneView(o.view, c.get("i18n")), ...extra }), status);

  app.get("/c/:token", async (c) => {
    const o = await open(c);
    if ("response" in o) return o.response;
    await c.get("deps").audit.record({ actor: "client-link", action: "companion-opened", record: o.view.id, detail: `link ${o.linkId}`, ip: c.get("ip") });
    return page(c, o, { sent: c.req.query("sent") === "1" });
  });

  app.post("/c/:token/answer", async (c) => {
    const o = await open(c);
    if ("response" in o) return o.response;
    const now = c.get("deps").now().getTime();
    if (!byLink.take(o.linkId, now)) {
      c.header("Retry-After", String(byLink.retryAfter(o.linkId, now)));
      return errorResponse(c, 429, msg("phone.error.tooManyAnswers"));
    }
    const form = await readForm(c);
    const values = { words: form.words ?? "" };
    const rev = Number(form.rev);
    const parsed = Answer.safeParse(form);
    if (!parsed.success) return page(c, o, { values, error: parsed.error.issues[0].message }, 422);
    if (!Number.isSafeInteger(rev)) return page(c, o, { values, conflict: true }, 409);
    const item = phoneItem(o.view.step, o.view.data, parsed.data.words);
    if (!item) return page(c, o, { values, error: msgText("phone.error.notYourTurn") }, 422);
    try {
      // Recorded with the save: in its transaction where the store keeps the audit log (audited-saves.ts).
      const entry = { actor: "client-link", action: "companion-answer", record: o.view.id, detail: `${item.kind}, link ${o.linkId}`, ip: c.get("ip") } as const;
      const after = await sendEvent(savingWith(c.get("deps"), () => entry), o.view.id, rev, { type: "ADD", kind: item.kind, input: item.input });
      c.get("deps").planEvents.emitPlanChanged(after.id, after.rev);
      return c.redirect(`/c/${o.token}?sent=1`, 303);
    } catch (err) {
      if (err instanceof StaleRevisionError) {
        const latest = (await loadPlan(c.get("deps").store, o.view.id)) ?? o.view;
        return page(c, { view: latest, token: o.token }, { values, conflict: true }, 409);
      }
      if (err instanceof RefusedError) return page(c, o, { values, error: err.reason }, 422);
      throw err;
    }
  });

  app.get("/c/:token/events", async (c) => {
    const o = await open(c);
    if ("response" in o) return o.response;
    const token = o.token;
    const render = c.get("render");
    const tr = c.get("i18n");
    return planStream(c, o.view.id, {
      render: (view) => render("partials/companion-live", { token, phone: phoneView(view, tr) }),
      ended: (view) => !checkCompanion(view.companionLinks, token, view.step === "signed", c.get("deps").now()).ok,
    });
  });

  return app;
}
