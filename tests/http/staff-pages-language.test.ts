/**
 * Sign-in, set-up, password reset, staff accounts and the signing key in the reader's language
 * (issue 22): headings, labels, refusals and their plurals come from the catalogs; people's names
 * and usernames are shown exactly as typed; Arabic pages are right to left.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addUser, buildApp, ORIGIN, PASSWORD, SETUP_FORM, signIn, text, withCookie, type App, type Built } from "../helpers/app.ts";
import { sha256Hex } from "../../src/signing/canonical.ts";

let built: Built;
let admin: App;
beforeAll(async () => {
  built = await buildApp();
  await addUser(built.deps, "admin", "ada");
  await built.deps.users.add({ username: "zoe", displayName: "Zoë 李 زينب", role: "supervisor", password: PASSWORD });
  admin = withCookie(built.raw, await signIn(built.raw, "ada"));
});

const inLanguage = (lang: string, app: App, path: string, fields?: Record<string, string>, address?: string) => {
  const init: RequestInit = fields
    ? { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Accept-Language": lang }, body: new URLSearchParams(fields) }
    : { headers: { "Accept-Language": lang } };
  if (!address) return app.request(`${ORIGIN}${path}`, init);
  // A request on a socket from `address` (as the node adapter passes it), for the throttle.
  const env = { incoming: { socket: { remoteAddress: address, remoteFamily: "IPv4" }, readableDidRead: true } };
  return (app as unknown as { request: (u: string, i: RequestInit, e: unknown) => Promise<Response> }).request(`${ORIGIN}${path}`, init, env);
};
const html = async (res: Response) => text(await res.text());

describe("the sign-in page", () => {
  it("in Arabic: right to left, heading, labels and button in Arabic", async () => {
    const page = await html(await inLanguage("ar", built.raw, "/signin"));
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain("<title>تسجيل الدخول · Coplan</title>");
    expect(page).toContain('<label for="signin-username">اسم المستخدم</label>');
    expect(page).toContain('<label for="signin-password">كلمة المرور</label>');
    expect(page).toContain('<button type="submit" class="primary">تسجيل الدخول</button>');
  });

  it("says a refusal in Spanish, keeping the username typed, and counts minutes in the plural", async () => {
    const wrong = await inLanguage("es", built.raw, "/signin", { username: "Casey", password: "not the password", next: "/" }, "198.51.100.9");
    expect(wrong.status).toBe(401);
    const page = await html(wrong);
    expect(page).toContain("Ese nombre de usuario y esa contraseña no corresponden a ninguna cuenta activa.");
    expect(page).toContain('value="casey"');
    for (let i = 0; i < 6; i++) await inLanguage("es", built.raw, "/signin", { username: "casey", password: "not the password", next: "/" }, "198.51.100.9");
    const locked = await inLanguage("es", built.raw, "/signin", { username: "casey", password: "not the password", next: "/" }, "198.51.100.9");
    expect(locked.status).toBe(429);
    expect(await html(locked)).toMatch(/Demasiados intentos fallidos para esta cuenta desde aquí\. Espere \d+ minutos o consulte a un administrador\./);
  }, 60_000);

  it("says a session that ended, in Chinese", async () => {
    const res = await inLanguage("zh-CN", built.raw, "/plans/new", { clientName: "سارة" });
    expect(res.status).toBe(401);
    const page = await html(res);
    expect(page).toContain("<strong>您已被退出登录</strong>");
    expect(page).toContain('value="سارة"'); // what was being saved is kept as typed, to send again
  });
});

describe("administration", () => {
  it("the staff accounts page in Spanish: roles and statuses in Spanish, names exactly as typed", async () => {
    const page = await html(await inLanguage("es", admin, "/users"));
    expect(page).toContain("<h1>Cuentas del personal</h1>");
    expect(page).toContain('<td dir="auto">Zoë 李 زينب</td><td>zoe</td><td>Supervisor/a</td><td>Activa</td>');
    expect(page).toContain("<td>Gestor/a de casos</td>");
    expect(page).toContain("(usted)");
    expect(page).toContain("<h2>Añadir a un miembro del personal</h2>");
    expect(page).toMatch(/<input type="radio" name="role" value="trainee"[^>]*> Persona en formación<\/label>/);
  });

  it("a refused new account in Arabic: every message beside its field, the words typed kept", async () => {
    const res = await inLanguage("ar", admin, "/users", { username: "لا", displayName: "", role: "", password: "short" });
    expect(res.status).toBe(422);
    const page = await html(res);
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain("استخدم من 2 إلى 40 من الحروف أو الأرقام أو النقاط أو الشرطات أو الشرطات السفلية.");
    expect(page).toContain("اكتب اسم الشخص.");
    expect(page).toContain("اختر دورًا.");
    expect(page).toContain("استخدم 12 حرفًا على الأقل");
    expect(page).toContain('value="لا"');
  });

  it("a username already taken, in Chinese", async () => {
    const res = await inLanguage("zh-Hans", admin, "/users", { username: "zoe", displayName: "Zoe Two", role: "supervisor", password: "long enough passphrase" });
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("已有名为 zoe 的用户。");
  });

  it("a reset link issued in Chinese, and the refusal of one for oneself's disabling, in Spanish", async () => {
    const zoe = (await built.deps.users.byUsername("zoe"))!;
    const page = await html(await inLanguage("zh-Hans", admin, `/users/${zoe.id}/reset`, {}));
    expect(page).toContain("<h2>zoe 的重置链接</h2>");
    expect(page).toMatch(/仅此时显示。只能使用一次，有效期至 UTC \d\d:\d\d（一小时）。/);
    const ada = (await built.deps.users.byUsername("ada"))!;
    const refused = await inLanguage("es", admin, `/users/${ada.id}/disable`, {});
    expect(refused.status).toBe(422);
    expect(await html(refused)).toContain("No puede desactivar su propia cuenta.");
    const missing = await inLanguage("ar", admin, "/users/nobody/enable", {});
    expect(missing.status).toBe(404);
    expect(await html(missing)).toContain("لا يوجد حساب كهذا.");
  });

  it("the signing key page in Arabic, the command and algorithm's name as they are", async () => {
    const page = await html(await inLanguage("ar", admin, "/keys"));
    expect(page).toContain("<h1>مفتاح التوقيع</h1>");
    expect(page).toContain("<dt>الخوارزمية</dt><dd>Ed25519</dd>");
    expect(page).toContain("npm run seal:verify -- retainer.pdf --public-key coplan-public-key-");
    expect(page).toContain("تنزيل المفتاح العام (PEM)");
  });

  it("a page refused to a role, in Spanish", async () => {
    const res = await inLanguage("es", built.app, "/users");
    expect(res.status).toBe(403);
    const page = await html(res);
    expect(page).toContain("<h1>No disponible para su función</h1>");
    expect(page).toContain("Su cuenta no puede abrir esta página.");
  });
});

describe("names on one line", () => {
  it("a client's name with a line break is refused in Spanish, on the set-up form as on the staff form", async () => {
    const plan = await inLanguage("es", built.app, "/plans", { ...SETUP_FORM, clientName: "Amira\nHaddad" });
    expect(plan.status).toBe(422);
    const page = await html(plan);
    expect(page).toContain("Un nombre es una sola línea de texto: sin saltos de línea, tabulaciones ni otros caracteres de control.");
    expect(page).toContain("Amira\nHaddad"); // kept exactly as typed, to correct
    const staff = await inLanguage("es", admin, "/users", { username: "eve", displayName: "Eve\tAdams", role: "supervisor", password: "long enough passphrase" });
    expect(staff.status).toBe(422);
    expect(await html(staff)).toContain("Un nombre es una sola línea de texto");
  });
});

describe("links that end, and requests from elsewhere", () => {
  it("a reset link that no longer works, in Spanish, with a 410", async () => {
    const res = await inLanguage("es", built.raw, "/reset/not-a-token");
    expect(res.status).toBe(410);
    const page = await html(res);
    expect(page).toContain("<h1>Este enlace para restablecer la contraseña ya no funciona</h1>");
    expect(page).toContain("Pida uno nuevo a un administrador.");
    expect(page).toContain('<a href="/signin">Ir a iniciar sesión</a>');
  });

  it("a reset link in Arabic: the account named as it is, the password rules in Arabic when refused", async () => {
    const zoe = (await built.deps.users.byUsername("zoe"))!;
    const { token } = await built.deps.resets.issue(zoe.id, zoe.id, built.deps.now());
    const page = await html(await inLanguage("ar", built.raw, `/reset/${token}`));
    expect(page).toContain("<h1>اختر كلمة مرور جديدة</h1>");
    expect(page).toContain("<p>للحساب: <strong>zoe</strong></p>");
    const refused = await inLanguage("ar", built.raw, `/reset/${token}`, { password: "long enough passphrase", confirm: "another passphrase!!" });
    expect(refused.status).toBe(422);
    expect(await html(refused)).toContain("كلمتا المرور غير متطابقتين.");
  });

  it("a set-up link that does not work, in Chinese", async () => {
    built.deps.setup.tokenHash = sha256Hex("right-token");
    const res = await inLanguage("zh-CN", built.raw, "/setup/wrong-token");
    expect(res.status).toBe(404);
    const page = await html(res);
    expect(page).toContain("<h1>此设置链接无效</h1>");
    expect(page).toContain("请直接登录。");
  });

  it("a form post from another site is refused in the reader's language", async () => {
    const res = await built.raw.request(`${ORIGIN}/signin`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Accept-Language": "es" },
      body: new URLSearchParams({ username: "casey", password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("Esta solicitud no procede de una página de Coplan, así que se ha rechazado.");
  });

  it("an address with a control character is refused in the reader's language", async () => {
    const res = await inLanguage("ar", built.raw, "/signin?next=%00");
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("يحتوي هذا العنوان على أحرف لا يمكن أن تكون جزءًا من عنوان في Coplan.");
  });
});
