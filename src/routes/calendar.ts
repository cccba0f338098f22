/**
 * A case manager's target dates as an iCalendar feed: a private address with a random token (only
 * its hash is kept) that a calendar app subscribes to, and that can be revoked. The feed carries
 * the client's initials and the kind of action, not the plan's words: calendar services are
 * outside the agency's control.
 *
 * A calendar app sends no useful Accept-Language and has no session: the feed speaks the language
 * its subscriber chose for their account, else English.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { targetDateCalendar } from "../exports/ical.ts";
import { SOURCE_LANGUAGE, languageTags } from "../i18n/catalogs.ts";
import { matchTag } from "../i18n/negotiate.ts";
import { translatorFor } from "../http/language.ts";
import { viewOf } from "../plans/conversation.ts";
import { inForce } from "../plans/reassessment.ts";
import { verifySeal } from "../signing/seal.ts";
import { sha256Hex } from "../signing/canonical.ts";
import { linkBase } from "../http/link-base.ts";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0]?.toLocaleUpperCase() + ".")
    .join(" ");
}

export function calendarRoutes() {
  const app = new Hono<AppEnv>();

  // Public: the calendar app has no session; the token is the key.
  app.get("/calendar/:file{[A-Za-z0-9_-]{43}\\.ics}", async (c) => {
    const token = c.req.param("file").slice(0, -4);
    const hash = Buffer.from(sha256Hex(token), "hex");
    const user = (await c.get("deps").users.all()).find((u) => {
      if (!u.calendarTokenHash || u.disabled) return false;
      const stored = Buffer.from(u.calendarTokenHash, "hex");
      return stored.length === hash.length && timingSafeEqual(stored, hash);
    });
    if (!user) return c.text(c.get("i18n").t("calendar.feed.unknown"), 404);
    const tr = translatorFor(c, (user.language && matchTag(user.language, languageTags())) || SOURCE_LANGUAGE);
    const origin = linkBase(c.get("deps").settings);
    // Every plan with a signed version in force: during a reassessment that is the last signed
    // one, whose dates still hold until the draft is signed (a draft's dates hold nothing yet).
    const mine = (await c.get("deps").store.list()).filter((s) => s.ownerId === user.id && !s.practice);
    const events = [];
    for (const summary of mine) {
      const stored = await c.get("deps").store.get(summary.id);
      const force = stored && inForce(stored);
      if (!stored || !force) continue;
      const plan = viewOf(stored);
      const signed = force.draftBeside ? verifySeal(plan.id, force.sealed, c.get("deps").signer) : null;
      if (signed && !signed.ok) continue; // a broken seal's dates cannot be relied on
      const data = signed ? signed.data : plan.data;
      for (const a of data.actions) {
        const status = force.progress.actions[a.id]?.status ?? a.status;
        if (status === "done" || status === "not-done") continue;
        const date = a.targetDate.kind === "date" ? a.targetDate.date : a.targetDate.kind === "annual-review" ? data.setup.annualReviewDate : null;
        if (!date) continue;
        const client = initials(data.setup.clientName);
        events.push({
          uid: `${plan.id}-v${force.version}-${a.id}@coplan`,
          date,
          summary: tr.t("calendar.event.summary", { initials: client, kind: a.kind }),
          description: tr.t("calendar.event.description", { initials: client, kind: a.kind }),
          url: `${origin}/plans/${plan.id}/progress`,
        });
      }
    }
    await c.get("deps").audit.record({ actor: user.id, action: "plan-exported", detail: "calendar feed", ip: c.get("ip") });
    c.header("Content-Type", "text/calendar; charset=utf-8");
    return c.body(targetDateCalendar({ calendarName: tr.t("calendar.feed.name", { name: user.displayName }), language: tr.lang, events, now: c.get("deps").now() }));
  });

  app.use("/calendar", requireUser, requireRole("case-manager"));
  app.use("/calendar/*", requireUser, requireRole("case-manager"));

  app.get("/calendar", (c) => c.html(c.get("render")("pages/calendar", { subscribed: !!c.get("user")!.calendarTokenHash })));

  // The new address is shown once, in this response, and never stored.
  app.post("/calendar", async (c) => {
    const token = randomBytes(32).toString("base64url");
    await c.get("deps").users.setCalendarTokenHash(c.get("user")!.id, sha256Hex(token));
    const origin = linkBase(c.get("deps").settings);
    return c.html(c.get("render")("pages/calendar", { subscribed: true, url: `${origin}/calendar/${token}.ics` }), 201);
  });

  app.post("/calendar/revoke", async (c) => {
    await c.get("deps").users.setCalendarTokenHash(c.get("user")!.id, undefined);
    return c.redirect("/calendar", 303);
  });

  return app;
}
