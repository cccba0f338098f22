/**
 * Using a one-time reset link (issued on the accounts page or by `npm run user:reset`): a page to
 * choose a new password, public (the link is the key), CSRF-checked like every form post, and
 * rate-limited like sign-in, since each post may cost a password hash.
 */
import { type Context, Hono } from "hono";
import { accountChanges } from "../audit/audited-accounts.ts";
import type { AuditInput } from "../audit/chain.ts";
import type { AppEnv } from "../http/app-env.ts";
import { startSession } from "../auth/middleware.ts";
import { NewPasswordForm, resetKey } from "../auth/password-reset.ts";
import { HashBusyError, hashPassword, SCRYPT } from "../auth/passwords.ts";
import { readForm } from "../http/form.ts";
import { minutesToWait } from "../auth/signin-refusals.ts";
import { msgText } from "../i18n/translator.ts";

const GONE = "reset.gone";

/** 410, not 404: the link was real and has ended, and no browser or proxy should retry it. `message`: a key or msgText. */
const gone = (c: Context<AppEnv>, message = GONE) => c.html(c.get("render")("pages/reset-gone", { message }), 410);

export function passwordResetRoutes() {
  const app = new Hono<AppEnv>();
  const store = (c: Context<AppEnv>) => c.get("deps").resets;

  app.get("/reset/:token", async (c) => {
    const token = c.req.param("token");
    const record = await store(c).find(token, c.get("deps").now());
    const user = record && (await c.get("deps").users.byId(record.userId));
    if (!user || user.disabled) return gone(c);
    return c.html(c.get("render")("pages/reset", { token, username: user.username, errors: {} }));
  });

  app.post("/reset/:token", async (c) => {
    const token = c.req.param("token");
    const deps = c.get("deps");
    const ip = c.get("ip");
    // Counted as sign-ins are, before any work: a link that does not work is a failed attempt
    // from this address, so guessing links is as slow as guessing passwords.
    const slot = await deps.throttle.begin(`reset\0${resetKey(token) ?? token.slice(0, 100)}`, ip);
    if (!slot.ok) {
      await deps.audit.recordRepeat({ actor: "anonymous", action: "password-reset-refused", detail: `throttled (${slot.reason})`, ip, outcome: "refused" });
      c.header("Retry-After", String(slot.retryAfterSeconds));
      return c.html(c.get("render")("pages/reset-gone", { message: msgText("reset.tooMany", { minutes: minutesToWait(slot.retryAfterSeconds) }), heading: "reset.waitHeading" }), 429);
    }
    const record = await store(c).find(token, deps.now());
    const user = record && (await deps.users.byId(record.userId));
    if (!record || !user || user.disabled) {
      if (!record) await slot.attempt.failed();
      else await slot.attempt.cancelled();
      await deps.audit.recordRepeat({ actor: "anonymous", action: "password-reset-refused", detail: "link unknown, used or expired", ip, outcome: "refused" });
      return gone(c);
    }
    const form = await readForm(c);
    const again = (status: 422 | 429, errors: Record<string, string>) => c.html(c.get("render")("pages/reset", { token, username: user.username, errors }), status);
    const parsed = NewPasswordForm.safeParse({ password: form.password ?? "", confirm: form.confirm ?? "" });
    if (!parsed.success) {
      await slot.attempt.cancelled();
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return again(422, errors);
    }
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(parsed.data.password, SCRYPT, true);
    } catch (err) {
      await slot.attempt.cancelled();
      if (!(err instanceof HashBusyError)) throw err;
      c.header("Retry-After", String(err.retryAfterSeconds));
      return again(429, { form: msgText("reset.busy") });
    }
    // Taken for this request alone: of two posts at once, the other finds the link gone.
    const claim = await store(c).claim(token);
    if (!claim) {
      await slot.attempt.cancelled();
      return gone(c);
    }
    // The new password and its record (with the link's own, if it was made while Coplan ran) together.
    const entries: AuditInput[] = [
      ...(record.auditPending
        ? [{ actor: "command-line", action: "password-reset-issued" as const, record: user.id, detail: `made while Coplan ran, at ${record.issuedAt}`, ip: "local" }]
        : []),
      { actor: user.id, action: "password-reset-used", record: user.id, ip },
    ];
    try {
      await accountChanges(deps).setPassword(user.id, passwordHash, entries);
    } catch (err) {
      await claim.giveBack().catch(() => {});
      await slot.attempt.cancelled();
      throw err;
    }
    await claim.spend();
    await slot.attempt.succeeded();
    // Whoever knew the old password, or holds a session on a lost device, is out; the owner is in.
    await deps.sessions.endAllFor(user.id);
    await deps.throttle.forgive(user.username, ip);
    await startSession(c, user);
    return c.redirect("/", 303);
  });

  return app;
}
