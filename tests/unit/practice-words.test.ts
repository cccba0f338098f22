import { describe, expect, it } from "vitest";
import { readEnglish } from "../../src/practice/language.ts";
import { findAffirmed, phrases } from "../../src/practice/phrases.ts";
import { correct, sameLabel, tokenize } from "../../src/practice/words.ts";

const words = (text: string) => tokenize(text).map((t) => t.word);
const lemmas = (text: string) => tokenize(text).map((t) => t.lemma);

describe("reading English words", () => {
  it.each([
    ["straight apostrophe", "I won't", ["i", "will", "not"]],
    ["curly apostrophe", "I won’t", ["i", "will", "not"]],
    ["no apostrophe", "i wont", ["i", "will", "not"]],
    ["can't and cannot", "can't cannot", ["can", "not", "can", "not"]],
    ["n't", "doesn’t", ["does", "not"]],
    ["'ll", "I’ll", ["i", "will"]],
    ["'m", "I'm", ["i", "am"]],
    ["possessive", "Dana's", ["dana"]],
    ["capitals and punctuation", "FIND, a FLAT!!!", ["find", "a", "flat"]],
    ["full-width letters", "Ｆｉｎｄ", ["find"]],
  ])("expands and lower-cases: %s", (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    ["garantee", "guarantee"],
    ["gaurantee", "guarantee"],
    ["garanteed", "guaranteed"],
    ["gauranteeing", "guaranteeing"],
    ["definately", "definitely"],
    ["recieve", "receive"],
    ["recieved", "received"],
    ["guarantee", "guarantee"],
    ["house", "house"],
  ])("corrects the misspelling %s to %s", (typed, fixed) => {
    expect(correct(typed)).toBe(fixed);
  });

  it.each([
    ["find finds finding found", ["find", "find", "find", "find"]],
    ["get gets getting got gotten", ["get", "get", "get", "get", "get"]],
    ["secure secures securing secured", ["secure", "secure", "secure", "secure"]],
    ["guarantees guaranteeing garanteed", ["guarantee", "guarantee", "guarantee"]],
    ["am is are was being", ["be", "be", "be", "be", "be"]],
    ["symptoms doctors", ["symptom", "doctor"]],
    ["housing better", ["housing", "better"]],
  ])("gives the dictionary form of %s", (text, expected) => {
    expect(lemmas(text)).toEqual(expected);
  });

  it("keeps each word's place in the original text, even inside a contraction", () => {
    const text = "Jo’ll find it";
    const [jo, will, find] = tokenize(text);
    expect(text.slice(jo.start, jo.end)).toBe("Jo");
    expect(text.slice(will.start, will.end)).toBe("’ll");
    expect(text.slice(find.start, find.end)).toBe("find");
  });

  it("marks punctuation between words as a break", () => {
    expect(tokenize("no, I will find it").map((t) => t.afterBreak)).toEqual([true, true, false, false, false]);
  });

  it("sees a negation only in the same clause", () => {
    const guarantee = phrases("guarantee");
    expect(findAffirmed(tokenize("I cannot guarantee it"), guarantee)).toHaveLength(0);
    expect(findAffirmed(tokenize("no problem, I guarantee it"), guarantee)).toHaveLength(1);
    expect(findAffirmed(tokenize("I can't say, but I guarantee it"), guarantee)).toHaveLength(1);
  });

  it("treats labels that differ only in case, spacing and punctuation as the same", () => {
    expect(sameLabel("Housing at risk", "  housing AT risk. ")).toBe(true);
    expect(sameLabel("Housing", "Income")).toBe(false);
    expect(sameLabel("住房", "住房")).toBe(true);
  });

  it.each([
    "",
    "   ",
    "🏠🏠🏠",
    "\u200f\u202b",
    "constructor toString __proto__ hasOwnProperty valueOf",
    "'''",
    "x".repeat(20_000),
    "I will find ".repeat(2_000),
    "İ’ll ﬁnd it", // lower-casing and NFKC change these words' lengths
  ])("does not break on odd input (%#)", (text) => {
    expect(() => readEnglish(text)).not.toThrow();
  });
});

describe("deciding whether text is English", () => {
  it.each([
    ["plain English", "I want to keep my flat", true, true],
    ["short English", "Keep my flat", true, true],
    ["English with a name", "Call Maria de la Cruz about the rent", true, true],
    ["Arabic", "أريد أن أبقى في شقتي", false, false],
    ["Chinese", "我想保住我的公寓", false, false],
    ["Russian", "Я хочу сохранить квартиру", false, false],
    ["Spanish", "Quiero encontrar un trabajo", false, false],
    ["French", "Je veux garder mon appartement", false, false],
    ["German, with 'will'", "Ich will eine Wohnung finden", false, false],
    ["Arabic with English", "أريد أن أبقى في شقتي — I want to keep my flat", true, false],
    ["numbers only", "2027", false, false],
  ])("%s", (_name, text, hasEnglish, whollyEnglish) => {
    const reading = readEnglish(text);
    expect(reading.hasEnglish).toBe(hasEnglish);
    expect(reading.whollyEnglish).toBe(whollyEnglish);
  });
});
