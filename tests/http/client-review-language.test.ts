/**
 * Issue 22: the client's review page speaks the client's language (the one recorded on the plan),
 * not the browser's or the staff member's; a client may pick another on the page itself, which is
 * kept apart from the staff's choice. Their own words are shown exactly as typed.
 */
import { describe, expect, it } from "vitest";
import { type Built, buildApp, get, post, text } from "../helpers/app.ts";
import { WORDS } from "../helpers/plans.ts";
import { signedPlan } from "../helpers/signed.ts";

async function reviewFor(built: Built, clientLanguage: string) {
  const plan = await signedPlan(built.store, built.user.id, undefined, { clientLanguage });
  const made = await post(built.app, `/plans/${plan.id}/review-links`, { rev: String(plan.rev), days: "30" });
  const link = text(await made.text()).match(/id="new-review-link">([^<]+)</)![1];
  const opened = await built.raw.request(link);
  const cookie = (opened.headers.get("Set-Cookie") ?? "").split(";")[0];
  return { plan, cookie, page: (headers: Record<string, string> = {}) => get(built.raw, `/review/${plan.id}`, { cookie: headers.cookie ?? cookie, headers }) };
}

describe("the client's review page in the client's language", () => {
  it("speaks Spanish for a Spanish-speaking client, whatever the browser asks", async () => {
    const built = await buildApp();
    const { plan, page } = await reviewFor(built, "es");
    const res = await page({ "Accept-Language": "en-GB" });
    const html = await res.text();
    expect(res.headers.get("Content-Language")).toBe("es");
    expect(html).toMatch(/<html lang="es" dir="ltr">/);
    expect(html).toContain("Lo que usted acordó");
    expect(html).toContain("Antes del 15 de enero de 2027");
    expect(html).not.toContain("What you agreed to");
    // The client's own words, untouched, in any script.
    for (const words of [WORDS.arabic, WORDS.chinese, WORDS.latin]) expect(text(html)).toContain(words);
    expect(text(html)).toContain(plan.data.actions[0].description);
  });

  it("speaks Arabic right to left, with the client's words isolated in their own direction", async () => {
    const built = await buildApp();
    const { page } = await reviewFor(built, "ar");
    const html = await (await page()).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain("ما اتفقت عليه");
    expect(html).toContain(`<bdi>${WORDS.latin}</bdi>`);
  });

  it("lets the client pick another language on the page, without changing the staff member's", async () => {
    const built = await buildApp();
    const { plan, cookie, page } = await reviewFor(built, "zh-Hans");
    expect(await (await page()).text()).toContain("您同意的内容");
    const picked = await post(built.raw, "/language", { lang: "es", back: `/review/${plan.id}`, scope: "client" }, { cookie });
    expect(picked.status).toBe(303);
    const clientCookie = (picked.headers.get("Set-Cookie") ?? "").split(";")[0];
    expect(clientCookie).toMatch(/^coplan_client_lang=es$/);
    expect(await (await page({ cookie: `${cookie}; ${clientCookie}` })).text()).toContain("Lo que usted acordó");
    // The staff member's pages are not moved by the client's pick.
    const staff = await (await get(built.raw, "/caseload", { cookie: `${built.cookie}; ${clientCookie}`, headers: { "Accept-Language": "en" } })).text();
    expect(staff).toMatch(/<html lang="en"/);
  });

  it("an ended link says so in the client's language", async () => {
    const built = await buildApp();
    const { plan, cookie, page } = await reviewFor(built, "ar");
    const links = (await built.store.get(plan.id))!.reviewLinks;
    const stored = (await built.store.get(plan.id))!;
    await built.store.update(plan.id, stored.rev, (p) => ({ ...p, reviewLinks: links.map((l) => ({ ...l, revokedAt: "2026-11-25T00:00:00.000Z" })) }));
    const res = await page();
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("أُوقف هذا الرابط");
    void cookie;
  });

  it("a seal that no longer matches is said in the client's language, and in the staff member's on the plan page", async () => {
    const built = await buildApp();
    const { plan, page } = await reviewFor(built, "es");
    const stored = (await built.store.get(plan.id))!;
    await built.store.update(plan.id, stored.rev, (p) => ({ ...p, sealed: { ...p.sealed!, canonical: p.sealed!.canonical.replace("Rent went up", "Rent went down") } }));
    const client = text(await (await page()).text());
    expect(client).toContain("Este registro ya no coincide con sus firmas: su contenido es distinto de lo que se firmó.");
    const staff = text(await (await get(built.raw, `/plans/${plan.id}`, { cookie: built.cookie, headers: { "Accept-Language": "ar" } })).text());
    expect(staff).toContain("لم يعد هذا السجل مطابقاً لتوقيعاته: محتواه يختلف عمّا وُقّع.");
  });
});
