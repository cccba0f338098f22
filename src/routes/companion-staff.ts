/**
 * The case manager's side of the companion link: offer the plan to the client's phone, end it, and
 * the staff screen's own event stream (two tabs, or the phone's answers, arrive live).
 */
import { type Context, Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { linkTo } from "../http/link-base.ts";
import { loadPlan, type PlanView } from "../plans/conversation.ts";
import { StaleRevisionError } from "../store/plan-store.ts";
import { clockIn, endLinks, newCompanionLink } from "../companion/links.ts";
import { planStream } from "../live/plan-stream.ts";
import { signingPageData } from "./signing.ts";
import { msg } from "../i18n/translator.ts";

type C = Context<AppEnv>;

/** Every region of the conversation page a change can touch, each swapped by its id. */
export function staffFragments(c: C, view: PlanView): string {
  const render = c.get("render");
  const data = { ...signingPageData(c, view), oob: true };
  return [render("partials/progress", data), render("partials/transcript", data), render("partials/plan-panel", data), render("partials/composer", data), render("partials/companion-offer", data)].join("\n");
}

/** Bookkeeping beside the plan, not an answer: retried on a newer revision rather than refused. */
async function updateLinks(c: C, id: string, change: (links: PlanView["companionLinks"]) => PlanView["companionLinks"]) {
  const store = c.get("deps").store;
  for (let attempt = 0; ; attempt++) {
    const plan = await store.get(id);
    if (!plan) return null;
    try {
      return await store.update(id, plan.rev, (p) => ({ ...p, companionLinks: change(p.companionLinks ?? []) }));
    } catch (err) {
      if (!(err instanceof StaleRevisionError) || attempt >= 3) throw err;
    }
  }
}

export function companionStaffRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/:id/companion", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const user = c.get("user")!;
    // The client's phone joins their own case manager's conversation, no one else's.
    if (user.id !== before.ownerId) return errorResponse(c, 403, msg("companion.refuse.notOwner"));
    if (before.practice) return errorResponse(c, 422, msg("companion.refuse.practice"));
    if (before.step === "signed") return errorResponse(c, 422, msg("companion.refuse.signed"));
    const now = c.get("deps").now();
    const { token, link } = newCompanionLink(before.id, user.id, now);
    // One phone link at a time: a new one ends any earlier one.
    await updateLinks(c, before.id, (links) => [...endLinks(links, now.toISOString()), link]);
    await c.get("deps").audit.record({ actor: user.id, action: "companion-link-created", record: before.id, detail: `link ${link.id}`, ip: c.get("ip") });
    const after = (await loadPlan(c.get("deps").store, before.id))!;
    const url = linkTo(c.get("deps").settings, `/c/${token}`);
    const data = signingPageData(c, after, { newCompanion: { url, until: clockIn(link.expiresAt, c.get("deps").settings.timeZone) } });
    return c.html(c.get("render")("pages/conversation", data), 201);
  });

  app.post("/:id/companion/end", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const user = c.get("user")!;
    // The plan's case manager, or a supervisor looking after the plan, may end it.
    const at = c.get("deps").now().toISOString();
    await updateLinks(c, before.id, (links) => endLinks(links, at));
    await c.get("deps").audit.record({ actor: user.id, action: "companion-link-ended", record: before.id, ip: c.get("ip") });
    return c.redirect(`/plans/${before.id}#companion-title`, 303);
  });

  app.get("/:id/events", async (c) => {
    const id = c.req.param("id");
    const plan = await c.get("deps").store.get(id);
    if (!plan) return notFound(c);
    // Access was checked for the plan's owner at connect: a handover ends the stream, and the
    // browser's reconnect goes through that check again (so the old case manager's is refused).
    const owner = plan.ownerId;
    return planStream(c, id, { render: (view) => staffFragments(c, view), ended: (view) => view.ownerId !== owner, maxMs: c.get("deps").settings.idleMinutes * 60_000, userId: c.get("user")!.id });
  });

  return app;
}
