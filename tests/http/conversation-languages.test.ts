/**
 * The conversation speaks the staff member's language (issue 22): Coplan's questions, step names,
 * buttons, the plan panel and every refusal come from the catalog, Arabic right to left, while the
 * client's own words (any script, numbers included) are shown exactly as typed.
 */
import { describe, expect, it } from "vitest";
import { buildApp, get, post, revOf, text } from "../helpers/app.ts";
import { planAtReview, WORDS } from "../helpers/plans.ts";
import { createPlan } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";

const as = (lang: string) => ({ headers: { "Accept-Language": lang } });
const postAs = (app: Awaited<ReturnType<typeof buildApp>>["app"], lang: string, path: string, fields: Record<string, string>, htmx = false) =>
  app.request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", "Accept-Language": lang, ...(htmx ? { "HX-Request": "true" } : {}) },
    body: new URLSearchParams(fields),
  });

describe("the conversation in the staff member's language", () => {
  it("shows the whole review page in Arabic, right to left, with the client's words as typed", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const res = await get(app, `/plans/${plan.id}`, as("ar"));
    expect(res.status).toBe(200);
    const html = text(await res.text());
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    // Coplan's questions, the composer, the plan panel and the labels of coded values.
    expect(html).toContain("هذه هي الخطة كاملة. اقرأها كلها مع Amira");
    expect(html).toContain("الخطة كاملة، نقرؤها معًا");
    expect(html).toContain("جاهزة للتوقيع.");
    expect(html).toContain("عدم الاستقرار المالي");
    expect(html).toContain("يقوم العميل بذلك بنفسه");
    expect(html).toContain("مدير/ة الحالة");
    // The step names, in the steps indicator and on the composer's way back.
    for (const step of ["عن الخطة", "الأهداف", "العوائق", "نقاط القوة", "خطة العمل", "صياغة الاتفاق", "المراجعة"]) expect(html).toContain(step);
    // No English of Coplan's own is left in the conversation.
    for (const english of ["This is the whole plan", "Ready to sign", "The plan so far", "Case manager", "Financial insecurity", "Not ready to sign", "Continue to", "Barriers", "Contract wording", "Action plan"]) {
      expect(html).not.toContain(english);
    }
    // The client's words in every script, and the numbers in them, exactly as typed.
    expect(html).toContain(WORDS.arabic);
    expect(html).toContain(WORDS.chinese);
    expect(html).toContain(WORDS.latin);
    expect(html).toContain("Apply for two part-time jobs by 31 January");
    expect(html).toContain("Step 1: research options and make referrals if any are available");
    expect(html).toContain("15 يناير 2027"); // the first target date, 2027-01-15, in Arabic
  });

  it("asks the goals step's questions in Chinese, naming the client as written", async () => {
    const { app, store, user } = await buildApp();
    const plan = await createPlan(store, { ...SETUP, preferredName: "Amira 阿米拉" }, user.id);
    const html = text(await (await get(app, `/plans/${plan.id}`, as("zh-CN"))).text());
    expect(html).toMatch(/<html lang="zh-Hans" dir="ltr"/);
    expect(html).toContain("对于每个问题，Amira 阿米拉希望有什么不同？");
    expect(html).toContain("关于“<bdi>Housing at risk</bdi>”：<bdi>Amira 阿米拉</bdi>希望有什么不同？");
    expect(html).toContain("添加这个目标");
    expect(html).toContain("继续：障碍");
    expect(html).toContain("优先问题：Housing at risk; Depression; Income");
    expect(html).not.toContain("Add this goal");
  });

  it("isolates the client's words inside an Arabic question, so a Latin name cannot reorder the sentence", async () => {
    const { app, store, user } = await buildApp();
    const plan = await createPlan(store, SETUP, user.id);
    const html = await (await get(app, `/plans/${plan.id}`, as("ar"))).text();
    const question = html.match(/<h2 id="composer-question"[^>]*>([\s\S]*?)<\/h2>/)![1];
    expect(question).toBe("بخصوص «<bdi>Housing at risk</bdi>»: ما الذي يودّ <bdi>Amira</bdi> أن يتغيّر؟");
    expect(html).toContain("<h1>خطة <bdi>Amira</bdi>");
  });

  it("says why a step cannot be left in Spanish, keeping the refusal where the user looks", async () => {
    const { app, store, user } = await buildApp();
    const plan = await createPlan(store, SETUP, user.id);
    const page = await (await get(app, `/plans/${plan.id}`, as("es"))).text();
    const res = await postAs(app, "es", `/plans/${plan.id}/next`, { rev: revOf(page) }, true);
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("Todavía no:");
    expect(html).toContain("Añada al menos un objetivo, con las propias palabras de la persona usuaria, antes de pasar a los obstáculos.");
  });

  it("answers an htmx form in the reader's language: the next question, the new bubble and the plan panel", async () => {
    const { app, store, user } = await buildApp();
    const plan = await createPlan(store, SETUP, user.id);
    const page = await (await get(app, `/plans/${plan.id}`, as("es"))).text();
    const res = await postAs(app, "es", `/plans/${plan.id}/goals`, { rev: revOf(page), issue: "Housing at risk", clientWords: "Quiero quedarme en mi piso con mis 2 hijos" }, true);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Language")).toBe("es");
    const html = text(await res.text());
    expect(html).toContain("Quiero quedarme en mi piso con mis 2 hijos");
    expect(html).toContain("Asunto: Housing at risk");
    expect(html).toContain("El plan hasta ahora");
    expect(html).toContain("Añadir este objetivo");
    expect(html).not.toContain("The plan so far");
  });

  it("refuses, in Arabic, to remove a goal that still has answers, counting them in Arabic plurals", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const page = await (await get(app, `/plans/${plan.id}`, as("ar"))).text();
    const res = await postAs(app, "ar", `/plans/${plan.id}/goals/g1/delete`, { rev: revOf(page) }, true);
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("ما زال لهذا الهدف عائق واحد و");
    expect(html).toContain("تغيير هذا الهدف");
  });

  it("opens an answer for editing in Spanish, with its fields and buttons translated and the words kept", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const html = text(await (await get(app, `/plans/${plan.id}/barriers/b4/edit`, as("es"))).text());
    expect(html).toContain("<h1>Cambiar este obstáculo</h1>");
    expect(html).toContain("Guardar el cambio");
    expect(html).toContain("Inseguridad económica");
    expect(html).toContain("Rent went up");
  });

  it("explains a wrong set-up date in Arabic on the new-plan form, keeping what was typed", async () => {
    const { app } = await buildApp();
    const res = await postAs(app, "ar", "/plans", { clientName: "محمد", serviceLength: "brief", assessmentType: "initial", planDate: "2026-11-24", annualReviewDate: "2026-01-01", priorityIssues: "Debt 2026" });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(html).toContain("<h1>بدء خطة جديدة</h1>");
    expect(html).toContain("تأتي المراجعة السنوية بعد تاريخ الخطة.");
    expect(html).toContain('value="محمد"');
    expect(html).toContain("Debt 2026");
    expect(html).not.toContain("The annual review comes after the plan date.");
  });

  it("asks in Chinese for a commitment left empty at the contract step", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const page = await (await get(app, `/plans/${plan.id}`, as("zh-Hans"))).text();
    const res = await postAs(app, "zh-Hans", `/plans/${plan.id}/commitments/a6`, { rev: revOf(page), text: "  " }, true);
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("请把承诺写成一句你们双方都同意的话。");
    expect(html).toContain("修改这条承诺");
  });

  it("gives each language its own copy of a cached conversation page", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const english = await (await get(app, `/plans/${plan.id}`)).text();
    expect(english).toContain("Ready to sign.");
    const arabic = await (await get(app, `/plans/${plan.id}`, as("ar"))).text();
    expect(arabic).toContain("جاهزة للتوقيع.");
    expect(arabic).not.toContain("Ready to sign.");
  });

  it("quotes the client's words the language's own way: «…» in Spanish and Arabic, “…” in English and Chinese, the words untouched", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const page = async (lang: string) => text(await (await get(app, `/plans/${plan.id}`, as(lang))).text());
    expect(await page("es")).toContain(`«<bdi>${WORDS.latin}</bdi>»`);
    expect(await page("ar")).toContain(`«<bdi>${WORDS.arabic}</bdi>»`);
    expect(await page("en")).toContain(`“<bdi>${WORDS.latin}</bdi>”`);
    expect(await page("zh-Hans")).toContain(`“<bdi>${WORDS.chinese}</bdi>”`);
  });
});
