/**
 * The one error path. Routes throw HTTPException (or a domain error); `onError` turns it into a
 * page or, for htmx, a fragment that lands where the user is looking. Never a stack trace.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app-env.ts";
import { CorruptFileError } from "../store/durable-file.ts";
import { PlanNotFoundError } from "../store/plan-store.ts";
import { IncompatiblePlanError } from "../plans/conversation.ts";
import { isDatabaseUnreachable } from "../store/db-unreachable.ts";
import { type Msg, isMsgText, msg } from "../i18n/translator.ts";
import { isHtmx, sentForm } from "./form.ts";

/** Statuses with a heading of their own in the catalogs (`error.heading.404`); others get `error.heading.other`. */
const HEADINGS = new Set([400, 403, 404, 409, 410, 413, 422, 429, 500, 503]);
const headingOf = (c: Context<AppEnv>, status: number) => c.get("i18n").t(HEADINGS.has(status) ? `error.heading.${status}` : "error.heading.other");

/**
 * The message in the reader's language. A Msg, or a Msg carried in a string (msgText: an
 * HTTPException's or zod's message), is translated; a plain string is shown as it is (only
 * words that come from elsewhere, never fixed wording of Coplan's own).
 */
const words = (c: Context<AppEnv>, message: string | Msg) => (typeof message === "string" && !isMsgText(message) ? message : c.get("i18n").t(message));

export function errorResponse(c: Context<AppEnv>, status: ContentfulStatusCode, message: string | Msg) {
  const heading = headingOf(c, status);
  message = words(c, message);
  if (isHtmx(c)) {
    // Show the message where the user is looking (the fragment they acted on), not a blank swap.
    c.header("HX-Retarget", "#composer");
    c.header("HX-Reswap", "afterbegin");
    return c.html(c.get("render")("partials/error", { heading, message }), status);
  }
  return c.html(c.get("render")("pages/error", { heading, message }), status);
}

export function notFound(c: Context<AppEnv>) {
  return errorResponse(c, 404, msg("error.noSuchPlan"));
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (isDatabaseUnreachable(err)) return databaseUnreachable(err, c);
  if (err instanceof PlanNotFoundError) return notFound(c);
  if (err instanceof HTTPException) return errorResponse(c, err.status as ContentfulStatusCode, err.message || msg("error.tryAgain"));
  if (err instanceof CorruptFileError || err instanceof IncompatiblePlanError) {
    console.error(err.message);
    return errorResponse(c, 500, msg("error.unreadablePlan"));
  }
  console.error(err);
  return errorResponse(c, 500, msg("error.unexpected"));
}

/** Fields never shown or sent back: a password is not words to keep. */
const SECRET = new Set(["password", "confirm"]);
/** Fields the form carries for itself (its plan version, where to go next): sent back, not shown. */
const looksLikeWords = (name: string, value: string) => name !== "rev" && name !== "next" && /\p{L}/u.test(value);

/**
 * PostgreSQL cannot be reached (issue 21): 503, and nothing the person typed is lost. The pool
 * reconnects by itself when next asked, and no wait is longer than 5 s (pg-pool.ts), so they are
 * told to try again in a minute. An htmx form stays as it is, the message in the page's alert
 * region; a plain form post gets its words back on the page, in a form that sends them again.
 */
async function databaseUnreachable(err: Error, c: Context<AppEnv>) {
  console.error(`PostgreSQL cannot be reached: ${err.message}`);
  // Retrying at once would only meet the same outage: say when it is worth asking again.
  c.header("Retry-After", "60");
  const heading = headingOf(c, 503);
  if (isHtmx(c)) {
    c.header("HX-Retarget", "#session-notice");
    c.header("HX-Reswap", "innerHTML");
    return c.html(c.get("render")("partials/error", { heading, message: c.get("i18n").t("error.databaseUnreachable") }), 503);
  }
  const sent = Object.entries(await sentForm(c)).filter(([name]) => !SECRET.has(name));
  const url = new URL(c.req.url);
  return c.html(
    c.get("render")("pages/unavailable", {
      heading,
      message: c.get("i18n").t("error.databaseUnreachable"),
      action: url.pathname + url.search,
      back: c.req.method === "GET" ? url.pathname + url.search : (c.req.header("Referer") && sameOriginPath(c.req.header("Referer")!, url)) || url.pathname,
      words: sent.filter(([name, value]) => looksLikeWords(name, value)),
      fields: sent.filter(([name, value]) => !looksLikeWords(name, value)),
    }),
    503,
  );
}

/** The Referer's path, if it is a page of this same site: where "Reload this page" leads after a post. */
function sameOriginPath(referer: string, url: URL): string | undefined {
  try {
    const r = new URL(referer);
    return r.origin === url.origin ? r.pathname + r.search : undefined;
  } catch {
    return undefined;
  }
}
