/**
 * The signed retainer in the client's language (issue 22). Signed over HTTP by an English-speaking
 * case manager, the client's copy speaks the client's language and, where it is not English,
 * carries the English words too (the client's first); the office and case-record copies speak the
 * staff language. The fixed words are sealed at signing, and the copies are drawn from them.
 * The PDF is read back with pdftotext: headings in the right language, clients' words unchanged.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text, type App } from "../helpers/app.ts";
import { planAtReview, WORDS } from "../helpers/plans.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";
import { verifySeal } from "../../src/signing/seal.ts";
import { sendEvent } from "../../src/plans/conversation.ts";

const rev = async (store: PlanStore, id: string) => String((await store.get(id))!.rev);

async function signBoth(app: App, store: PlanStore, id: string, headers: Record<string, string> = {}) {
  const send = (path: string, fields: Record<string, string>) =>
    app.request(`http://localhost${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", ...headers }, body: new URLSearchParams(fields) });
  expect((await send(`/plans/${id}/next`, { rev: await rev(store, id) })).status).toBe(303);
  expect((await send(`/plans/${id}/consent`, { rev: await rev(store, id), agreeClient: "yes", agreeCaseManager: "yes" })).status).toBe(303);
  expect((await send(`/plans/${id}/sign`, { rev: await rev(store, id), party: "client", typedName: "Amira Haddad", agree: "yes" })).status).toBe(303);
  expect((await send(`/plans/${id}/sign`, { rev: await rev(store, id), party: "case-manager", typedName: "Jo Smith", agree: "yes" })).status).toBe(303);
}

const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString().replace(/\s+/g, " ");
const havePdftotext = existsSync("/usr/bin/pdftotext");
if (!havePdftotext && process.env.CI === "true") throw new Error("pdftotext (poppler-utils) is missing in CI");

/** What each client language's copy must say; Arabic as pdftotext extracts it (whole words it reads letter for letter). */
const EXPECTED = {
  en: { dir: "ltr", label: "Client copy", headings: ["Case plan and agreement", "Goals, in the client's own words", "What we agree to do", "Signatures", "Page 1 of"] },
  es: { dir: "ltr", label: "Copia de la persona usuaria", headings: ["Plan de caso y acuerdo de servicios", "Objetivos, con las propias palabras de la persona usuaria", "Lo que acordamos hacer", "Firmas", "Página 1 de"] },
  ar: { dir: "rtl", label: "نسخة العميل", headings: ["خطة الحالة", "الأهداف", "بكلمات العميل", "العميل", "الخدمة"] },
  "zh-Hans": { dir: "ltr", label: "服务对象副本", headings: ["个案计划与服务协议", "目标（服务对象的原话）", "我们约定要做的事", "签名", "第 1 页"] },
} as const;

