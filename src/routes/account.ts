/**
 * "Your account" (issue 22): every signed-in person, whatever their role, sees who they are in
 * Coplan and chooses the language its pages speak to them. Unset means "my browser's language"
 * (Accept-Language), so a person who never chooses still gets a sensible page. The choice is kept
 * on the account, so it follows them to every device; it is audited like other account changes.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { accountChanges } from "../audit/audited-accounts.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readForm } from "../http/form.ts";
import { languageChoices } from "../http/language.ts";
import { languageTags } from "../i18n/catalogs.ts";
import { msgText } from "../i18n/translator.ts";

/** A catalog's tag, or "" for the browser's language. Read against the catalogs of this installation. */
const AccountForm = z.object({
  language: z
    .string()
    .refine((tag) => tag === "" || languageTags().includes(tag), { message: msgText("account.language.unknown") }),
});

export function accountRoutes() {
  const app = new Hono<AppEnv>();

  const page = (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status: 200 | 422 = 200) => {
    const user = c.get("user")!;
    return c.html(c.get("render")("pages/account", { account: user, choices: languageChoices(), chosen: user.language ?? "", errors: {}, ...extra }), status);
  };

  app.get("/account", (c) => page(c, { saved: c.req.query("saved") === "1" }));

  app.post("/account", async (c) => {
    const form = await readForm(c);
    const parsed = AccountForm.safeParse({ language: form.language ?? "" });
    if (!parsed.success) return page(c, { chosen: "", errors: { language: parsed.error.issues[0].message } }, 422);
    const user = c.get("user")!;
    const language = parsed.data.language || undefined;
    const deps = c.get("deps");
    await accountChanges(deps).setLanguage(user.id, language, { actor: user.id, action: "account-language-set", record: user.id, detail: language ?? "browser", ip: c.get("ip") });
    return c.redirect("/account?saved=1", 303);
  });

  return app;
}
