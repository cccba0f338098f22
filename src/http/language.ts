/**
 * Which language each response speaks (issue 22), decided once per request after the user is
 * known: the account's own choice, then the language picked on a page without an account (a
 * cookie), then the browser's Accept-Language, then English. The translator is handed to every
 * template through `render`, with the page's `lang` and `dir`; Content-Language says the same to
 * htmx fragments and anything else that reads headers.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./app-env.ts";
import { SOURCE_LANGUAGE, catalogs, languageTags } from "../i18n/catalogs.ts";
import { negotiate } from "../i18n/negotiate.ts";
import { type Translator, translator } from "../i18n/translator.ts";
import { clientCatalogTag } from "../i18n/client-language.ts";
import type { PlanData } from "../domain/plan.ts";
import { helpers } from "../render.ts";

export const LANGUAGE_COOKIE = "coplan_lang";
/**
 * What a client picked on their own pages (review link, phone). Kept apart from the staff cookie:
 * on a shared office screen the case manager's language must not become the client's, nor theirs his.
 */
export const CLIENT_LANGUAGE_COOKIE = "coplan_client_lang";

/** The switcher's list: each language named in itself. */
let choices: readonly { tag: string; name: string; dir: string }[] | undefined;
export const languageChoices = () => (choices ??= Object.freeze(catalogs().map(({ tag, name, dir }) => Object.freeze({ tag, name, dir }))));

export function translatorFor(c: Context<AppEnv>, tag: string): Translator {
  const { settings } = c.get("deps");
  return translator(tag, settings.timeZone, settings.production);
}

/** The language this request's reader gets, by the order above. */
export function staffLanguage(c: Context<AppEnv>): string {
  return negotiate([c.get("user")?.language, getCookie(c, LANGUAGE_COOKIE)], c.req.header("Accept-Language"), languageTags(), SOURCE_LANGUAGE);
}

export function rememberLanguage(c: Context<AppEnv>, tag: string, scope: "staff" | "client" = "staff"): void {
  // A year: a shared office computer's choice outlives any one session. Not secret, so readable by nobody's script anyway.
  setCookie(c, scope === "client" ? CLIENT_LANGUAGE_COOKIE : LANGUAGE_COOKIE, tag, { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 365 * 24 * 3600 });
}

/** Sets the request's translator and makes every template see it (`it.t`, `it.lang`, `it.dir`, `it.i18n`). */
export const chooseLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  useLanguage(c, staffLanguage(c));
  await next();
};

/**
 * A client's page (their review link, their phone): what they picked on such a page, else the
 * language recorded on their plan, else their browser's. Its switcher keeps the choice in the
 * client's own cookie.
 */
export function useClientLanguage(c: Context<AppEnv>, data?: Pick<PlanData, "setup">): Translator {
  const tag = negotiate([getCookie(c, CLIENT_LANGUAGE_COOKIE), data ? clientCatalogTag(data) : undefined], c.req.header("Accept-Language"), languageTags(), SOURCE_LANGUAGE);
  return useLanguage(c, tag, { languageScope: "client" });
}

/**
 * Where the switcher comes back to: this page; after a POST, the start (a form's address is not a
 * page to reload). Made from the path and query as they came, only when a page is drawn.
 */
function here(c: Context<AppEnv>): string {
  if (c.req.method !== "GET") return "/";
  const url = c.req.url;
  const query = url.indexOf("?");
  return c.req.path + (query >= 0 ? url.slice(query) : "");
}

/** Speaks `tag` for the rest of this request (a client's page speaks the plan's language, say). */
export function useLanguage(c: Context<AppEnv>, tag: string, extra: Record<string, unknown> = {}): Translator {
  const tr = translatorFor(c, tag);
  c.set("i18n", tr);
  c.header("Content-Language", tr.lang);
  const render = c.get("baseRender");
  // What a template sees is made once for data rendered several times in a row (an answer's
  // progress bar, plan panel and coaching box): copying some thirty values into a new object was a
  // good share of rendering. Templates never change `it` (eta's include copies it), so one serves.
  let last: { data: object; it: Record<string, unknown> } | undefined;
  c.set("render", (template, data = {}) => {
    if (last?.data !== data) last = { data, it: { user: c.get("user"), t: tr.t, i18n: tr, lang: tr.lang, dir: tr.dir, languages: languageChoices(), here: here(c), ...extra, ...data, h: helpers } };
    return render(template, last.it);
  });
  return tr;
}
