import { describe, expect, it } from "vitest";
import { msg, msgText, translator } from "../../src/i18n/translator.ts";

describe("a translator", () => {
  const en = translator("en", "America/Vancouver", false);
  const ar = translator("ar", "America/Vancouver", false);
  it("speaks its language and says which way it writes", () => {
    expect([en.lang, en.dir, ar.lang, ar.dir]).toEqual(["en", "ltr", "ar", "rtl"]);
    expect(ar.t("nav.signOut")).toBe("تسجيل الخروج");
  });
  it("turns a Msg, or a Msg carried in a string, into words", () => {
    expect(en.t(msg("error.keptWordsLabel", { field: "note" }))).toBe("Your words (note)");
    expect(en.t(msgText("error.keptWordsLabel", { field: "note" }))).toBe("Your words (note)");
  });
  it("refuses a key English lacks, outside production", () => {
    expect(() => en.t("no.such.key")).toThrow(/no\.such\.key/);
    expect(translator("en", "UTC", true).t("no.such.key")).toBe("no.such.key");
  });
  it("escapes and isolates people's words inside a sentence, and nothing else gets in", () => {
    const html = en.tBdi("error.keptWordsLabel", { field: '<script>"x"</script> أريد' });
    expect(html).toBe("Your words (<bdi>&lt;script&gt;&quot;x&quot;&lt;/script&gt; أريد</bdi>)");
    // A value that looks like another value's stand-in is not replaced again.
    expect(en.tBdi("error.keptWordsLabel", { field: "\uE0000\uE001" })).toBe("Your words (<bdi>\uE0000\uE001</bdi>)");
  });
  it("keeps counts as numbers inside an isolated sentence, so plurals still choose their form", () => {
    expect(en.tBdi("review.doneCount", { done: 1, total: 1 })).toBe("1 of 1 thing is done.");
    expect(en.tBdi("review.doneCount", { done: 2, total: 3 })).toBe("2 of 3 things are done.");
  });
  it("writes a calendar date as that same day in every zone, and a moment as the agency's day", () => {
    expect(en.day("2026-12-15")).toBe("15 December 2026");
    expect(translator("es", "UTC", false).day("2026-12-15")).toBe("15 de diciembre de 2026");
    expect(translator("zh-Hans", "UTC", false).day("2026-12-15")).toBe("2026年12月15日");
    // 03:00 UTC on the 16th is still the 15th in Vancouver.
    expect(en.moment("2026-12-16T03:00:00Z")).toBe("15 December 2026");
    expect(en.list(["a", "b", "c"])).toBe("a, b and c");
    expect(translator("es", "UTC", false).list(["a", "b"])).toBe("a y b");
  });
});
