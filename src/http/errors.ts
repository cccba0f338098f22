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
import { DATABASE_UNREACHABLE_MESSAGE, isDatabaseUnreachable } from "../store/db-unreachable.ts";
import { isHtmx, sentForm } from "./form.ts";

const HEADINGS: Record<number, string> = {
  400: "That request could not be read",
  403: "That request was refused",
  404: "Not found",
  413: "That is too long to send",
  429: "Too many attempts",
  500: "Something went wrong on our side",
  503: "Coplan cannot reach its database",
};

export function errorResponse(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  const heading = HEADINGS[status] ?? "That did not work";
  if (isHtmx(c)) {
    // Show the message where the user is looking (the fragment they acted on), not a blank swap.
    c.header("HX-Retarget", "#composer");
    c.header("HX-Reswap", "afterbegin");
    return c.html(c.get("render")("partials/error", { heading, message }), status);
  }
  return c.html(c.get("render")("pages/error", { heading, message }), status);
}

export function notFound(c: Context<AppEnv>) {
  return errorResponse(c, 404, "There is no such plan or answer here. It may have been removed, or the address may be mistyped.");
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (isDatabaseUnreachable(err)) return databaseUnreachable(err, c);
  if (err instanceof PlanNotFoundError) return notFound(c);
  if (err instanceof HTTPException) return errorResponse(c, err.status as ContentfulStatusCode, err.message || "Please try again.");
  if (err instanceof CorruptFileError || err instanceof IncompatiblePlanError) {
    console.error(err.message);
    return errorResponse(c, 500, "This plan's stored record cannot be read. Nothing was changed. Please tell your administrator.");
  }
  console.error(err);
  return errorResponse(c, 500, "Nothing you saved earlier was lost. Please try again; if it happens again, tell your administrator.");
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
  const heading = HEADINGS[503];
  if (isHtmx(c)) {
    c.header("HX-Retarget", "#session-notice");
    c.header("HX-Reswap", "innerHTML");
    return c.html(c.get("render")("partials/error", { heading, message: DATABASE_UNREACHABLE_MESSAGE }), 503);
  }
  const sent = Object.entries(await sentForm(c)).filter(([name]) => !SECRET.has(name));
  const url = new URL(c.req.url);
  return c.html(
    c.get("render")("pages/unavailable", {
      heading,
      message: DATABASE_UNREACHABLE_MESSAGE,
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
