/**
 * Coaching in the staff member's language (issue 22): the coaching box, each finding, the
 * scorecard, the training and practice pages speak Spanish, Arabic (right to left) or Chinese;
 * words Coplan cannot check are said to be unchecked; the client's words are shown as typed.
 */
import { describe, expect, it } from "vitest";
import { ORIGIN, SETUP_FORM, addUser, buildApp, createPlanViaForm, get, signIn, text, withCookie, type App } from "../helpers/app.ts";
import { WORDS, planAtReview } from "../helpers/plans.ts";

const page = async (app: App, path: string, lang?: string) => {
  const res = await get(app, path, lang ? { headers: { "Accept-Language": lang } } : {});
  expect(res.status, path).toBe(200);
  return text(await res.text());
};

/** The coaching box of the conversation page. */
const coachingBox = (html: string) => html.slice(html.indexOf('<div id="coaching"'), html.indexOf("</aside>", html.indexOf('<div id="coaching"')));

describe("the coaching panel at the review", () => {
  it("speaks Spanish: its heading, the findings, what each is about, and that other-language words were not checked", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const html = await page(app, `/plans/${plan.id}`, "es");
    expect(html).toContain('<html lang="es" dir="ltr">');
    const box = coachingBox(html);
    expect(box).toContain("Orientación");
    expect(box).toContain("Coplan no pudo revisar la redacción de este objetivo: solo revisa palabras en inglés.");
    expect(box).toContain(`Objetivo 1 «${WORDS.arabic}»`); // the client's words, exactly as typed
    expect(box).toContain(`Objetivo 3 «${WORDS.latin}»`);
    expect(box).toContain("Motivo para dejarla como está");
    expect(box).toContain("Descartar");
    expect(box).not.toContain("Coaching");
    expect(box).not.toContain("Coplan could not check");
  });

  it("speaks Arabic, right to left, with the client's words in any script unchanged", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const html = await page(app, `/plans/${plan.id}`, "ar");
    expect(html).toContain('<html lang="ar" dir="rtl">');
    const box = coachingBox(html);
    expect(box).toContain("التوجيه");
    expect(box).toContain("لم يتمكن Coplan من مراجعة صياغة هذا الهدف: فهو يراجع الكلمات الإنجليزية فقط.");
    expect(box).toContain(`الهدف 1 «${WORDS.arabic}»`);
    expect(box).toContain(WORDS.latin);
    expect(box).toContain("تجاهل");
  });

  it("says the same in English to a reader with no language preference", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const box = coachingBox(await page(app, `/plans/${plan.id}`));
    expect(box).toContain("Coplan could not check the wording of this goal: it checks English words only.");
    expect(box).toContain(`Goal 1 “${WORDS.arabic}”`);
  });

  it("refuses a dismissal with no reason in the reader's language, keeping the form", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const html = await page(app, `/plans/${plan.id}`, "es");
    const key = html.match(/action="\/plans\/[^"]+\/coaching\/dismiss"[\s\S]*?name="key" value="([^"]+)"/)![1];
    const res = await app.request(`${ORIGIN}/plans/${plan.id}/coaching/dismiss`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Accept-Language": "es" },
      body: new URLSearchParams({ rev: String(plan.rev), key, reason: "   " }),
    });
    expect(res.status).toBe(422);
    const box = coachingBox(text(await res.text()));
    expect(box).toContain("Indique un motivo breve para dejarla como está.");
    expect(box).toContain('aria-invalid="true"');
  });
});

