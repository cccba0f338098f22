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
import { isHtmx } from "./form.ts";

const HEADINGS: Record<number, string> = {
  400: "That request could not be read",
  403: "That request was refused",
  404: "Not found",
  413: "That is too long to send",
  429: "Too many attempts",
  500: "Something went wrong on our side",
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
  if (err instanceof PlanNotFoundError) return notFound(c);
  if (err instanceof HTTPException) return errorResponse(c, err.status as ContentfulStatusCode, err.message || "Please try again.");
  if (err instanceof CorruptFileError || err instanceof IncompatiblePlanError) {
    console.error(err.message);
    return errorResponse(c, 500, "This plan's stored record cannot be read. Nothing was changed. Please tell your administrator.");
  }
  console.error(err);
  return errorResponse(c, 500, "Nothing you saved earlier was lost. Please try again; if it happens again, tell your administrator.");
}
