import { describe, expect, it } from "vitest";
import { scriptRuns } from "../../src/signing/retainer-pdf.ts";

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
