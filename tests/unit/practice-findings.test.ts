/**
 * What a finding carries so that a supervisor can read, in one place, why it was raised: the item
 * it is about, the words that raised it, the practice it comes from; a vague goal with no time
 * frame said once; clinical steps carried by the case manager flagged with the in-scope version.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE, TODAY, english, found, plan } from "./practice-example.ts";
import { msg, translator } from "../../src/i18n/translator.ts";
import { ruleSummaryKey } from "../../src/practice/rules.ts";
import { strongerKey } from "../../src/training/scorecard.ts";
import type { Action } from "../../src/domain/plan.ts";
import { RULES, checkPlan } from "../../src/practice/index.ts";
import { shorten } from "../../src/practice/findings.ts";
import { RULE_PRACTICE, practiceKeys } from "../../src/practice/practices.ts";

const undated = (text: string) =>
  plan((d) => {
    d.goals[0].restatement = text;
    for (const a of d.actions) if (a.goalId === "g1") a.targetDate = { kind: "ongoing" };
  });
const onCaseManager = (change: Partial<Action>) => plan((d) => Object.assign(d.actions[0], { responsible: { role: "case-manager", name: "Jo Smith" } }, change));

describe("a vague goal with no time frame", () => {
  it("is one finding that says the vague part first and covers the time frame", () => {
    const findings = checkPlan(undated("deal with my debts somehow"), TODAY).filter((f) => f.where.itemId === "g1");
    expect(findings.map((f) => f.rule)).toEqual(["goal-vague"]);
    const [f] = findings;
    expect(f.covers).toEqual(["goal-time-frame"]);
    expect(english(f.message).indexOf("broad hope")).toBeLessThan(english(f.message).indexOf("by when"));
    expect(f.triggers).toEqual(["somehow"]);
  });

  it("keeps the time-frame finding for a specific goal with no time frame", () => {
    const rules = checkPlan(undated("Clear the gas arrears"), TODAY).filter((f) => f.where.itemId === "g1").map((f) => f.rule);
    expect(rules).toEqual(["goal-time-frame"]);
  });

  it.each(["Sort things out", "be more stable", "deal with my debts somehow", "She hopes to have a more stable life", "get my head straight"])(
    "reads %j as vague",
    (text) => {
      expect(found(undated(text), "goal-vague")).toHaveLength(1);
    },
  );

  it.each(["Get a better job by the summer", "Become a better listener", "Find a stable tenancy by March", "I don't want to feel better, I want my own place by March"])(
    "does not read %j as vague",
    (text) => {
      expect(found(undated(text), "goal-vague")).toEqual([]);
    },
  );
});

describe("action-scope: clinical work carried by the case manager", () => {
  it.each([
    [{ description: "Adjust Dana's medication dose", commitment: undefined }, "actions", "Refer Dana to a doctor for a medication review and offer to go along to the first appointment."],
    [{ commitment: "I, the case manager, will reduce your anxiety symptoms." }, "contract", "I will refer you to free or low-cost treatment for anxiety and offer to go along to the first appointment."],
    [{ commitment: "Jo Smith (case manager) will treat Dana's PTSD by 2027-02-01." }, "contract", "Jo Smith (case manager) will refer Dana to free or low-cost treatment for PTSD by 2027-02-01 and offer to go along to the first appointment."],
    [{ description: "Diagnose whether Dana has depression", commitment: undefined }, "actions", "Refer Dana to a clinician for an assessment for depression and offer to go along to the first appointment."],
  ] as const)("flags %j and suggests the referral", (change, section, rewrite) => {
    const [f] = found(onCaseManager(change), "action-scope");
    expect(f).toMatchObject({ rule: "action-scope", severity: "warning", where: { section, itemId: "a9" }, rewrite });
    expect(f.triggers?.length).toBe(1);
  });

  it.each([
    [{ commitment: "I will refer Dana to the psychiatrist to review the medication dose by 2026-12-08." }],
    [{ commitment: "I will go with Dana to the trauma clinic on 2026-12-08." }],
    [{ commitment: "Dr Patel will adjust the medication dose.", responsible: { role: "provider", name: "Dr Patel" } }],
    [{ commitment: "I will take my medication as prescribed.", responsible: { role: "client" } }],
    [{ commitment: "I will ask the landlord to treat the damp by 2026-12-08." }],
  ] as const)("leaves %j alone", (change) => {
    expect(found(onCaseManager(change as Partial<Action>), "action-scope")).toEqual([]);
  });
});

describe("every finding names its item, its words and its practice", () => {
  const d = plan((x) => {
    x.goals[1].restatement = "Feel better";
    x.actions[0].commitment = "I will find you a flat.";
    x.barriers[1].clientWords = "I have a court date next month";
  });

  it("names the item the way a person would point at it", () => {
    const about = checkPlan(d, TODAY).map((f) => [f.rule, f.about?.kind, f.about && english(f.about.label)]);
    expect(about).toContainEqual(["goal-vague", "goal", "Goal 2 “Feel better”"]);
    expect(about).toContainEqual(["contract-over-promise", "commitment", "Commitment for action “Refer Dana to the council's rent arrears fund”"]);
    expect(about).toContainEqual(["barrier-category", "barrier", "Barrier to Goal 2 “I have a court date next month”"]);
    const issue = checkPlan(plan((x) => x.setup.priorityIssues.push("Physical health")), TODAY)[0];
    expect(issue.about?.kind).toBe("priority-issue");
    expect(english(issue.about!.label)).toBe("Priority issue “Physical health”");
    expect(english(issue.about!.name)).toBe("Priority issue");
  });

  it("shows the words that raised it, exactly as typed", () => {
    const byRule = new Map(checkPlan(d, TODAY).map((f) => [f.rule, f.triggers]));
    expect(byRule.get("goal-vague")).toEqual(["Feel better"]);
    expect(byRule.get("contract-over-promise")).toEqual(["will find"]);
    expect(byRule.get("barrier-category")).toEqual(["court date"]);
  });

  it("gives every rule a practice reference with a plain-language explanation", () => {
    for (const rule of Object.keys(RULES) as (keyof typeof RULES)[]) {
      const ref = RULE_PRACTICE[rule];
      expect(english(msg(practiceKeys(ref).title)).length, rule).toBeGreaterThan(10);
      expect(english(msg(practiceKeys(ref).text)).length, rule).toBeGreaterThan(40);
      // and a summary and a lesson in every language (the scorecard shows both for any finding)
      for (const tag of ["en", "es", "ar", "zh-Hans"]) {
        const t = translator(tag, "UTC").t;
        expect(t(ruleSummaryKey(rule)).length, `${rule} ${tag}`).toBeGreaterThan(5);
        expect(t(strongerKey(rule)).length, `${rule} ${tag}`).toBeGreaterThan(5);
      }
    }
    for (const f of checkPlan(d, TODAY)) expect(f.practice).toBe(RULE_PRACTICE[f.rule]);
  });

  it("leaves the example plan without findings", () => {
    expect(checkPlan(EXAMPLE, TODAY)).toEqual([]);
  });
});

describe("a person's words, shortened for a message", () => {
  const long = "I want to keep my flat 🏠🏠 and stay near my children's school, أريد أن أبقى في شقتي";

  it("cuts between characters, never inside an emoji, and says so with an ellipsis", () => {
    expect(shorten(long, 26)).toBe("I want to keep my flat 🏠🏠…");
    expect(shorten("  Feel\n  better  ")).toBe("Feel better");
  });

  it("cuts the same words to each length asked for, however often they are asked", () => {
    for (let i = 0; i < 3; i++) {
      expect(shorten(long, 40)).toBe("I want to keep my flat 🏠🏠 and stay near…");
      expect(shorten(long, 25)).toBe("I want to keep my flat 🏠…");
      expect(shorten(long)).toBe("I want to keep my flat 🏠🏠 and stay near my children's schoo…");
    }
  });
});
