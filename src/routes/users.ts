/**
 * Administrators manage staff accounts: add, disable (which ends their sessions), enable, and
 * issue a one-time link to set a new password (for someone who forgot theirs).
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { accountChanges, issueResetLink } from "../audit/audited-accounts.ts";
import type { AppEnv } from "../http/app-env.ts";
import { AccountFields, DuplicateUserError, ROLES } from "../auth/users.ts";
import { readForm } from "../http/form.ts";
import { linkTo } from "../http/link-base.ts";
import { resetPath } from "../auth/password-reset.ts";
import { errorResponse } from "../http/errors.ts";
import { msg, msgText } from "../i18n/translator.ts";

const AddUser = z.object({
  username: AccountFields.username,
  displayName: AccountFields.displayName,
  role: z.enum(ROLES, { message: msgText("account.chooseRole") }),
  password: AccountFields.password,
});

export function usersRoutes() {
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status: 200 | 409 | 422 = 200) =>
    c.html(c.get("render")("pages/users", { users: await c.get("deps").users.all(), roles: ROLES, values: {}, errors: {}, ...extra }), status);

  app.get("/", (c) => page(c));

  app.post("/", async (c) => {
    const form = await readForm(c);
    const parsed = AddUser.safeParse(form);
    const values = { username: form.username, displayName: form.displayName, role: form.role };
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return page(c, { values, errors }, 422);
    }
    try {
      await accountChanges(c.get("deps")).add(parsed.data, (user) => ({ actor: c.get("user")!.id, action: "user-added", record: user.id, detail: user.role, ip: c.get("ip") }));
    } catch (err) {
      if (err instanceof DuplicateUserError) return page(c, { values, errors: { username: msgText("account.duplicate", { username: parsed.data.username }) } }, 409);
      throw err;
    }
    return c.redirect("/users", 303);
  });

  app.post("/:userId/:change{disable|enable}", async (c) => {
    const { userId, change } = c.req.param();
    if (userId === c.get("user")!.id) return page(c, { refusal: msgText("users.cannotDisableSelf") }, 422);
    const entry = { actor: c.get("user")!.id, action: change === "disable" ? ("user-disabled" as const) : ("user-enabled" as const), record: userId, ip: c.get("ip") };
    const user = await accountChanges(c.get("deps")).setDisabled(userId, change === "disable", entry);
    if (!user) return errorResponse(c, 404, msg("users.noSuchAccount"));
    if (change === "disable") await c.get("deps").sessions.endAllFor(userId); // disabling ends their sessions now
    return c.redirect("/users", 303);
  });

  // The link is shown once, on this response only (no redirect: nothing keeps it to show again).
  // Issuing another replaces it, so a link shown on a screen someone walked away from can be undone.
  app.post("/:userId/reset", async (c) => {
    const deps = c.get("deps");
    const target = await deps.users.byId(c.req.param("userId"));
    if (!target) return errorResponse(c, 404, msg("users.noSuchAccount"));
    if (target.disabled) return page(c, { refusal: msgText("users.resetDisabled", { username: target.username }) }, 422);
    const entry = { actor: c.get("user")!.id, action: "password-reset-issued" as const, record: target.id, ip: c.get("ip") };
    const { token, expiresAt } = await issueResetLink(deps, target.id, deps.now(), entry);
    // The hour on the agency's clock, in the reader's language (24-hour: no AM/PM to misread).
    const until = new Intl.DateTimeFormat(c.get("i18n").lang, { timeZone: deps.settings.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(new Date(expiresAt));
    return page(c, { resetLink: { username: target.username, link: linkTo(deps.settings, resetPath(token)), until } });
  });

  return app;
}