describe.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])("a retainer whose client reads %s", (lang) => {
  const expected = EXPECTED[lang];
  let built: Awaited<ReturnType<typeof buildApp>>;
  let id: string;

  it("seals the languages and the fixed words of each copy", async () => {
    built = await buildApp();
    const plan = await planAtReview(built.store, built.user.id, { clientLanguage: lang });
    id = plan.id;
    await signBoth(built.app, built.store, id);
    const sealed = (await built.store.get(id))!.sealed!;
    const wording = (sealed.consent as { wording: { copies: Record<string, string[]>; messages: Record<string, Record<string, string>> } }).wording;
    expect(wording.copies).toEqual({ client: lang === "en" ? ["en"] : [lang, "en"], office: ["en"], record: ["en"] });
    expect(wording.messages[lang]["retainer.goals"]).toBeTruthy();
    expect(verifySeal(id, sealed, built.deps.signer).ok).toBe(true);
    // The words are covered by the installation's key: one changed word breaks the seal.
    const altered = structuredClone(sealed);
    (altered.consent as typeof sealed.consent & { wording: typeof wording }).wording.messages.en["retainer.title"] = "Something else";
    expect(verifySeal(id, altered, built.deps.signer).ok).toBe(false);
  });

  it("shows the client's copy in the client's language (and English beside it), the office copy in English", async () => {
    const client = text(await (await get(built.app, `/plans/${id}/retainer?copy=client`)).text());
    expect(client).toContain(`lang="${lang}" dir="${expected.dir}" aria-labelledby="title-client"`);
    expect(client).toContain(`<span lang="${lang}" dir="${expected.dir}">${expected.label}</span>`);
    if (lang !== "en") expect(client).toContain(`<span lang="en" dir="ltr" class="second-language">Client copy</span>`);
    for (const words of Object.values(WORDS)) expect(client).toContain(words);
    const office = text(await (await get(built.app, `/plans/${id}/retainer?copy=office`)).text());
    expect(office).toContain('lang="en" dir="ltr" aria-labelledby="title-office"');
    expect(office).toContain("Goals, in the client's own words");
    if (lang !== "en") expect(office).not.toContain(expected.label);
  });

  it.runIf(havePdftotext)("prints the client's copy with its headings in the client's language and the client's words unchanged", async () => {
    const res = await get(built.app, `/plans/${id}/retainer.pdf?copy=client`);
    expect(res.status).toBe(200);
    const out = pdfText(Buffer.from(await res.arrayBuffer()));
    for (const heading of expected.headings) expect(out).toContain(heading);
    if (lang !== "en") expect(out).toContain("Goals, in the client's own words");
    expect(out).toContain(WORDS.chinese);
    expect(out).toContain("déjà payé");
    // Arabic comes out shaped and right to left. Some letters share one glyph in Noto Sans Arabic and
    // pdftotext names a shared glyph by the first letter that used it: with Arabic headings on the
    // page, fewer of the client's words extract letter for letter (the page above checks them exactly).
    for (const word of lang === "ar" ? ["أن", "مع"] : ["أريد", "أبقى", "مع"]) expect(out).toContain(word);
    const office = pdfText(Buffer.from(await (await get(built.app, `/plans/${id}/retainer.pdf?copy=office`)).arrayBuffer()));
    expect(office).toContain("Office file");
    expect(office).toContain("What we agree to do");
    if (lang !== "en") expect(office).not.toContain(expected.headings[2]);
  });
});

describe("a retainer signed by a Spanish-speaking case manager for an Arabic-speaking client", () => {
  it("gives the client Arabic with Spanish beside it, and the office Spanish", async () => {
    const built = await buildApp();
    const plan = await planAtReview(built.store, built.user.id, { clientLanguage: "ar" });
    await signBoth(built.app, built.store, plan.id, { "Accept-Language": "es" });
    const client = text(await (await get(built.app, `/plans/${plan.id}/retainer?copy=client`)).text());
    expect(client).toContain('<span lang="ar" dir="rtl">الأهداف، بكلمات العميل نفسه</span> / <span lang="es" dir="ltr" class="second-language">Objetivos, con las propias palabras de la persona usuaria</span>');
    // Read later by an English-speaking reader, the sealed copy still speaks what was signed.
    const office = text(await (await get(built.app, `/plans/${plan.id}/retainer?copy=office`)).text());
    expect(office).toContain("Objetivos, con las propias palabras de la persona usuaria");
    expect(office).not.toContain("Goals, in the client's own words");
  });
});

describe("clients' words in Devanagari and Thai", () => {
  it.runIf(havePdftotext)("print in fonts that have their letters, shaped", async () => {
    const built = await buildApp();
    const plan = await planAtReview(built.store, built.user.id);
    const hindi = "नमस्ते दोस्तों";
    const thai = "ภาษาไทย น้ำ";
    await sendEvent(built.store, plan.id, plan.rev, { type: "UPDATE", kind: "goals", id: "g3", input: { issue: "Depression", clientWords: `${hindi} — ${thai}` } });
    await signBoth(built.app, built.store, plan.id);
    const out = pdfText(Buffer.from(await (await get(built.app, `/plans/${plan.id}/retainer.pdf?copy=client`)).arrayBuffer()));
    expect(out).toContain(hindi);
    expect(out).toContain("ภาษาไทย");
  });
});
