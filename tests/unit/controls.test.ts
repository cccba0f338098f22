import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/http/controls.ts";

describe("cleaning typed words of control characters", () => {
  it.each([
    ["CRLF and a lone CR become LF", "one\r\ntwo\rthree", "one\ntwo\nthree"],
    ["tab and newline stay", "a\tb\nc", "a\tb\nc"],
    ["C0 controls go", "a\u0000b\u0007c\u001bd\u001f", "abcd"],
    ["DEL and C1 controls go", "a\u007fb\u0080c\u0085d\u009f", "abcd"],
    ["the joiner inside an emoji family stays", "👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"],
    ["bidi marks stay", "\u200fمرحبا\u200e ok", "\u200fمرحبا\u200e ok"],
    ["combining marks stay", "Zoe\u0308 cafe\u0301", "Zoe\u0308 cafe\u0301"],
    ["a line separator is not a control", "a\u2028b", "a\u2028b"],
    ["Arabic, Chinese, Devanagari and flags stay", "أريد 我想 नमस्ते 🇵🇸👋🏽", "أريد 我想 नमस्ते 🇵🇸👋🏽"],
  ])("%s", (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});
