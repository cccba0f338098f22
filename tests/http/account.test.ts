/**
 * "Your account" (issue 22): every signed-in person sees their name, username and role, and
 * chooses the language Coplan's pages speak to them, or their browser's.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addUser, buildApp, get, ORIGIN, post, signIn, tempDir, text, withCookie, type App, type Built } from "../helpers/app.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

let built: Built;
const apps: Record<string, App> = {};
beforeAll(async () => {
  built = await buildApp();
  apps["case-manager"] = built.app;
  for (const [role, name] of [["supervisor", "sam"], ["admin", "ada"], ["trainee", "tess"]] as const) {
    await addUser(built.deps, role, name);
    apps[role] = withCookie(built.raw, await signIn(built.raw, name));
  }
});

describe("Your account", () => {
  it.each([
    ["case-manager", "Casey", "casey", "Case manager"],
    ["supervisor", "Sam", "sam", "Supervisor"],
    ["admin", "Ada", "ada", "Administrator"],
    ["trainee", "Tess", "tess", "Trainee"],
  ])("shows a %s their name, username and role, with a link to it in the header", async (role, name, username, roleLabel) => {
    const res = await get(apps[role], "/account");
    expect(res.status).toBe(200);
    const html = text(await res.text());
    expect(html).toContain('<a href="/account">Your account</a>');
    expect(html).toContain(`<dd dir="auto">${name}</dd>`);
    expect(html).toContain(`<dd>${username}</dd>`);
    expect(html).toContain(`<dd>${roleLabel}</dd>`);
    expect(html).toMatch(/<input type="radio" name="language" value="" checked> Use my browser's language/);
    for (const [tag, label] of [["en", "English"], ["es", "Español"], ["ar", "العربية"], ["zh-Hans", "中文"]]) {
      expect(html).toMatch(new RegExp(`value="${tag}"> <span lang="${tag}" dir="(ltr|rtl)">${label}</span>`));
    }
  });

  it("saves the language on the account, audited, and every page then speaks it whatever the browser asks", async () => {
    const before = (await built.deps.audit.lines()).length;
    const res = await post(apps.supervisor, "/account", { language: "es" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/account?saved=1");
    expect((await built.deps.users.byUsername("sam"))?.language).toBe("es");
    const entries = (await built.deps.audit.lines()).slice(before).map((l) => JSON.parse(l));
    expect(entries).toEqual([expect.objectContaining({ action: "account-language-set", detail: "es" })]);

    const page = await apps.supervisor.request(`${ORIGIN}/account?saved=1`, { headers: { "Accept-Language": "zh-CN" } });
    const html = text(await page.text());
    expect(html).toContain('<html lang="es" dir="ltr">');
    expect(html).toContain("<h1>Su cuenta</h1>");
    expect(html).toContain("Su idioma se ha guardado.");
    expect(html).toContain("<dd>Supervisor/a</dd>");
    expect(html).toMatch(/value="es" checked>/);
  });

  it("the header's switcher sets the same preference, audited the same way (once, not again for the same choice)", async () => {
    const before = (await built.deps.audit.lines()).length;
    for (let i = 0; i < 2; i++) expect((await post(apps["case-manager"], "/language", { lang: "zh-Hans", back: "/caseload" })).status).toBe(303);
    expect((await built.deps.users.byUsername("casey"))?.language).toBe("zh-Hans");
    const entries = (await built.deps.audit.lines()).slice(before).map((l) => JSON.parse(l));
    expect(entries).toEqual([expect.objectContaining({ action: "account-language-set", detail: "zh-Hans", actor: built.user.id })]);
    expect(await (await get(apps["case-manager"], "/account")).text()).toMatch(/value="zh-Hans" checked>/);
    await post(apps["case-manager"], "/account", { language: "" });
  });

  it("goes back to the browser's language when that is chosen", async () => {
    await post(apps.trainee, "/account", { language: "ar" });
    expect((await built.deps.users.byUsername("tess"))?.language).toBe("ar");
    expect(await (await get(apps.trainee, "/account")).text()).toContain('<html lang="ar" dir="rtl">');
    expect((await post(apps.trainee, "/account", { language: "" })).status).toBe(303);
    expect((await built.deps.users.byUsername("tess"))?.language).toBeUndefined();
    const html = await (await apps.trainee.request(`${ORIGIN}/account`, { headers: { "Accept-Language": "zh-Hans" } })).text();
    expect(html).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(html).toContain("<h1>您的账户</h1>");
  });

  it("refuses a language Coplan does not speak with a 422 and a message beside the choice, changing nothing", async () => {
    await post(apps.admin, "/account", { language: "es" });
    for (const language of ["tlh", "x".repeat(500)]) {
      const res = await post(apps.admin, "/account", { language });
      expect(res.status).toBe(422);
      const html = text(await res.text());
      expect(html).toContain("Elija uno de los idiomas de la lista.");
      expect(html).toContain('aria-invalid="true"');
    }
    expect((await built.deps.users.byUsername("ada"))?.language).toBe("es");
  });
});

describePostgres("Your account on PostgreSQL", () => {
  let schema: TestSchema | undefined;
  const built: Built[] = [];
  afterEach(async () => {
    for (const b of built.splice(0)) {
      await b.store.close?.();
      await b.deps.pool?.end();
    }
    await schema?.drop();
  });

  it("a language chosen through one process is the one every other process speaks to that person", async () => {
    schema = await freshSchema();
    const env = { COPLAN_DATABASE_URL: schema.url() };
    const a = await buildApp(tempDir(), undefined, env);
    built.push(a);
    const b = await buildApp(tempDir(), undefined, env);
    built.push(b);
    expect((await post(a.app, "/account", { language: "zh-Hans" })).status).toBe(303);
    const html = await (await b.app.request(`${ORIGIN}/account`, { headers: { "Accept-Language": "es" } })).text();
    expect(html).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(html).toContain("<h1>您的账户</h1>");
  });
});
