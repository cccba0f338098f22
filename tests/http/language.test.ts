/**
 * The staff member's language (issue 22): which language each page speaks, and the switcher that
 * changes it. The account's own choice, then the switcher's cookie (pages without an account), then
 * the browser's Accept-Language, then English.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addUser, buildApp, ORIGIN, post, signIn, withCookie, type App, type Built } from "../helpers/app.ts";

let built: Built;
let admin: App;
beforeAll(async () => {
  built = await buildApp();
  await addUser(built.deps, "admin", "ada");
  admin = withCookie(built.raw, await signIn(built.raw, "ada"));
});

const page = (app: App, path: string, headers: Record<string, string> = {}) => app.request(`${ORIGIN}${path}`, { headers });
const htmlTag = (html: string) => html.match(/<html[^>]*>/)?.[0] ?? "";
const cookieOf = (res: Response) => (res.headers.get("Set-Cookie") ?? "").split(";")[0];

describe("the browser's Accept-Language picks the language", () => {
  it.each([
    ["es-MX", "es", "Inicie sesión en Coplan"],
    ["zh-CN", "zh-Hans", "登录 Coplan"],
    ["ar", "ar", "تسجيل الدخول إلى Coplan"],
    ["fr, es;q=0.5", "es", "Inicie sesión en Coplan"],
    ["zh-TW", "en", "Sign in to Coplan"],
  ])("%s speaks %s on the sign-in page", async (accept, lang, heading) => {
    const res = await page(built.raw, "/signin", { "Accept-Language": accept });
    const html = await res.text();
    expect(htmlTag(html)).toContain(`lang="${lang}"`);
    expect(htmlTag(html)).toContain(`dir="${lang === "ar" ? "rtl" : "ltr"}"`);
    expect(res.headers.get("Content-Language")).toBe(lang);
    expect(html).toContain(`<h1>${heading}</h1>`);
  });

  it("Arabic is right to left", async () => {
    const html = await (await page(built.raw, "/signin", { "Accept-Language": "ar" })).text();
    expect(htmlTag(html)).toBe('<html lang="ar" dir="rtl">');
  });
});

describe("the switcher", () => {
  it("keeps the choice in a cookie that beats Accept-Language on pages without a user", async () => {
    const res = await post(built.raw, "/language", { lang: "es", back: "/signin" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/signin");
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^coplan_lang=es$/);
    const html = await (await page(built.raw, "/signin", { Cookie: cookie, "Accept-Language": "zh-CN" })).text();
    expect(htmlTag(html)).toContain('lang="es"');
    expect(html).toContain("Inicie sesión en Coplan");
  });

  it("refuses a language Coplan does not speak with a 400, in the page's language", async () => {
    const res = await built.raw.request(`${ORIGIN}/language`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Accept-Language": "es" },
      body: new URLSearchParams({ lang: "tlh", back: "/signin" }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("Set-Cookie") ?? "").not.toContain("coplan_lang");
    const html = await res.text();
    expect(htmlTag(html)).toContain('lang="es"');
    expect(html).toContain("Coplan todavía no está disponible en ese idioma");
  });

  it.each(["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/ok path"])("never sends anyone off-site (back=%s)", async (back) => {
    const res = await post(built.raw, "/language", { lang: "ar", back });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/");
  });

  it("lists English, Español, العربية and 中文 on every page, each in its own language", async () => {
    const pages: [App, string][] = [
      [built.raw, "/signin"],
      [built.app, "/caseload"],
      [built.app, "/account"],
      [admin, "/users"],
      [admin, "/keys"],
      [built.raw, "/reset/not-a-token"],
      [built.app, "/no-such-page"],
    ];
    for (const [app, path] of pages) {
      const html = await (await page(app, path, { "Accept-Language": "ar" })).text();
      const switcher = html.match(/<form method="post" action="\/language"[\s\S]*?<\/form>/)?.[0] ?? "";
      expect(switcher, path).not.toBe("");
      for (const [tag, name] of [["en", "English"], ["es", "Español"], ["ar", "العربية"], ["zh-Hans", "中文"]]) {
        expect(switcher, `${path}: ${name}`).toMatch(new RegExp(`value="${tag}" lang="${tag}" dir="(ltr|rtl)"[^>]*>${name}</button>`));
      }
    }
  });
});

describe("a signed-in person's own language", () => {
  it("beats both the cookie and Accept-Language, once chosen on their account page", async () => {
    const { raw, deps } = await buildApp();
    await addUser(deps, "supervisor", "sam");
    const cookie = await signIn(raw, "sam");
    const sam = withCookie(raw, cookie);
    const saved = await post(sam, "/account", { language: "ar" });
    expect(saved.status).toBe(303);
    const res = await page(raw, "/account", { Cookie: `${cookie}; coplan_lang=es`, "Accept-Language": "zh-CN" });
    const html = await res.text();
    expect(htmlTag(html)).toBe('<html lang="ar" dir="rtl">');
    expect(res.headers.get("Content-Language")).toBe("ar");
    expect(html).toContain("حسابك");
  });

  it("Content-Language is on htmx fragment responses too", async () => {
    // A sign-in again from an htmx form (the session ended mid-answer) answers with a fragment.
    const res = await built.raw.request(`${ORIGIN}/signin`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "HX-Request": "true", "Accept-Language": "zh-CN" },
      body: new URLSearchParams({ username: "casey", password: "not the password", next: "/" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Language")).toBe("zh-Hans");
    const html = await res.text();
    expect(html).not.toContain("<html");
    // Its own language marked on it: it may land in a page that speaks another.
    expect(html).toMatch(/^<div class="notice notice-conflict" role="alert" lang="zh-Hans" dir="ltr">/);
    expect(html).toContain("该用户名和密码与任何有效账户都不匹配。");
    expect(html).toContain("重新登录");
  });
});

describe("the plan's set-up fields", () => {
  it("are labelled in the case manager's language, with the coded choices' labels too", async () => {
    const html = await (await page(built.app, "/plans/new", { "Accept-Language": "zh-CN" })).text();
    expect(html).toContain('<label for="setup-clientName">服务对象的姓名或姓名首字母</label>');
    expect(html).toContain("<legend>服务期限</legend>");
    expect(html).toContain('<p class="hint" id="setup-priorityIssues-hint">每行一项，例如：住房面临风险</p>');
    expect(html).not.toContain("Length of service");
  });
});
