import { describe, expect, it } from "vitest";
import { createIntl } from "@formatjs/intl";
import { catalogFor, catalogs } from "../../src/i18n/catalogs.ts";
import { translator } from "../../src/i18n/translator.ts";

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
});
