/**
 * Who is asking, and may they. `loadUser` reads the session cookie on every request; `requireUser`
 * and `requireRole` guard whole route groups; `planAccess` guards every /plans/:id route, fragments
 * included, answering 404 (and recording the refusal) for a plan the user may not see.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../http/app-env.ts";
import { clientAddress } from "../http/client-address.ts";
import { isHtmx } from "../http/form.ts";
import type { Role, User } from "./users.ts";

export function cookieName(c: Context<AppEnv>): string {
  // The __Host- prefix pins the cookie to this exact host over HTTPS; it cannot be used over HTTP.
  return secure(c) ? "__Host-coplan_session" : "coplan_session";
}

function secure(c: Context<AppEnv>): boolean {
  // A URL's origin starts with its scheme: no need to parse the URL on every request for it.
  return (c.get("deps").settings.origin ?? c.req.url).startsWith("https:");
}

export async function startSession(c: Context<AppEnv>, user: User): Promise<void> {
  await c.get("deps").sessions.end(getCookie(c, cookieName(c)));
  const token = await c.get("deps").sessions.create(user.id);
  setCookie(c, cookieName(c), token, { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(c) });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  await c.get("deps").sessions.end(getCookie(c, cookieName(c)));
  deleteCookie(c, cookieName(c), { path: "/", secure: secure(c) });
}

export const loadUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("ip", clientAddress(c));
  const session = await c.get("deps").sessions.touch(getCookie(c, cookieName(c)));
  let user: User | undefined;
  if (session) {
    user = session.account === undefined ? await c.get("deps").users.byId(session.userId) : (session.account ?? undefined);
    if (!user || user.disabled) {
      await c.get("deps").sessions.endAllFor(session.userId);
      user = undefined;
    }
  }
  c.set("user", user ?? null);
  await next();
};

/** Signed out (or timed out): send the person to sign in without losing what they were doing. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("user")) return next();
  const here = new URL(c.req.url);
  const back = here.pathname + here.search;
  if (isHtmx(c)) {
    // Only the notice area is swapped: the answer being typed stays in its form.
    c.header("HX-Retarget", "#session-notice");
    c.header("HX-Reswap", "innerHTML");
    return c.html(c.get("render")("partials/signin-again", { next: back }), 401);
  }
  // A live page's stream coming back after its session ended: an EventSource cannot show the
  // sign-in page, and following a redirect to it only fails in the browser. 401 ends its retries;
  // the page itself goes to sign in when next loaded or used.
  if ((c.req.header("Accept") ?? "").includes("text/event-stream")) return c.body(null, 401);
  if (c.req.method === "GET") return c.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
  // A plain form post after a time-out: keep its fields, to send again once signed in.
  const body = await c.req.parseBody().catch(() => ({}));
  const replay = Object.entries(body).filter(([k, v]) => typeof v === "string" && k !== "username" && k !== "password") as [string, string][];
  return c.html(c.get("render")("pages/signin", { next: back, replay, values: {}, errors: {}, expired: true }), 401);
};

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get("user");
    if (user && roles.includes(user.role)) return next();
    await c.get("deps").audit.record({ actor: user?.id ?? "anonymous", action: "access-refused", detail: `${c.req.method} ${c.req.routePath}`, ip: c.get("ip"), outcome: "refused" });
    const i18n = c.get("i18n");
    return c.html(c.get("render")("pages/error", { heading: i18n.t("access.roleHeading"), message: i18n.t("access.role") }), 403);
  };
}

/**
 * May this user see this plan? Case managers: their own caseload and practice plans. Trainees:
 * their own practice plans only. Supervisors: every plan, practice ones included.
 */
export function canSeePlan(user: User | null, plan: { ownerId?: string; practice: boolean }): boolean {
  if (!user) return false;
  if (user.role === "supervisor") return true;
  if (user.role === "trainee") return plan.practice && plan.ownerId === user.id;
  return user.role === "case-manager" && plan.ownerId === user.id;
}

export const planAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.param("id");
  if (!id || id === "new") return next();
  const info = await c.get("deps").store.accessInfo(id);
  if (info === null || !canSeePlan(c.get("user"), info)) {
    if (info !== null) {
      await c.get("deps").audit.record({ actor: c.get("user")?.id ?? "anonymous", action: "access-refused", record: id, detail: `${c.req.method} ${c.req.routePath}`, ip: c.get("ip"), outcome: "refused" });
    }
    // The same answer as for a plan that does not exist: nothing tells a stranger it is there.
    return c.html(c.get("render")("pages/error", { heading: c.get("i18n").t("error.heading.404"), message: c.get("i18n").t("access.noSuchPlan") }), 404);
  }
  return next();
};
