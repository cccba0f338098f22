/**
 * Issue 22: the pages after signing and for oversight speak the reader's language (caseload,
 * progress, supervisor, handover, changes, audit) and the calendar feed its subscriber's. The
 * client's own words are shown exactly as typed; dates come through Intl, on the agency's clock.
 */
import { describe, expect, it } from "vitest";
import { ORIGIN, type App, addUser, buildApp, post, signIn, text, withCookie } from "../helpers/app.ts";
import { WORDS } from "../helpers/plans.ts";
import { signedPlan } from "../helpers/signed.ts";

async function page(app: App, path: string, lang: string) {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { "Accept-Language": lang } });
  expect(res.status, path).toBe(200);
  return text(await res.text());
}

describe("the caseload in other languages", () => {
  it("is in Arabic, right to left, with dates in Arabic words and the client's name as typed", async () => {
    const { app, store, user } = await buildApp();
    await signedPlan(store, user.id);
    const html = await page(app, "/caseload", "ar");
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain("<h1>الحالات المسندة إليّ</h1>");
    expect(html).toContain("الموعد المستهدف التالي"); // the column "Next target date"
    expect(html).toContain(">موقّعة<"); // "Signed"
    expect(html).toContain("15 يناير 2027"); // the first target date, 2027-01-15
    expect(html).toContain("Amira Haddad");
    expect(html).not.toContain("My caseload");
  });

  it("is in Chinese", async () => {
    const { app, store, user } = await buildApp();
    await signedPlan(store, user.id);
    const html = await page(app, "/caseload", "zh-Hans");
    expect(html).toContain('<html lang="zh-Hans" dir="ltr"');
    expect(html).toContain("<h1>我的个案量</h1>");
    expect(html).toContain("2027年1月15日");
    expect(html).toContain("今天是2026年11月24日。");
  });
});

describe("the progress page in other languages", () => {
  it("is in Arabic, right to left, with the client's words exactly as typed", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const html = await page(app, `/plans/${plan.id}/progress`, "ar");
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain("التقدم: <bdi>Amira Haddad</bdi>");
    expect(html).toContain("الإصدار الموقّع 1، ساري المفعول.");
    expect(html).toContain('<h2 id="goals">الأهداف</h2>');
    expect(html).toContain("<strong>قيد التنفيذ</strong>"); // a goal's status, "in progress"
    expect(html).toContain(">لم يبدأ<"); // an action status among the choices, "Not started"
    expect(html).toContain("15 يناير 2027"); // a target date
    expect(html).toContain("حفظ التغييرات"); // "Save the changes"
    expect(html).toContain(WORDS.arabic);
    expect(html).toContain(WORDS.chinese);
    expect(html).not.toMatch(/Save the changes|Goal status|Notes recorded/);
  });

  it("is in Chinese, and a refusal says why in Chinese beside the row", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const html = await page(app, `/plans/${plan.id}/progress`, "zh-Hans");
    expect(html).toContain('<html lang="zh-Hans" dir="ltr"');
    expect(html).toContain("进展：<bdi>Amira Haddad</bdi>");
    expect(html).toContain('<h2 id="actions">行动</h2>');
    expect(html).toContain("2027年1月15日");
    const rev = html.match(/name="rev" value="(\d+)"/)![1];
    const res = await app.request(`${ORIGIN}/plans/${plan.id}/progress`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Accept-Language": "zh-Hans" },
      body: new URLSearchParams({ rev, "status-a8": "not-done", "reason-a8": "" }),
    });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toMatch(/id="action-a8"[\s\S]*?请说明该行动未完成的原因[\s\S]*?id="action-a9"/);
  });
});

