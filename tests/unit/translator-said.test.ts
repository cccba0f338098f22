import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/translator.ts";

// t() formats a message without values once per translator (issue 21: a third of an answer's
// allocation was formatjs working out the same label again). What it says must not change.
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
});
