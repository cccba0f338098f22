/**
 * Barrier categories: every category but "other" is suggested from the client's own words, with
 * the words that led to it; where two fit, the stronger is suggested and the other mentioned; the
 * worker's choice is never changed and, when it fits, left without comment. The phrasings here are
 * not in data/practice-eval.jsonl: they were written as a held-out check of the vocabulary.
 */
import { describe, expect, it } from "vitest";
import { found, plan, english } from "./practice-example.ts";
import type { Barrier } from "../../src/domain/plan.ts";

const barrier = (category: Barrier["category"], clientWords: string) =>
  plan((d) => {
    d.barriers[0].category = category;
    d.barriers[0].clientWords = clientWords;
  });
const suggestion = (words: string, chosen: Barrier["category"] = "other") => found(barrier(chosen, words), "barrier-category")[0];

describe("barrier-category: all seven categories, from the client's words", () => {
  it.each([
    ["My ESA was stopped after the assessment", "financial-insecurity"],
    ["I've got catalogue debts and a CCJ", "financial-insecurity"],
    ["the gas is on a prepayment meter and I can't top it up", "financial-insecurity"],
    ["We're skint by the middle of the month", "financial-insecurity"],
    ["I'm two payments behind on my phone contract", "financial-insecurity"],
    ["My GP retired and the surgery won't take new patients", "lack-of-health-supports"],
    ["I've been on the waiting list for counselling since March", "lack-of-health-supports"],
    ["there is nobody I can talk to when the voices get bad", "lack-of-health-supports"],
    ["There's no mental health nurse in our area any more", "lack-of-health-supports"],
    ["The last bus leaves at five", "transportation"],
    ["I can't drive since the accident", "transportation"],
    ["It's three buses to get to the training centre", "transportation"],
    ["My car failed its MOT", "transportation"],
    ["I have nobody to mind the children after school", "childcare-caregiving"],
    ["My mum needs me there all day, she can't be left", "childcare-caregiving"],
    ["I'm a single dad with three under five", "childcare-caregiving"],
    ["I look after my brother who is disabled", "childcare-caregiving"],
    ["I have to go to court in April for the assault charge", "legal"],
    ["He has to report to his probation officer every week", "legal"],
    ["Her leave to remain runs out in the summer", "legal"],
    ["There's a warrant out and I'm scared to go to the council", "legal"],
    ["She speaks Somali and very little English", "language-literacy"],
    ["I never went to school so reading letters is hard", "language-literacy"],
    ["i dont read good and the job forms are all online", "language-literacy"],
    ["The landlord wants us out by the end of the month", "housing"],
    ["There are rats in the kitchen and the landlord won't fix it", "housing"],
    ["We're staying at my sister's but she wants us gone", "housing"],
    ["The ceiling came down in the bathroom", "housing"],
  ] as const)("%j points to %s", (words, category) => {
    const f = suggestion(words);
    expect(f?.suggestion?.category).toBe(category);
    expect(f.triggers?.length).toBeGreaterThan(0);
    for (const t of f.triggers!) expect(words).toContain(t); // the words as typed
  });

  it("shows the words that led to the suggestion, in the message too", () => {
    const f = suggestion("I owe two months of rent and the bailiffs have written");
    expect(f.triggers).toEqual(["owe", "bailiffs"]);
    expect(english(f.message)).toContain("“owe”");
  });

  it("suggests the stronger of two and mentions the other: an eviction hearing is legal, and housing", () => {
    const f = suggestion("There's an eviction hearing next Tuesday");
    expect(f.suggestion).toEqual({ category: "legal", also: ["housing"] });
    expect(english(f.message)).toMatch(/point to “Legal”.*also touch on Housing, which/s);
  });

  it("never changes the worker's category, and says nothing when the choice fits the words", () => {
    const d = barrier("housing", "There's an eviction hearing next Tuesday");
    expect(found(d, "barrier-category")).toEqual([]);
    expect(d.barriers[0].category).toBe("housing");
    const other = barrier("transportation", "I owe two months of rent");
    expect(found(other, "barrier-category")[0].suggestion?.category).toBe("financial-insecurity");
    expect(other.barriers[0].category).toBe("transportation");
  });

  it.each([
    "I can pay the rent on time",
    "My GP is great and sees me every month",
    "I'm not in debt any more",
    "I get scared and put things off",
    "I can't hear well in one ear",
    "I can't get to sleep at night",
    "I can count on my sister",
    "I'm fine, I just need to get started",
  ])("suggests nothing for %j", (words) => {
    expect(suggestion(words)).toBeUndefined();
  });
});