describe("dates on the agency's clock", () => {
  it("shows a note written just before midnight UTC on the agency's own day", async () => {
    // Auckland is 13 hours ahead in November: 23:30 UTC on 24 November is already 25 November there.
    const { app, store, user } = await buildApp(undefined, { t: new Date("2026-11-24T23:30:00Z") }, { COPLAN_TIMEZONE: "Pacific/Auckland" });
    const plan = await signedPlan(store, user.id);
    const rev = (await store.get(plan.id))!.rev;
    const saved = await app.request(`${ORIGIN}/plans/${plan.id}/progress`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
      body: new URLSearchParams({ rev: String(rev), target: "action:a7", kind: "progress", text: "Called the clinic" }),
    });
    expect(saved.status).toBe(303);
    const es = await page(app, `/plans/${plan.id}/progress`, "es");
    expect(es).toContain("25 de noviembre de 2026");
    expect(es).not.toContain("24 de noviembre de 2026");
    expect(await page(app, `/plans/${plan.id}/progress`, "en")).toContain("25 November 2026");
  });
});

describe("the calendar feed in its subscriber's language", () => {
  it("speaks Spanish to a case manager whose account is in Spanish, whatever the calendar app asks for", async () => {
    const { app, raw, deps, store, user } = await buildApp();
    await signedPlan(store, user.id);
    await deps.users.setLanguage(user.id, "es");
    const made = await post(app, "/calendar", {});
    const html = text(await made.text());
    expect(html).toContain("Su dirección de calendario, que solo se muestra ahora.");
    const feedUrl = html.match(/id="calendar-url">([^<]+)</)![1];
    // A calendar app has no session and asks for English, if for anything.
    const feed = (await (await raw.request(feedUrl, { headers: { "Accept-Language": "en-US" } })).text()).replace(/\r\n /g, "");
    expect(feed).toContain("SUMMARY:A. H.: vence la derivación");
    expect(feed).toContain("DESCRIPTION:Recordatorio: una fecha límite en el plan de caso de A. H. (una derivación)");
    expect(feed).toContain("X-WR-CALNAME:Coplan: Casey");
    expect(feed).toMatch(/PRODID:-\/\/Coplan\/\/Target dates\/\/ES/);
    expect(feed).not.toContain("referral due");
  });

  it("speaks English to an account with no language set", async () => {
    const { app, raw, store, user } = await buildApp();
    await signedPlan(store, user.id);
    const feedUrl = text(await (await post(app, "/calendar", {})).text()).match(/id="calendar-url">([^<]+)</)![1];
    const feed = (await (await raw.request(feedUrl, { headers: { "Accept-Language": "es" } })).text()).replace(/\r\n /g, "");
    expect(feed).toContain("SUMMARY:A. H.: referral due");
  });
});

describe("the handover summary in other languages", () => {
  it("is in Arabic for a supervisor, and a refused comment says why in Arabic with the words kept", async () => {
    const { raw, deps, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    await addUser(deps, "supervisor", "sam");
    const sam = withCookie(raw, await signIn(raw, "sam"));
    const html = await page(sam, `/plans/${plan.id}/handover`, "ar");
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain("ملخص تسليم الحالة: <bdi>Amira Haddad</bdi>");
    expect(html).toContain("<h2>المستحق تاليًا</h2>"); // "Due next"
    expect(html).toContain("15 يناير 2027");
    expect(html).toContain("إضافة التعليق"); // "Add the comment"
    const rev = html.match(/name="rev" value="(\d+)"/)![1];
    const res = await sam.request(`${ORIGIN}/plans/${plan.id}/reassign`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Accept-Language": "ar" },
      body: new URLSearchParams({ rev, to: "", note: WORDS.chinese }),
    });
    expect(res.status).toBe(422);
    const refused = text(await res.text());
    expect(refused).toContain("اختر مدير حالة نشطًا لتسلّم الحالة.");
    expect(refused).toContain(`${WORDS.chinese}</textarea>`);
  });
});

describe("what changed, in other languages", () => {
  it("compares the versions in Spanish, each line in Spanish around the client's own words", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: String((await store.get(plan.id))!.rev) })).status).toBe(303);
    const html = await page(app, `/plans/${plan.id}/changes`, "es");
    expect(html).toContain("<h1>Qué cambió desde la versión 1</h1>");
    expect(html).toContain(">Se mantiene</th>"); // "Carried forward"
    expect(html).toContain("Fecha límite: antes del 15 de febrero de 2027");
    expect(html).toContain(`Housing at risk: «${WORDS.arabic}»`);
    expect(html).not.toContain("Target:");
  });
});

