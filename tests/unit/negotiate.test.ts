import { describe, expect, it } from "vitest";
import { acceptedTags, matchTag, negotiate } from "../../src/i18n/negotiate.ts";

const SUPPORTED = ["en", "ar", "es", "zh-Hans"];

describe("choosing a language", () => {
  it("reads Accept-Language by weight, then order, ignoring q=0 and *", () => {
    expect(acceptedTags("fr;q=0.5, es-MX, ar;q=0.9, *;q=0.1, de;q=0")).toEqual(["es-MX", "ar", "fr"]);
    expect(acceptedTags(undefined)).toEqual([]);
  });
  it("matches regional and script variants to the language the reader can read", () => {
    expect(matchTag("es-MX", SUPPORTED)).toBe("es");
    expect(matchTag("es-419", SUPPORTED)).toBe("es");
    expect(matchTag("zh-CN", SUPPORTED)).toBe("zh-Hans");
    expect(matchTag("zh", SUPPORTED)).toBe("zh-Hans");
    expect(matchTag("ZH-hans", SUPPORTED)).toBe("zh-Hans");
    expect(matchTag("ar-EG", SUPPORTED)).toBe("ar");
    // Traditional Chinese is another script: its reader did not ask for Simplified.
    expect(matchTag("zh-TW", SUPPORTED)).toBeUndefined();
    expect(matchTag("not a tag!", SUPPORTED)).toBeUndefined();
  });
  it("takes the account's choice first, then the cookie, then the browser, then English", () => {
    expect(negotiate(["ar", "es"], "zh-CN", SUPPORTED, "en")).toBe("ar");
    expect(negotiate([undefined, "es"], "zh-CN", SUPPORTED, "en")).toBe("es");
    expect(negotiate([undefined, null], "fr, zh-CN;q=0.8", SUPPORTED, "en")).toBe("zh-Hans");
    expect(negotiate([undefined, "xx"], "fr, de", SUPPORTED, "en")).toBe("en");
  });
});
