/**
 * The language switcher's form (views/partials/language-switcher.eta), on every page: POST
 * /language with the chosen tag and the page to go back to. The choice is kept in a cookie, so
 * it also holds on pages without an account (sign-in, set-up, a client's pages); a signed-in
 * person's choice is also saved on their account (the "Your account" page sets the same).
 */
import { Hono } from "hono";
import { z } from "zod";
import { accountChanges } from "../audit/audited-accounts.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readForm } from "../http/form.ts";
import { errorResponse } from "../http/errors.ts";
import { rememberLanguage, useLanguage } from "../http/language.ts";
import { languageTags } from "../i18n/catalogs.ts";
import { msg } from "../i18n/translator.ts";

/** A path on this site only: never another host (`//evil`, `/\evil`), so the switcher cannot be an open redirect. */
export const LocalPath = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch("/");

const LanguageForm = z.object({ lang: z.string().max(35), back: LocalPath.optional(), scope: z.enum(["staff", "client"]).catch("staff").default("staff") });

export function languageRoutes() {
  const app = new Hono<AppEnv>();
  app.post("/language", async (c) => {
    const parsed = LanguageForm.safeParse(await readForm(c));
    const tag = parsed.success ? languageTags().find((t) => t === parsed.data.lang) : undefined;
    if (!parsed.success || !tag) return errorResponse(c, 400, msg("language.unknown"));
    // A client's page keeps its own choice; it never changes a staff member's account.
    const scope = parsed.data.scope;
    rememberLanguage(c, tag, scope);
    const user = c.get("user");
    if (user && scope === "staff" && user.language !== tag) {
      // A change to the account, audited as on the account page (routes/account.ts).
      await accountChanges(c.get("deps")).setLanguage(user.id, tag, { actor: user.id, action: "account-language-set", record: user.id, detail: tag, ip: c.get("ip") });
    }
    useLanguage(c, tag);
    return c.redirect(parsed.data.back ?? "/", 303);
  });
  return app;
}
