/**
 * The client's language on the plan (issue 22): offered on the new-plan form and the set-up edit,
 * each language named in itself with the staff member's preselected, refused when it is not one
 * Coplan speaks, and shown on the plan panel.
 */
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../src/plans/conversation.ts";
import { buildApp, get, ORIGIN, post, revOf, SETUP_FORM, text } from "../helpers/app.ts";

const inLanguage = (lang: string) => ({ headers: { "Accept-Language": lang } });

describe("the client's language on a plan", () => {
  it("offers every language, named in itself, with the staff member's language chosen", async () => {
    const { app } = await buildApp();
    const html = await (await app.request(`${ORIGIN}/plans/new`, inLanguage("es"))).text();
    const select = html.match(/<select id="setup-clientLanguage" name="clientLanguage"[\s\S]*?<\/select>/)?.[0] ?? "";
    expect(select).toContain('<option value="en" lang="en" dir="ltr">English</option>');
    expect(select).toContain('<option value="es" lang="es" dir="ltr" selected>Español</option>');
    expect(select).toContain('<option value="ar" lang="ar" dir="rtl">العربية</option>');
    expect(select).toContain('<option value="zh-Hans" lang="zh-Hans" dir="ltr">中文</option>');
    expect(text(html)).toContain("Idioma de la persona usuaria");
  });

  it("records the chosen language and shows it on the plan panel", async () => {
    const { app, store } = await buildApp();
    const res = await post(app, "/plans", { ...SETUP_FORM, clientLanguage: "ar" });
    expect(res.status).toBe(303);
    const id = res.headers.get("Location")!.split("/").pop()!;
    expect((await loadPlan(store, id))!.data.setup.clientLanguage).toBe("ar");
    const page = text(await (await get(app, `/plans/${id}`)).text());
    expect(page).toContain(`Client's language: <span lang="ar" dir="rtl">العربية</span>`);
  });

  it("refuses a language Coplan has no catalog for, keeping what was typed", async () => {
    const { app } = await buildApp();
    const res = await post(app, "/plans", { ...SETUP_FORM, clientLanguage: "fr" });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("Please choose the client's language from the list.");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`value="${SETUP_FORM.clientName}"`);
  });

  it("can be changed before signing; a plan without one is English in the edit form", async () => {
    const { app, store } = await buildApp();
    const res = await post(app, "/plans", SETUP_FORM); // no clientLanguage: as a plan made before it existed
    const id = res.headers.get("Location")!.split("/").pop()!;
    const form = await (await app.request(`${ORIGIN}/plans/${id}/setup/edit`, inLanguage("zh-Hans"))).text();
    expect(form).toContain('<option value="en" lang="en" dir="ltr" selected>English</option>');
    const page = await (await get(app, `/plans/${id}`)).text();
    const edited = await post(app, `/plans/${id}/setup`, { ...SETUP_FORM, clientLanguage: "zh-Hans", rev: revOf(page) });
    expect(edited.status).toBe(303);
    expect((await loadPlan(store, id))!.data.setup.clientLanguage).toBe("zh-Hans");
    // A form without the field (a page left open from before) keeps the plan's language.
    const again = await post(app, `/plans/${id}/setup`, { ...SETUP_FORM, rev: revOf(await (await get(app, `/plans/${id}`)).text()) });
    expect(again.status).toBe(303);
    expect((await loadPlan(store, id))!.data.setup.clientLanguage).toBe("zh-Hans");
  });
});
