/** Administrators manage staff accounts: add, disable (which ends their sessions), enable. */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app.ts";
import { DisplayNameSchema, DuplicateUserError, PasswordSchema, ROLES, UsernameSchema } from "../auth/users.ts";
import { readForm } from "../http/form.ts";

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
    if (change === "disable") c.get("deps").sessions.endAllFor(userId); // disabling ends their sessions now
    await c.get("deps").audit.record({ actor: c.get("user")!.id, action: change === "disable" ? "user-disabled" : "user-enabled", record: userId, ip: c.get("ip") });
    return c.redirect("/users", 303);
  });

  return app;
}
