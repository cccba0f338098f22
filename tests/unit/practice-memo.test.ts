/**
 * The checks remember what each text says (src/practice/memo.ts). Remembering must never show: the
 * same plan and day give exactly the findings a fresh start gives, whatever was checked before.
 */
import { describe, expect, it, vi } from "vitest";
import type { PlanData } from "../../src/domain/plan.ts";
import { checkPlan, type Finding } from "../../src/practice/index.ts";
import { readEnglish } from "../../src/practice/language.ts";
import { memo } from "../../src/practice/memo.ts";
import { EXAMPLE, plan, TODAY } from "./practice-example.ts";

/** checkPlan from a new copy of the modules, so nothing is remembered yet. */
async function freshCheck(d: PlanData, today: string): Promise<Finding[]> {
  vi.resetModules();
  const fresh: typeof import("../../src/practice/index.ts") = await import("../../src/practice/index.ts");
  return fresh.checkPlan(structuredClone(d), today);
}

/** A plan with findings of most kinds, rewrites among them. */
const MISTAKES = plan((d) => {
  d.setup.serviceLength = "brief";
  d.goals[0].restatement = undefined;
  d.goals[0].clientWords = "I just want to sort my life out";
  d.goals[1].restatement = "Reduce anxiety symptoms";
  d.goals.push({ id: "g20", issue: "Education", clientWords: "I want to earn a three-year diploma in nursing" });
  d.barriers.push({ id: "b30", goalId: "g20", clientWords: "I have no doctor and nobody to help me", category: "financial-insecurity" });
  d.actions[0].commitment = "I will find you a doctor by 2026-12-20.";
  d.actions[1] = { ...d.actions[1], responsible: { role: "case-manager" }, targetDate: { kind: "ongoing" }, commitment: "I will help with housing on an ongoing basis." };
  d.actions[2].targetDate = { kind: "date", date: "2027-11-01" };
  d.actions.push({ id: "a40", goalId: "g99", kind: "service", description: "Support as needed", responsible: { role: "provider" }, targetDate: { kind: "ongoing" }, status: "not-started" });
});

const VARIANTS: Record<string, PlanData> = {
  example: EXAMPLE,
  mistakes: MISTAKES,
  "one goal's words changed": plan((d) => (d.goals[1].restatement = "Feel better about money")),
  "one commitment changed": plan((d) => (d.actions[2].commitment = "I will get you a council flat by March.")),
  "items reordered": plan((d) => {
    d.goals.reverse();
    d.barriers.reverse();
    d.actions.reverse();
  }),
  "items removed": plan((d) => {
    d.goals.splice(1, 1);
    d.barriers.splice(0, 1);
    d.actions.splice(0, 2);
  }),
  "the same words in other places": plan((d) => {
    d.actions[0].description = MISTAKES.goals[0].clientWords;
    d.barriers[1].clientWords = MISTAKES.goals[1].restatement!;
    d.goals[0].restatement = MISTAKES.actions[0].commitment;
    d.setup.priorityIssues.push(d.goals[0].clientWords);
  }),
  "words in another language": plan((d) => (d.goals[0].restatement = "أريد أن أبقى في شقتي")),
  // the same ongoing action, now serving a goal about keeping up a routine
  "the same action under another goal": (() => {
    const d = structuredClone(MISTAKES);
    d.goals[0].restatement = "Keep up my weekly budgeting routine";
    return d;
  })(),
};
const DAYS = [TODAY, "2026-12-10", "2027-06-30"];

describe("remembering what texts say", () => {
  it("gives the findings of a fresh start, in the same order, however often and in whatever order plans are checked", async () => {
    const expected = new Map<string, string>();
    for (const [name, d] of Object.entries(VARIANTS)) {
      for (const day of DAYS) expected.set(`${name} ${day}`, JSON.stringify(await freshCheck(d, day)));
    }
    for (let round = 0; round < 3; round++) {
      for (const day of round === 1 ? [...DAYS].reverse() : DAYS) {
        for (const [name, d] of Object.entries(VARIANTS)) {
          // a fresh object each time, as after JSON.parse of a stored plan
          expect(JSON.stringify(checkPlan(JSON.parse(JSON.stringify(d)), day)), `${name} on ${day}`).toBe(expected.get(`${name} ${day}`));
        }
      }
    }
  });

  it("follows a text changed and changed back", async () => {
    const before = EXAMPLE;
    const after = plan((d) => (d.goals[0].restatement = "I just want to sort my life out"));
    const [wantBefore, wantAfter] = [await freshCheck(before, TODAY), await freshCheck(after, TODAY)];
    expect(wantAfter).not.toEqual(wantBefore);
    for (let i = 0; i < 3; i++) {
      expect(checkPlan(structuredClone(before), TODAY)).toEqual(wantBefore);
      expect(checkPlan(structuredClone(after), TODAY)).toEqual(wantAfter);
    }
  });

  it("is not changed by a caller changing the findings it was given", async () => {
    const want = await freshCheck(MISTAKES, TODAY);
    expect(want.some((f) => f.rewrite)).toBe(true);
    const given = checkPlan(MISTAKES, TODAY);
    for (const f of given) {
      f.message = { key: "changed" };
      f.where.itemId = "changed";
      if (f.rewrite) f.rewrite = "changed";
    }
    given.reverse();
    given.push({ ...given[0] });
    given.length = 1;
    expect(checkPlan(MISTAKES, TODAY)).toEqual(want);
  });

  it("still refuses a today that is not a date, every time", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => checkPlan(EXAMPLE, "2026-02-30")).toThrow(RangeError);
      expect(checkPlan(EXAMPLE, TODAY)).toEqual(checkPlan(EXAMPLE, TODAY));
    }
  });

  it("keeps readings that no caller can change", () => {
    const reading = readEnglish("I will find you a flat");
    expect(Object.isFrozen(reading) && Object.isFrozen(reading.tokens) && reading.tokens.every(Object.isFrozen)).toBe(true);
    expect(() => (reading.tokens as unknown[]).push("x")).toThrow(TypeError);
    expect(readEnglish("I will find you a flat").tokens.map((t) => t.word)).toEqual(["i", "will", "find", "you", "a", "flat"]);
  });
});

describe("memo", () => {
  it("reads each text once while it is remembered, and remembers undefined too", () => {
    const read = vi.fn((text: string) => (text === "none" ? undefined : { words: text.split(" ") }));
    const remembered = memo(read);
    expect(remembered("a b")).toBe(remembered("a b"));
    expect(remembered("none")).toBeUndefined();
    expect(remembered("none")).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("freezes what it remembers, all the way down", () => {
    const value = memo((text: string) => ({ words: [{ word: text }] }))("flat");
    expect(() => value.words.push({ word: "x" })).toThrow(TypeError);
    expect(() => (value.words[0].word = "x")).toThrow(TypeError);
  });

  it("lets the least recently used texts go beyond its limits", () => {
    const read = vi.fn((text: string) => text.length);
    const byEntries = memo(read, { entries: 4 });
    for (const t of ["a", "b", "c", "d", "e", "f"]) byEntries(t);
    read.mockClear();
    byEntries("f");
    byEntries("e");
    expect(read).not.toHaveBeenCalled();
    byEntries("a");
    expect(read).toHaveBeenCalledTimes(1);

    const byChars = memo(read, { chars: 100 });
    byChars("x".repeat(60));
    byChars("y".repeat(60));
    byChars("z".repeat(60));
    read.mockClear();
    byChars("x".repeat(60));
    expect(read).toHaveBeenCalledTimes(1);
  });
});
