import { describe, expect, it } from "vitest";
import { numbersForRtl, scriptRuns } from "../../src/signing/retainer-pdf.ts";

describe("splitting words into script runs for the PDF", () => {
  it.each([
    ["plain Latin, accents included", "Café déjà vu", [["latin", "Café déjà vu"]]],
    ["Chinese inside English", "Income: 我想找 (work)", [["latin", "Income: "], ["han", "我想找"], ["latin", " (work)"]]],
    ["a quote closing after Arabic stays outside the Arabic run", "“أريد أن أبقى” now", [["latin", "“"], ["arabic", "أريد أن أبقى"], ["latin", "” now"]]],
    ["Arabic only", "أريد أن أبقى", [["arabic", "أريد أن أبقى"]]],
  ])("%s", (_name, input, expected) => {
    expect(scriptRuns(input).map((r) => [r.face, r.text])).toEqual(expected);
  });
});

describe("right-to-left lines in the PDF (issue 22)", () => {
  it("keep a number that ends a right-to-left line with its Arabic words", () => {
    expect(scriptRuns("الصفحة 12 من 30", "rtl").map((r) => [r.face, r.text])).toEqual([["arabic", "الصفحة 12 من 30"]]);
    // In a left-to-right line (a client's words in an English copy) it stays outside, as before.
    expect(scriptRuns("الصفحة 12 من 30").map((r) => [r.face, r.text])).toEqual([["arabic", "الصفحة 12 من"], ["latin", " 30"]]);
  });

  it("turn numbers and dates around before fontkit reverses the run, so they print as written", () => {
    expect(numbersForRtl("الصفحة 12 من 30")).toBe("الصفحة 21 من 03");
    expect(numbersForRtl("خُتمت في 2026-11-24")).toBe("خُتمت في 42-11-6202");
    expect(numbersForRtl("بدون أرقام")).toBe("بدون أرقام");
  });
});
