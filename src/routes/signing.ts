/**
 * From the review to a sealed plan: consent to signing electronically, the two signatures, and the
 * review links the case manager creates for the client.
 */
import { type Context, Hono } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "../http/app-env.ts";
import { CONSENT_NOTICE, type Signature } from "../domain/signature.ts";
import { isHtmx, readForm, readRev } from "../http/form.ts";
import { notFound } from "../http/errors.ts";
import { pageData } from "../http/page-data.ts";
import { outOfBand } from "../http/fragments.ts";
import { loadPlan, type PlanView, RefusedError, sendEvent } from "../plans/conversation.ts";
import { drawingToKeep, parseConsent, parseSignature } from "../signing/forms.ts";
import { contentHash } from "../signing/seal.ts";
import { currentSeal } from "../signing/seal-status.ts";
import { accountRef, staffSigner } from "../signing/staff-signer.ts";
import { newReviewLink } from "../signing/review-links.ts";
import { StaleRevisionError } from "../store/plan-store.ts";
import { z } from "zod";
import { coachingData } from "../plans/coaching.ts";
import { practiceData } from "../training/suggestions.ts";
import { todayIn } from "../time.ts";
import { linkTo } from "../http/link-base.ts";
import { inForceBeside } from "../plans/in-force-view.ts";
import { liveUntil } from "../companion/links.ts";
import { clientCatalogTag } from "../i18n/client-language.ts";
import { translatorFor } from "../http/language.ts";
import { NOTICE_KEYS } from "../signing/retainer-words.ts";
import { msg } from "../i18n/translator.ts";

type C = Context<AppEnv>;

function clientAddress(c: C): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}

/** The composer at the signing stage, or the same form with what went wrong. */
function respond(c: C, before: PlanView, view: PlanView, extra: Record<string, unknown>, status: 200 | 409 | 422) {
  const data = signingPageData(c, view, extra);
  if (!isHtmx(c)) {
    if (status === 200) return c.redirect(`/plans/${view.id}`, 303);
    return c.html(c.get("render")("pages/conversation", data), status);
  }
  c.header("Vary", "HX-Request");
  return c.html(c.get("render")("partials/composer", data) + "\n" + outOfBand(c.get("render"), before, view, undefined, data), status);
}

export function signingPageData(c: C, view: PlanView, extra: Record<string, unknown> = {}) {
  const now = c.get("deps").now();
  const sealed = view.step === "signed" ? currentSeal(view, c.get("deps").signer) : null;
  const today = todayIn(c.get("deps").settings.timeZone, now);
  return pageData(view, {
    ...coachingData(view, today),
    ...practiceData(view, today),
    notice: CONSENT_NOTICE,
    noticeVoices: noticeVoices(c, view),
    today: now.toISOString().slice(0, 10),
    nowIso: now.toISOString(),
    sealProblem: sealed && !sealed.check.ok ? sealed.check.problem : undefined,
    sealStatus: sealed?.status,
    inForce: inForceBeside(view, c.get("deps").signer),
    // The client's phone link, if one is live: until when, on the agency's clock (partials/companion-offer).
    companionUntil: liveUntil(view.companionLinks, view.step === "signed", now, c.get("deps").settings.timeZone),
    ...extra,
  });
}

async function run(c: C, before: PlanView, rev: number, event: Parameters<typeof sendEvent>[3], values: Record<string, string>) {
  try {
    const after = await sendEvent(c.get("deps").store, before.id, rev, event, c.get("deps").signer);
    return respond(c, before, after, {}, 200);
  } catch (err) {
    if (err instanceof StaleRevisionError) {
      const latest = (await loadPlan(c.get("deps").store, before.id)) ?? before;
      return respond(c, latest, latest, { values, conflict: true }, 409);
    }
    if (err instanceof RefusedError) return respond(c, before, before, { values, refusal: err.reason }, 422);
    throw err;
  }
}

const DaysField = z.enum(["7", "30", "90", "365"]);

/** The consent notice as both people read it: in the client's language, then the staff member's if it differs. */
function noticeVoices(c: C, view: PlanView) {
  const tags = [...new Set([clientCatalogTag(view.data), c.get("i18n").lang])];
  return tags.map((tag) => {
    const tr = translatorFor(c, tag);
    return { lang: tr.lang, dir: tr.dir, points: NOTICE_KEYS.map((k) => tr.t(k)) };
  });
}

