import { describe, expect, it } from "vitest";
import { cannotRead, isEnglishTag, textLanguage } from "../../src/practice/text-language.ts";

describe("textLanguage: English, another language, or cannot tell", () => {
  it.each([
    "I want to keep my flat",
    "Keep the tenancy by clearing the arrears by April 2027",
    "I will find out what benefits you can claim",
    "Call the landlord to agree a repayment plan",
    "Get my kids back to school every day",
    "I don't want to lose my home",
  ])("reads %j as English", (text) => {
    expect(textLanguage(text)).toBe("en");
  });

  it.each([
    ["Spanish", "Quiero encontrar un trabajo"],
    ["Spanish", "Quiero estar mejor"],
    ["Spanish", "Conservar la vivienda pagando el alquiler atrasado"],
    ["Spanish", "Voy a encontrarle una casa antes de marzo"],
    ["French", "Je vais vous trouver un appartement"],
    ["German", "Ich will eine Wohnung finden"],
    ["Portuguese", "Eu quero um trabalho"],
    ["Arabic", "أريد أن أبقى في شقتي"],
    ["Arabic", "سأجد لك شقة"],
    ["Chinese", "我想保住我的公寓"],
    ["Chinese", "找工作"],
    ["Russian", "Хочу, чтобы стало лучше"],
    ["Arabic with an English word", "أريد أن أبقى في شقتي flat"],
  ])("reads %s %j as another language", (_, text) => {
    expect(textLanguage(text)).toBe("other");
  });

  it.each([
    ["empty", ""],
    ["a number", "2027"],
    ["one word used in several languages", "Plan"],
    ["a name", "Dana"],
    ["one Han character", "家"],
    ["one word of Spanish", "Vivienda"],
    ["one English word", "Housing"],
    ["half English, half Spanish", "I want un trabajo"],
  ])("cannot tell from %s (%j)", (_, text) => {
    expect(textLanguage(text)).toBe("unknown");
  });

  it("reads a text that is mostly English with a few words of another script as English", () => {
    expect(textLanguage("أريد أن أبقى في شقتي — I want to keep my flat and pay the rent")).toBe("en");
  });
});

describe("cannotRead: when the wording checks must say they could not check", () => {
  it("says so for a text in another language, whatever the plan's client language", () => {
    expect(cannotRead("Quiero encontrar un trabajo", "en", false)).toBe(true);
    expect(cannotRead("我想保住我的公寓", undefined, false)).toBe(true);
  });

  it("never for English, even when the client's language is another", () => {
    expect(cannotRead("I want to keep my flat", "es", true)).toBe(false);
  });

  it("lets the client's language decide a text that cannot be told, unless the checks read it as English", () => {
    expect(cannotRead("Vivienda", "es", false)).toBe(true);
    expect(cannotRead("Vivienda", "en", false)).toBe(false);
    expect(cannotRead("Vivienda", undefined, false)).toBe(false);
    expect(cannotRead("Housing", "es", true)).toBe(false);
  });

  it("never for an empty text", () => {
    expect(cannotRead("  ", "ar", false)).toBe(false);
  });

  it("knows English tags", () => {
    expect(isEnglishTag("en")).toBe(true);
    expect(isEnglishTag("en-GB")).toBe(true);
    expect(isEnglishTag(undefined)).toBe(true);
    expect(isEnglishTag("es")).toBe(false);
    expect(isEnglishTag("zh-Hans")).toBe(false);
  });
});
