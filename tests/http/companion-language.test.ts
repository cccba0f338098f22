/**
 * Issue 22: the client's phone speaks the client's language (the one on their plan), whatever
 * the phone's browser or the case manager speak; the client's words come back exactly as typed;
 * refusals are in their language too, and the words are kept.
 */
import { describe, expect, it } from "vitest";
import { type Built, buildApp, get, ORIGIN, post, revOf, text } from "../helpers/app.ts";
import { createPlan, loadPlan } from "../../src/plans/conversation.ts";
import { SETUP } from "../fixtures.ts";

async function phoneFor(built: Built, clientLanguage: string) {
  const plan = await createPlan(built.store, { ...SETUP, clientLanguage }, built.user.id);
  const page = await (await get(built.app, `/plans/${plan.id}`)).text();
  const made = await post(built.app, `/plans/${plan.id}/companion`, { rev: revOf(page) });
  expect(made.status).toBe(201);
  const url = text(await made.text()).match(/id="new-companion-link">([^<]+)</)![1];
  return { plan, path: new URL(url).pathname };
}

describe("the client's phone in the client's language", () => {
  it("asks its question and labels its form in Spanish, even on an English phone", async () => {
    const built = await buildApp();
    const { path } = await phoneFor(built, "es");
    const res = await built.raw.request(`${ORIGIN}${path}`, { headers: { "Accept-Language": "en-US" } });
    const html = text(await res.text());
    expect(res.status).toBe(200);
    expect(html).toMatch(/<html lang="es" dir="ltr">/);
    expect(html).toContain("Sobre «Housing at risk»: ¿qué le gustaría que fuera distinto?");
    expect(html).toContain("Su respuesta, con sus propias palabras");
    expect(html).toContain("Enviar mi respuesta");
    expect(html).not.toContain("Send my answer");
  });

  it("answers in Arabic, right to left; the client's words saved and shown exactly; an empty answer refused in Arabic", async () => {
    const built = await buildApp();
    const { plan, path } = await phoneFor(built, "ar");
    const page = await (await built.raw.request(`${ORIGIN}${path}`)).text();
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    const rev = page.match(/name="rev" value="(\d+)"/)![1];
    const refused = await post(built.raw, `${path}/answer`, { rev, words: "   " });
    expect(refused.status).toBe(422);
    expect(text(await refused.text())).toContain("يُرجى كتابة إجابتك في المربع.");
    const words = "أريد عملاً بدوام جزئي قبل 15/1 — 2 أيام في الأسبوع";
    const sent = await post(built.raw, `${path}/answer`, { rev, words });
    expect(sent.status).toBe(303);
    const after = text(await (await built.raw.request(`${ORIGIN}${path}?sent=1`)).text());
    expect(after).toContain("أُرسلت. كلماتك الآن على الشاشة المشتركة.");
    expect(after).toContain(`<bdi>${words}</bdi>`);
    // Stored byte for byte: no digit, mark or direction character changed.
    expect((await loadPlan(built.store, plan.id))!.data.goals.map((g) => g.clientWords)).toContain(words);
  });

  it("an ended link says so in the client's language", async () => {
    const built = await buildApp();
    const { plan, path } = await phoneFor(built, "zh-Hans");
    const page = await (await get(built.app, `/plans/${plan.id}`)).text();
    const ended = await post(built.app, `/plans/${plan.id}/companion/end`, { rev: revOf(page) });
    expect(ended.status).toBeLessThan(400);
    const res = await built.raw.request(`${ORIGIN}${path}`);
    expect(res.status).toBe(410);
    expect(text(await res.text())).toContain("此链接已结束");
  });
});