export function signingRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/:id/consent", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    const parsed = parseConsent(form);
    if (!parsed.ok) return respond(c, before, before, { values: form, errors: parsed.errors }, 422);
    const at = c.get("deps").now().toISOString();
    // The languages the notice was read in: the seal records them, and the words each copy shows in them.
    const languages = { client: clientCatalogTag(before.data), staff: c.get("i18n").lang };
    return run(c, before, rev, { type: "CONSENT", consent: { noticeVersion: CONSENT_NOTICE.version, at, parties: ["client", "case-manager"], languages } }, form);
  });

  app.post("/:id/sign", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    const parsed = parseSignature(form);
    // A refusal keeps a sound drawing (and the tick): the pad shows it again. A broken or oversized
    // one is never echoed back into the page.
    const values = { ...form, image: drawingToKeep(form.image) };
    if (!parsed.ok) return respond(c, before, before, { values, errors: parsed.errors }, 422);
    const s = parsed.value;
    // The case manager's signature is given by the plan's own case manager, or for them by a supervisor.
    const user = c.get("user")!;
    let who: Pick<Signature, "account" | "onBehalfOf"> = { account: accountRef(user) };
    if (s.party === "case-manager") {
      const owner = before.ownerId ? await c.get("deps").users.byId(before.ownerId) : undefined;
      const staff = staffSigner(user, owner, form.signingFor);
      if (!staff.ok) return respond(c, before, before, { values, refusal: staff.reason }, 422);
      who = { account: staff.account, ...(staff.onBehalfOf ? { onBehalfOf: staff.onBehalfOf } : {}) };
    }
    const signature: Signature = {
      ...who,
      party: s.party,
      name: s.representative?.name ?? s.name,
      representative: s.representative,
      method: s.image ? "drawn" : "typed",
      image: s.image,
      typedName: s.typedName,
      agreed: true,
      at: c.get("deps").now().toISOString(),
      ip: clientAddress(c),
      userAgent: (c.req.header("User-Agent") ?? "unknown").slice(0, 500),
      contentHash: contentHash(before.id, before.version, before.data),
    };
    return run(c, before, rev, { type: "SIGN", signature }, values);
  });

  // The new token is shown once, in this response, and never stored; so no redirect here.
  app.post("/:id/review-links", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const form = await readForm(c);
    const rev = readRev(form);
    // During a reassessment the last signed version is in force, and a link shows that version.
    if (before.step !== "signed" && !inForceBeside(before, c.get("deps").signer)) return respond(c, before, before, { refusal: msg("signing.reviewLink.unsigned") }, 422);
    const days = DaysField.safeParse(form.days);
    if (!days.success) return respond(c, before, before, { refusal: msg("signing.reviewLink.days") }, 422);
    const { token, link } = newReviewLink(c.get("deps").now(), Number(days.data));
    try {
      await c.get("deps").store.update(before.id, rev, (plan) => ({ ...plan, reviewLinks: [...(plan.reviewLinks ?? []), link] }));
    } catch (err) {
      if (err instanceof StaleRevisionError) return respond(c, before, (await loadPlan(c.get("deps").store, before.id)) ?? before, { conflict: true }, 409);
      throw err;
    }
    const after = (await loadPlan(c.get("deps").store, before.id))!;
    const url = linkTo(c.get("deps").settings, `/r/${before.id}/${token}`);
    return c.html(c.get("render")("pages/conversation", signingPageData(c, after, { newLink: { url, expiresAt: link.expiresAt } })), 201);
  });

  app.post("/:id/review-links/:linkId/revoke", async (c) => {
    const before = await loadPlan(c.get("deps").store, c.req.param("id"));
    if (!before) return notFound(c);
    const rev = readRev(await readForm(c));
    const linkId = c.req.param("linkId");
    if (!before.reviewLinks.some((l) => l.id === linkId)) return notFound(c);
    const at = c.get("deps").now().toISOString();
    try {
      await c.get("deps").store.update(before.id, rev, (plan) => ({
        ...plan,
        reviewLinks: plan.reviewLinks.map((l) => (l.id === linkId && !l.revokedAt ? { ...l, revokedAt: at } : l)),
      }));
    } catch (err) {
      if (err instanceof StaleRevisionError) return respond(c, before, (await loadPlan(c.get("deps").store, before.id)) ?? before, { conflict: true }, 409);
      throw err;
    }
    return c.redirect(`/plans/${before.id}#review-links-title`, 303);
  });

  return app;
}