describe("a finding beside its answer, as the conversation goes", () => {
  it("shows under a Chinese goal's bubble and beside it in the plan panel, in Chinese, with the goal's words as typed", async () => {
    const { app, store } = await buildApp();
    const id = await createPlanViaForm(app);
    const words = "我想保住我的公寓，按时交房租";
    const res = await app.request(`${ORIGIN}/plans/${id}/goals`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "HX-Request": "true", "Accept-Language": "zh-Hans" },
      body: new URLSearchParams({ rev: String((await store.get(id))!.rev), issue: "Housing at risk", clientWords: words }),
    });
    expect(res.status).toBe(200);
    const html = text(await res.text());
    const start = html.indexOf('<li class="bubble bubble-client" id="bubble-g1"');
    const bubble = html.slice(start, html.indexOf("</details>", start));
    expect(bubble).toContain('data-rule="goal-words-unchecked"');
    expect(bubble).toContain("建议：");
    expect(bubble).toContain(`目标 1“${words}”`);
    expect(bubble).toContain("Coplan 无法检查这个目标的措辞：它只检查英文词语。");
    expect(bubble).toContain("目标具体且有时限"); // the practice behind it
    const panel = html.slice(html.indexOf('<ul class="panel-findings">'), html.indexOf("</ul>", html.indexOf('<ul class="panel-findings">')));
    expect(panel).toContain("某个目标使用了 Coplan 措辞检查无法读取的语言。");
  });
});

describe("training, the scorecard and the practice page", () => {
  async function trainee() {
    const built = await buildApp();
    await addUser(built.deps, "trainee", "tess");
    return { ...built, tess: withCookie(built.raw, await signIn(built.raw, "tess")) };
  }

  it("the training page speaks Chinese; the scenarios' made-up words stay as written", async () => {
    const { tess } = await trainee();
    const html = await page(tess, "/training", "zh-Hans");
    expect(html).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(html).toContain("培训：用虚构的服务对象练习");
    expect(html).toContain("开始一份练习计划");
    expect(html).toContain("Sam Reyes (practice)"); // a made-up client's name, as the scenario writes it
  });

  it("a practice plan's scorecard speaks Arabic, right to left", async () => {
    const { tess } = await trainee();
    const start = await tess.request(`${ORIGIN}/training`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
      body: new URLSearchParams({ scenario: "housing-health-supports" }),
    });
    const id = start.headers.get("Location")!.split("/").pop()!;
    const html = await page(tess, `/plans/${id}/scorecard`, "ar");
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain("بطاقة التقييم:");
    expect(html).toMatch(/\d+ من 100/);
    expect(html).toContain("ما ينبغي العمل عليه");
    expect(html).toContain("الخطة الأقوى");
    expect(html).not.toContain("A stronger plan");
  });

  it("a practice plan answered in Spanish is scored without counting what Coplan could not check", async () => {
    const { tess, store } = await trainee();
    const start = await tess.request(`${ORIGIN}/training`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
      body: new URLSearchParams({ scenario: "housing-health-supports" }),
    });
    const id = start.headers.get("Location")!.split("/").pop()!;
    const goal = "Quiero conservar mi casa y pagar el alquiler";
    const added = await tess.request(`${ORIGIN}/plans/${id}/goals`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
      body: new URLSearchParams({ rev: String((await store.get(id))!.rev), issue: "Housing at risk", clientWords: goal }),
    });
    expect(added.status).toBe(303);
    const html = await page(tess, `/plans/${id}/scorecard`, "es");
    expect(html).toContain("Coplan no pudo revisar la redacción de este objetivo");
    expect(html).toContain(`Objetivo 1 «${goal}»`);
    expect(html).toContain("Un plan más sólido");
    expect(html).not.toContain("No se encontró ningún problema: Un objetivo está redactado en un idioma");
  });

  it("the practice page speaks Spanish", async () => {
    const { app } = await buildApp();
    const html = await page(app, "/practice", "es");
    expect(html).toContain("La práctica en la que se basa la orientación");
    expect(html).toContain("Los objetivos son concretos y tienen plazo");
    expect(html).toContain('id="goals.smart"');
  });
});

describe("a date outside any sane range (src/practice/dates.ts)", () => {
  it("is refused in the reader's language, the typed date kept", async () => {
    const { app } = await buildApp();
    const res = await app.request(`${ORIGIN}/plans`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Accept-Language": "zh-Hans" },
      body: new URLSearchParams({ ...SETUP_FORM, planDate: "0000-01-01" }),
    });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("请填写 1900 年至 2200 年之间的日期。");
    expect(html).toContain('value="0000-01-01"');
  });
});
