/**
 * The signing step speaks both people's languages (issue 22): the consent notice in the client's
 * language first and the staff member's beside it, the rest of the step and its refusals in the
 * staff member's; the names typed are kept as typed.
 */
import { describe, expect, it } from "vitest";
import { buildApp, text, type App } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";

const rev = async (store: PlanStore, id: string) => String((await store.get(id))!.rev);
const inArabic = { "Accept-Language": "ar" };
const send = (app: App, path: string, fields: Record<string, string>) =>
  app.request(`http://localhost${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", ...inArabic }, body: new URLSearchParams(fields) });

describe("signing, for a Spanish-speaking client and an Arabic-speaking case manager", () => {
  it("shows the notice in Spanish and Arabic, the step in Arabic, and refuses in Arabic keeping the name", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id, { clientLanguage: "es" });
    expect((await send(app, `/plans/${plan.id}/next`, { rev: await rev(store, plan.id) })).status).toBe(303);
    const consent = text(await (await app.request(`http://localhost/plans/${plan.id}`, { headers: inArabic })).text());
    expect(consent).toContain('<html lang="ar" dir="rtl">');
    expect(consent).toContain("قبل التوقيع: التوقيع على هذه الشاشة");
    const spanish = consent.indexOf('<ul lang="es" dir="ltr"><li>Puede firmar este plan en esta pantalla');
    const arabic = consent.indexOf('<ul lang="ar" dir="rtl"><li>يمكنك توقيع هذه الخطة على هذه الشاشة');
    expect(spanish).toBeGreaterThan(0);
    expect(arabic).toBeGreaterThan(spanish); // the client's language first
    expect(consent).toContain("نوافق: الانتقال إلى التوقيع");

    const half = await send(app, `/plans/${plan.id}/consent`, { rev: await rev(store, plan.id), agreeClient: "yes" });
    expect(half.status).toBe(422);
    expect(text(await half.text())).toContain("يجب أن يؤشّر كلاكما على أنه قرأ الإشعار ويوافق عليه.");

    expect((await send(app, `/plans/${plan.id}/consent`, { rev: await rev(store, plan.id), agreeClient: "yes", agreeCaseManager: "yes" })).status).toBe(303);
    expect((await store.get(plan.id))!.snapshot).toMatchObject({ context: { consent: { languages: { client: "es", staff: "ar" } } } });
    const unticked = await send(app, `/plans/${plan.id}/sign`, { rev: await rev(store, plan.id), party: "client", typedName: "Amira Haddad" });
    expect(unticked.status).toBe(422);
    const html = text(await unticked.text());
    expect(html).toContain("ضع علامة على «أوافق على هذه الخطة» للتوقيع.");
    expect(html).toContain("اكتب الاسم الكامل للتوقيع");
    expect(html).toContain('value="Amira Haddad"');
    const badDrawing = await send(app, `/plans/${plan.id}/sign`, { rev: await rev(store, plan.id), party: "client", typedName: "Amira Haddad", agree: "yes", image: "data:image/png;base64,AAAA" });
    expect(badDrawing.status).toBe(422);
    expect(text(await badDrawing.text())).toContain("تعذّرت قراءة الرسم. امسحه وارسم من جديد، أو اكتب الاسم.");
  });
});
