import { describe, expect, it } from "vitest";
import { found, plan, english } from "./practice-example.ts";
import { type Barrier, type PlanData } from "../../src/domain/plan.ts";

/** The first barrier (b4, for goal g1) with these words and this category. */
const barrier = (category: Barrier["category"], clientWords: string) =>
  plan((d) => {
    d.barriers[0].category = category;
    d.barriers[0].clientWords = clientWords;
  });

describe("barrier-missing: a goal with no barrier", () => {
  it("flags each goal without one, at the barriers step", () => {
    const d = plan((x) => (x.barriers = []));
    expect(found(d, "barrier-missing").map((f) => [f.severity, f.where])).toEqual([
      ["suggestion", { section: "barriers", itemId: "g1" }],
      ["suggestion", { section: "barriers", itemId: "g2" }],
    ]);
  });

  it("does not flag a goal that has a barrier", () => {
    const d = plan((x) => (x.barriers = x.barriers.filter((b) => b.goalId === "g1")));
    expect(found(d, "barrier-missing").map((f) => f.where.itemId)).toEqual(["g2"]);
  });
});

describe("barrier-category: the words point to a different category", () => {
  it.each([
    ["housing", "I can't pay the rent", "Financial insecurity"],
    ["other", "low income since my hours were cut", "Financial insecurity"],
    ["housing", "I’m two months behind on the rent", "Financial insecurity"],
    ["legal", "I have no money for anything", "Financial insecurity"],
    ["other", "Cant pay my bills", "Financial insecurity"],
    ["housing", "debt collectors keep calling", "Financial insecurity"],
    ["housing", "I couldn't afford the deposit", "Financial insecurity"],
    ["housing", "I have no doctor and my symptoms are getting worse", "Lack of health supports"],
    ["financial-insecurity", "nobody to help me when I'm unwell", "Lack of health supports"],
    ["other", "untreated symptoms", "Lack of health supports"],
    ["housing", "I ran out of my meds and there's no one to turn to", "Lack of health supports"],
    ["housing", "I don't have a GP", "Lack of health supports"],
  ] as const)("a %s barrier worded %j points to %s", (category, words, label) => {
    const [f] = found(barrier(category, words), "barrier-category");
    expect(f).toMatchObject({ rule: "barrier-category", severity: "suggestion", where: { section: "barriers", itemId: "b4" } });
    expect(english(f.message)).toContain(`“${label}”`);
  });

  it.each([
    ["financial-insecurity", "I can't pay the rent"],
    ["lack-of-health-supports", "no doctor"],
    ["housing", "The landlord is selling the building"],
    ["housing", "I can pay the rent, it's the damp"],
    ["housing", "I'm not in debt"],
    ["childcare-caregiving", "nobody to help with the kids"],
    ["transportation", "I can't afford the bus fare"],
    ["legal", "The court date is next month"],
    ["housing", "I have a doctor who helps"],
    ["housing", "No puedo pagar el alquiler"],
    ["housing", "我付不起房租"],
    ["housing", "لا أستطيع دفع الإيجار"],
  ] as const)("leaves a %s barrier worded %j alone", (category, words) => {
    expect(found(barrier(category, words), "barrier-category")).toEqual([]);
  });
});

describe("strengths-none: no strengths recorded", () => {
  it("flags a plan with no strengths", () => {
    const [f] = found(plan((x) => (x.strengths = [])), "strengths-none");
    expect(f).toMatchObject({ severity: "suggestion", where: { section: "strengths" } });
  });

  it("does not flag a plan with one strength", () => {
    expect(found(plan((x) => (x.strengths = x.strengths.slice(0, 1))), "strengths-none")).toEqual([]);
  });
});

describe("strengths-unused: every action on the case manager despite the client's strengths", () => {
  const allOnCaseManager = (x: PlanData) => {
    for (const a of x.actions) a.responsible = { role: "case-manager", name: "Jo Smith" };
  };

  it("flags it, quoting a strength the client named", () => {
    const [f] = found(plan(allOnCaseManager), "strengths-unused");
    expect(f).toMatchObject({ severity: "suggestion", where: { section: "actions" } });
    expect(english(f.message)).toContain("good with numbers");
  });

  it.each([
    ["only strengths the case manager takes on", (x: PlanData) => x.strengths.forEach((s) => (s.role = "case-manager"))],
    ["one action on the client", (x: PlanData) => (x.actions[0].responsible = { role: "client" })],
    ["one action on a named provider", (x: PlanData) => (x.actions[0].responsible = { role: "provider", name: "Citizens Advice" })],
    ["no actions yet", (x: PlanData) => (x.actions = [])],
    ["no strengths (reported as strengths-none)", (x: PlanData) => (x.strengths = [])],
  ])("does not flag a plan with %s", (_name, change) => {
    const d = plan((x) => {
      allOnCaseManager(x);
      change(x);
    });
    expect(found(d, "strengths-unused")).toEqual([]);
  });
});
