/** Signing in and out, and the first-run set-up of the first administrator. */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env.ts";
import { endSession, startSession } from "../auth/middleware.ts";
import { dummyHash, HashBusyError, verifyPassword } from "../auth/passwords.ts";
import { BUSY, MAX_PASSWORD, MAX_USERNAME, refusalMessage, TOO_LONG } from "../auth/signin-refusals.ts";
import { AccountFields } from "../auth/users.ts";
import { type Msg, msg, msgText } from "../i18n/translator.ts";
import { readForm } from "../http/form.ts";
import { isHtmx } from "../http/form.ts";
import { sha256Hex } from "../signing/canonical.ts";
import { passwordResetRoutes } from "./password-reset.ts";
import { endCompanionLinksOf } from "../companion/end-for-user.ts";
import { expireStreamsOf } from "../live/plan-stream.ts";

/**
 * Only a path on this site may follow sign-in: never another host (an open redirect), and never a
 * space or control character, which a Location header cannot carry.
 */
const NextPath = z.string().max(2000).regex(/^\/(?![/\\])[^\s\u0000-\u001f\u007f-\u009f]*$/);

export function safeNext(next: string | undefined): string {
  const parsed = NextPath.safeParse(next);
  return parsed.success ? parsed.data : "/";
}

const SAME_MESSAGE = msg("signin.noMatch");

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/signin", (c) => {
    if (c.get("user")) return c.redirect(safeNext(c.req.query("next")), 303);
    return c.html(c.get("render")("pages/signin", { next: safeNext(c.req.query("next")), values: {}, errors: {}, replay: [] }));
  });

  app.post("/signin", async (c) => {
    const form = await readForm(c);
    const next = safeNext(form.next);
    const replay = Object.entries(form).filter(([k]) => k.startsWith("replay:")).map(([k, v]) => [k.slice(7), v] as [string, string]);
    // Refused before any work (no hash, nothing kept): no account has a name anywhere near this long.
    const tooLong = (form.username ?? "").length > MAX_USERNAME || (form.password ?? "").length > MAX_PASSWORD;
    const username = tooLong ? "" : (form.username ?? "").trim().toLowerCase();
    const deps = c.get("deps");
    const again = (status: 400 | 401 | 429, message: Msg, retryAfterSeconds?: number) => {
      if (retryAfterSeconds) c.header("Retry-After", String(retryAfterSeconds));
      if (isHtmx(c)) return c.html(c.get("render")("partials/signin-again", { next, error: message, values: { username } }), status);
      return c.html(c.get("render")("pages/signin", { next, replay, values: { username }, errors: { form: message } }), status);
    };
    if (tooLong) return again(400, TOO_LONG);
    // The attempt is reserved before the password is checked, so parallel guesses cannot all get through.
    const slot = await deps.throttle.begin(username, c.get("ip"));
    if (!slot.ok) {
      // Counted, not written one by one: refusing costs no password hash, so they can come in floods.
      await deps.audit.recordRepeat({ actor: "anonymous", action: "sign-in-throttled", detail: `refused (${slot.reason})`, ip: c.get("ip"), outcome: "refused" }, username);
      return again(429, refusalMessage(slot), slot.retryAfterSeconds);
    }
    let user: Awaited<ReturnType<typeof deps.users.byUsername>>;
    let ok: boolean;
    try {
      user = await deps.users.byUsername(username);
      // Check a password even for an unknown user, so the time taken does not reveal which it was.
      ok = await verifyPassword(form.password ?? "", user?.passwordHash ?? (await dummyHash()));
    } catch (err) {
      await slot.attempt.cancelled();
      if (err instanceof HashBusyError) return again(429, BUSY, err.retryAfterSeconds);
      throw err;
    }
    if (!user || !ok || user.disabled) {
      await slot.attempt.failed();
      await deps.audit.recordRepeat({ actor: user?.id ?? "anonymous", action: "sign-in-failed", ip: c.get("ip"), outcome: "refused" }, username);
      return again(401, SAME_MESSAGE);
    }
    await slot.attempt.succeeded();
    // A new token at every sign-in (the old one, if any, ends): a planted cookie never becomes a session.
    await startSession(c, user);
    await deps.audit.record({ actor: user.id, action: "sign-in", ip: c.get("ip") });
    if (isHtmx(c)) return c.html(c.get("render")("partials/signin-again", { done: true }));
    if (replay.length) return c.html(c.get("render")("pages/resume", { next, replay }));
    return c.redirect(next, 303);
  });

  app.post("/signout", async (c) => {
    const user = c.get("user");
    if (user) await c.get("deps").audit.record({ actor: user.id, action: "sign-out", ip: c.get("ip") });
    if (user) await endCompanionLinksOf(c.get("deps").store, c.get("deps").planEvents, user.id, c.get("deps").now()); // the client's phone stops with them
    if (user) expireStreamsOf(user.id); // and their open screens stop receiving the plan
    await endSession(c);
    c.header("Clear-Site-Data", '"cache", "cookies", "storage"');
    return c.redirect("/signin", 303);
  });

  const SetupForm = z
    .object({ username: AccountFields.username, displayName: AccountFields.displayName, password: AccountFields.password, confirm: z.string() })
    .refine((f) => f.password === f.confirm, { path: ["confirm"], message: msgText("account.passwordsDiffer") });

  const setupRefused = (c: Context<AppEnv>, message: string) =>
    c.html(c.get("render")("pages/error", { heading: c.get("i18n").t("setup.linkHeading"), message: c.get("i18n").t(message) }), 404);

  const setupAllowed = async (c: Context<AppEnv>, token: string) =>
    c.get("deps").setup.tokenHash !== null && sha256Hex(token) === c.get("deps").setup.tokenHash && (await c.get("deps").users.all()).length === 0;

  app.get("/setup/:token", async (c) => {
    if (!(await setupAllowed(c, c.req.param("token")))) {
      return setupRefused(c, "setup.linkUnknown");
    }
    return c.html(c.get("render")("pages/setup", { token: c.req.param("token"), values: {}, errors: {} }));
  });

  const linkUsed = (c: Context<AppEnv>) => setupRefused(c, "setup.linkUsed");

  app.post("/setup/:token", async (c) => {
    const token = c.req.param("token");
    if (!(await setupAllowed(c, token))) return linkUsed(c);
    const form = await readForm(c);
    const parsed = SetupForm.safeParse(form);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return c.html(c.get("render")("pages/setup", { token, values: { username: form.username, displayName: form.displayName }, errors }), 422);
    }
    // Spend the link in one synchronous step (no await between the check and the clearing), so of
    // several posts at once exactly one goes on; the others find it used. If making the account
    // fails, the link is given back so the administrator can try again.
    const setup = c.get("deps").setup;
    const claimed = setup.tokenHash;
    if (claimed === null || sha256Hex(token) !== claimed) return linkUsed(c);
    setup.tokenHash = null;
    let user;
    try {
      user = await c.get("deps").users.add({ ...parsed.data, role: "admin" });
    } catch (err) {
      setup.tokenHash = claimed;
      throw err;
    }
    await c.get("deps").audit.record({ actor: user.id, action: "set-up-admin", record: user.id, ip: c.get("ip") });
    await startSession(c, user);
    return c.redirect("/users", 303);
  });

  // A forgotten password's way back: public like sign-in (the one-time link is the key).
  app.route("/", passwordResetRoutes());

  return app;
}
