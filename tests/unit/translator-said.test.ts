import { describe, expect, it } from "vitest";
import { createIntl } from "@formatjs/intl";
import { catalogFor, catalogs } from "../../src/i18n/catalogs.ts";
import { msgText, translator } from "../../src/i18n/translator.ts";

// t() formats a message without values once per translator, and compiles a message with values
// once (issue 21: most of an answer's allocation was formatjs working out the same thing again).
// What it says must not change: the words are compared with formatjs's own formatMessage.
describe("a translator's labels, formatted once", () => {
  it("says a label the same every time, each language its own words", () => {
    const en = translator("en", "UTC", false);
    const ar = translator("ar", "UTC", false);
    expect([en.t("nav.signOut"), en.t("nav.signOut")]).toEqual(["Sign out", "Sign out"]);
    expect([ar.t("nav.signOut"), ar.t("nav.signOut")]).toEqual(["تسجيل الخروج", "تسجيل الخروج"]);
  });

  it("still fills a message's values on every call, whatever was said before", () => {
    const en = translator("en", "UTC", false);
    expect(en.t("error.keptWordsLabel", { field: "note" })).toBe("Your words (note)");
    expect(en.t("error.keptWordsLabel", { field: "goal" })).toBe("Your words (goal)");
  });

  it("says a dated message on the agency's day, in each language, as formatjs's formatMessage does", () => {
    const signed = new Date("2026-12-16T03:00:00Z"); // still the 15th in Vancouver
    for (const tag of ["en", "es", "ar", "zh-Hans"]) {
      const catalog = catalogFor(tag)!;
      const messages = { ...catalogs()[0].messages, ...catalog.messages };
      const intl = createIntl({ locale: catalog.formatLocale, defaultLocale: "en", messages, timeZone: "America/Vancouver", onError: () => {} });
      const tr = translator(tag, "America/Vancouver", false);
      const cases: [string, Record<string, string | number | Date>][] = [
        ["supervisor.signature.signed", { signed }],
        ["supervisor.signature.signedVersion", { signed, version: 2 }],
        ["handover.error.tooLong", { max: 12000 }],
        ["panel.target", { kind: "other", date: "15 December 2026" }],
        ["error.keptWordsLabel", { field: "note" }],
      ];
      for (const [key, values] of cases) expect(tr.t(key, values), `${tag} ${key}`).toBe(intl.formatMessage({ id: key }, values));
    }
    expect(translator("en", "America/Vancouver", false).t("supervisor.signature.signed", { signed })).toContain("15 December 2026");
  });

  it("says a value carried as a Msg in the reader's language, every time, and words as they are", () => {
    const es = translator("es", "UTC", false);
    for (let i = 0; i < 2; i++) {
      expect(es.t("error.keptWordsLabel", { field: msgText("nav.signOut") })).toBe(es.t("error.keptWordsLabel", { field: es.t("nav.signOut") }));
      expect(es.t("error.keptWordsLabel", { field: "nav.signOut" })).toContain("nav.signOut");
    }
  });

  it("isolates each call's own words, however often one sentence quotes others", () => {
    const en = translator("en", "UTC", false);
    expect(en.tBdi("error.keptWordsLabel", { field: "أريد" })).toBe("Your words (<bdi>أريد</bdi>)");
    expect(en.tBdi("error.keptWordsLabel", { field: "<b>&" })).toBe("Your words (<bdi>&lt;b&gt;&amp;</bdi>)");
    expect(en.tBdi("review.doneCount", { done: 1, total: 1 })).toBe("1 of 1 thing is done.");
    expect(en.tBdi("review.doneCount", { done: 2, total: 3 })).toBe("2 of 3 things are done.");
    expect(translator("ar", "UTC", false).tBdi("error.keptWordsLabel", { field: "x" })).not.toBe("Your words (<bdi>x</bdi>)");
  });

  it("puts each of several values in its own place, escaped and isolated, in every language", () => {
    const escape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    for (const tag of ["en", "es", "ar", "zh-Hans"]) {
      const tr = translator(tag, "UTC", false);
      for (const [client, issue] of [["Amira", "Housing"], ["<i>O'Neill</i>", "Rent & \"food\""]]) {
        const expected = escape(tr.t("composer.decline.issue", { client: "\u0002", issue: "\u0003" })).replace("\u0002", `<bdi>${escape(client)}</bdi>`).replace("\u0003", `<bdi>${escape(issue)}</bdi>`);
        expect(tr.tBdi("composer.decline.issue", { client, issue }), tag).toBe(expected);
      }
    }
  });

  it("writes a day the same however many other days were written since", () => {
    const en = translator("en", "UTC", false);
    expect(en.day("2026-12-15")).toBe("15 December 2026");
    for (let i = 0; i < 2500; i++) en.day(`2027-01-${String((i % 28) + 1).padStart(2, "0")}T${i}`);
    expect(en.day("2026-12-15")).toBe("15 December 2026");
    expect(en.day("soon")).toBe("soon");
  });

  it("fills each call's own values, whatever was said before and however much", () => {
    const en = translator("en", "UTC", false);
    expect(en.t("composer.decline.issue", { client: "Amira", issue: "Rent" })).toBe("Amira would rather not work on “Rent” now");
    // Words that spell out how another call's values would be kept are still only these words.
    expect(en.t("composer.decline.issue", { client: "Amira\u0000issue\u00014:Rent", issue: "" })).toBe("Amira\u0000issue\u00014:Rent would rather not work on “” now");
    expect(en.t("review.doneCount", { done: 1, total: 1 })).toBe("1 of 1 thing is done.");
    expect(en.t("review.doneCount", { done: "1", total: "1" })).toBe(en.t("review.doneCount", { done: 1, total: 1 }));
    for (let i = 0; i < 5000; i++) en.t("composer.decline.issue", { client: `Client ${i}`, issue: "Housing at risk, and more words to fill the memory" });
    expect(en.t("composer.decline.issue", { client: "Amira", issue: "Rent" })).toBe("Amira would rather not work on “Rent” now");
    expect(en.t("composer.decline.issue", { client: "Client 4999", issue: "Housing at risk, and more words to fill the memory" })).toContain("Client 4999 would");
  });
});
