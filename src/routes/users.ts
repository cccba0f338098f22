/**
 * Administrators manage staff accounts: add, disable (which ends their sessions), enable, and
 * issue a one-time link to set a new password (for someone who forgot theirs).
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env.ts";
import { DisplayNameSchema, DuplicateUserError, PasswordSchema, ROLES, UsernameSchema } from "../auth/users.ts";
import { readForm } from "../http/form.ts";
import { linkTo } from "../http/link-base.ts";
import { resetPath } from "../auth/password-reset.ts";

const AddUser = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: z.enum(ROLES, { message: "Choose a role." }),
  password: PasswordSchema,
});

export function usersRoutes() {
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status: 200 | 409 | 422 = 200) =>
    c.html(c.get("render")("pages/users", { users: await c.get("deps").users.all(), values: {}, errors: {}, ...extra }), status);

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
      const user = await c.get("deps").users.add(parsed.data);
      await c.get("deps").audit.record({ actor: c.get("user")!.id, action: "user-added", record: user.id, detail: user.role, ip: c.get("ip") });
    } catch (err) {
      if (err instanceof DuplicateUserError) return page(c, { values, errors: { username: err.message } }, 409);
      throw err;
    }
    return c.redirect("/users", 303);
  });

  app.post("/:userId/:change{disable|enable}", async (c) => {
    const { userId, change } = c.req.param();
    if (userId === c.get("user")!.id) return page(c, { refusal: "You cannot disable your own account." }, 422);
    const user = await c.get("deps").users.setDisabled(userId, change === "disable");
    if (!user) return c.html(c.get("render")("pages/error", { heading: "Not found", message: "There is no such account." }), 404);
    if (change === "disable") await c.get("deps").sessions.endAllFor(userId); // disabling ends their sessions now
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: change === "disable" ? "user-disabled" : "user-enabled", record: userId, ip: c.get("ip") });
    return c.redirect("/users", 303);
  });

  // The link is shown once, on this response only (no redirect: nothing keeps it to show again).
  // Issuing another replaces it, so a link shown on a screen someone walked away from can be undone.
  app.post("/:userId/reset", async (c) => {
    const deps = c.get("deps");
    const target = await deps.users.byId(c.req.param("userId"));
    if (!target) return c.html(c.get("render")("pages/error", { heading: "Not found", message: "There is no such account." }), 404);
    if (target.disabled) return page(c, { refusal: `${target.username}'s account is disabled. Enable it first, then issue a reset link.` }, 422);
    const { token, expiresAt } = await deps.resets.issue(target.id, c.get("user")!.id, deps.now());
    await deps.audit.record({ actor: c.get("user")!.id, action: "password-reset-issued", record: target.id, ip: c.get("ip") });
    const until = new Intl.DateTimeFormat("en-GB", { timeZone: deps.settings.timeZone, hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(new Date(expiresAt));
    return page(c, { resetLink: { username: target.username, link: linkTo(deps.settings, resetPath(token)), until } });
  });

  return app;
}