describe("the signed plan's own sections in other languages", () => {
  it("says the steps, the review link and the version in force in Chinese and Spanish", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const zh = await page(app, `/plans/${plan.id}`, "zh-Hans");
    expect(zh).toContain("已签署并封印"); // "Signed and sealed", where the steps were
    expect(zh).toContain("服务对象的私人复核链接");
    expect(zh).toContain("尚无链接。");
    expect(zh).not.toContain("Signed and sealed");
    expect((await post(app, `/plans/${plan.id}/reassess`, { rev: String((await store.get(plan.id))!.rev) })).status).toBe(303);
    const es = await page(app, `/plans/${plan.id}`, "es");
    expect(es).toContain("Versión firmada 1, vigente");
    expect(es).toContain("Borrador de la versión 2");
    expect(es).toContain("firmada el 24 de noviembre de 2026");
    expect(es).toContain("Paso 2 de 7:");
  });
});

describe("the audit log in other languages", () => {
  it("is in Chinese: the filters, each entry's action and what a request did, and a bad filter's message", async () => {
    const { app, raw, deps, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    expect((await app.request(`${ORIGIN}/plans/${plan.id}`)).status).toBe(200);
    await addUser(deps, "supervisor", "sam");
    const sam = withCookie(raw, await signIn(raw, "sam"));
    const html = await page(sam, "/audit", "zh-Hans");
    expect(html).toContain("<h1>审计日志</h1>");
    expect(html).toContain("日志完整："); // "The log is intact:"
    expect(html).toMatch(/<td>查看了计划<\/td><td>[\w-]+<\/td><td>查看了计划<\/td>/); // the action "plan-viewed", the plan, the detail "Viewed the plan"
    expect(html).toContain(">登录<"); // the action "sign-in", among the choices and in the table
    expect(html).not.toContain("Viewed the plan");
    const bad = await sam.request(`${ORIGIN}/audit?from=2026-02-30`, { headers: { "Accept-Language": "zh-Hans" } });
    expect(bad.status).toBe(422);
    expect(text(await bad.text())).toContain("请按“年-月-日”格式填写日期，例如 2026-11-24。");
  });
});

describe("export refusals in other languages", () => {
  it("says there is no such version in Spanish", async () => {
    const { app, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    const res = await app.request(`${ORIGIN}/plans/${plan.id}/export.json?version=9`, { headers: { "Accept-Language": "es" } });
    expect(res.status).toBe(404);
    expect(text(await res.text())).toContain("Este plan no tiene esa versión.");
  });
});

describe("the supervisor's view in other languages", () => {
  it("is in Arabic, with Arabic plural forms and the signing day in Arabic", async () => {
    const { raw, deps, store, user } = await buildApp();
    await signedPlan(store, user.id);
    await addUser(deps, "supervisor", "sam");
    const sam = withCookie(raw, await signIn(raw, "sam"));
    const html = await page(sam, "/supervisor", "ar");
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain("<h1>جميع الحالات المسندة</h1>");
    expect(html).toContain(">Casey</span>: خطة واحدة"); // one plan: the Arabic singular, not "1 plans"
    expect(html).toContain("موقّعة في 24 نوفمبر 2026"); // "Signed 24 November 2026"
    expect(html).toContain("ما يحتاج إلى انتباه أولًا"); // the default order
    expect(html).not.toContain("Needs attention");
  });
});

describe("the audit log's details", () => {
  it("names the case manager a plan was handed to, in the reader's language", async () => {
    const { raw, deps, store, user } = await buildApp();
    const plan = await signedPlan(store, user.id);
    await addUser(deps, "supervisor", "sam");
    const morgan = await addUser(deps, "case-manager", "morgan");
    const sam = withCookie(raw, await signIn(raw, "sam"));
    expect((await post(sam, `/plans/${plan.id}/reassign`, { rev: String((await store.get(plan.id))!.rev), to: morgan.id, note: "" })).status).toBe(303);
    const html = await page(sam, "/audit?action=plan-reassigned", "es");
    expect(html).toContain("<td>Plan traspasado</td>");
    expect(html).toContain("<td>a Morgan</td>");
    expect(html).not.toContain(`to ${morgan.id}`);
  });
});
