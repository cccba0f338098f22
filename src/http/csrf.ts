/**
 * Cross-site request forgery: every state-changing request must come from Coplan's own pages.
 * hono's csrf() checks Origin and Sec-Fetch-Site, but only for form-like content types; a request
 * with no Content-Type or an unusual spelling of one would pass it. So this check runs on every
 * unsafe method: a same-origin Sec-Fetch-Site, or else an Origin equal to ours; and a form body.
 */
import type { MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { type Translator, translator } from "../i18n/translator.ts";
import { SOURCE_LANGUAGE } from "../i18n/catalogs.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)(;|$)/;

export function csrfProtection(configuredOrigin?: string): MiddlewareHandler[] {
  const strict: MiddlewareHandler = async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const expected = configuredOrigin ?? new URL(c.req.url).origin;
    const site = c.req.header("Sec-Fetch-Site");
    const origin = c.req.header("Origin");
    // Browsers send Sec-Fetch-Site, and it decides. Origin is the fallback for clients without it.
    // (Under Referrer-Policy: no-referrer, Chromium sends "Origin: null" on same-origin form posts,
    // so Origin alone would refuse Coplan's own forms.)
    const allowed = site ? site === "same-origin" : origin === expected;
    const type = c.req.header("Content-Type");
    if (!allowed || !type || !FORM_TYPES.test(type)) {
      // In the reader's language when it is known already (app.ts chooses it before this check).
      const i18n = (c.get("i18n") as Translator | undefined) ?? translator(SOURCE_LANGUAGE, "UTC");
      return c.text(i18n.t("csrf.refused"), 403);
    }
    return next();
  };
  return [strict, csrf(configuredOrigin ? { origin: configuredOrigin } : {})];
}
