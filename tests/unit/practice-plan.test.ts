import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type PlanData, PlanDataSchema } from "../../src/domain/plan.ts";
import { checkPlan, RULES, SECTIONS, type Finding } from "../../src/practice/index.ts";
import { classicMistakes, english } from "./practice-example.ts";

const EXAMPLE = PlanDataSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/examples/plan.json", import.meta.url), "utf8")).snapshot.context.data,
);
const TODAY = "2026-12-05";

function plan(change: (d: PlanData) => void): PlanData {
  const d = structuredClone(EXAMPLE);
  change(d);
  return d;
}

/** The "lack of health supports" case with the classic mistakes, in a brief service. */
const MISTAKES = plan((d) => classicMistakes(d, { barrierWords: "I have no doctor and nobody to help me", applyBy: "2026-11-30" }));

describe("checking a whole plan", () => {
  it("finds every kind of mistake, and each rule can fire", () => {
    const rules = new Set(checkPlan(MISTAKES, TODAY).map((f) => f.rule));
    const allOnCaseManager = plan((d) => d.actions.forEach((a) => (a.responsible = { role: "case-manager", name: "Jo" })));
    const noStrengths = plan((d) => (d.strengths = []));
    const clinicalStep = plan((d) => (d.actions[0].commitment = "I will adjust Dana's medication dose by 2026-12-08."));
    rules.add(checkPlan(clinicalStep, TODAY).find((f) => f.rule === "action-scope")!.rule);
    rules.add(checkPlan(allOnCaseManager, TODAY).find((f) => f.rule === "strengths-unused")!.rule);
    rules.add(checkPlan(noStrengths, TODAY).find((f) => f.rule === "strengths-none")!.rule);
    const spanish = plan((d) => {
      d.goals[0].restatement = "Conservar la vivienda pagando el alquiler atrasado";
      d.actions[0].commitment = "Voy a buscar con usted una vivienda antes de marzo";
      d.barriers[0].clientWords = "No puedo pagar el alquiler desde que me bajaron las horas";
    });
    for (const f of checkPlan(spanish, TODAY)) rules.add(f.rule);
    expect([...rules].sort()).toEqual(Object.keys(RULES).sort());
  });

  it("lists findings in a fixed order: by section, then in plan order", () => {
    const findings = checkPlan(MISTAKES, TODAY);
    const sections = findings.map((f) => SECTIONS.indexOf(f.where.section));
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
    expect(findings.map((f) => `${f.rule}@${f.where.itemId ?? f.where.section}`)).toEqual([
      "priority-issue-unaddressed@goals",
      "goal-vague@g1",
      "goal-scope@g2",
      "goal-service-length@g20",
      "goal-measurable@g21",
      "goal-time-frame@g21",
      "barrier-missing@g20",
      "barrier-category@b4",
      "barrier-category@b30",
      "action-missing@g21",
      "target-ongoing@a10",
      "target-whole-year@a11",
      "action-responsible@a12",
      "target-after-review@a12",
      "action-no-goal@a40",
      "target-ongoing@a40",
      "contract-open-ended@a40",
      "target-past@a41",
      "contract-over-promise@a9",
      "contract-open-ended@a10",
    ]);
  });

  it("gives the same answer every time and leaves the plan untouched", () => {
    const frozen = deepFreeze(structuredClone(MISTAKES));
    const first = checkPlan(frozen, TODAY);
    expect(checkPlan(frozen, TODAY)).toEqual(first);
    expect(frozen).toEqual(MISTAKES);
  });

  it("gives each finding its rule's severity, a message and a place", () => {
    for (const f of checkPlan(MISTAKES, TODAY)) {
      expect(f.severity).toBe(RULES[f.rule].severity);
      expect(english(f.message).length).toBeGreaterThan(40);
      expect(SECTIONS).toContain(f.where.section);
    }
  });

  it("refuses a today that is not a date", () => {
    expect(() => checkPlan(EXAMPLE, "5/12/2026")).toThrow(RangeError);
    expect(() => checkPlan(EXAMPLE, "2026-02-30")).toThrow(RangeError);
  });

  it("finds nothing in a sound plan written in Arabic and Chinese, and does not break on it", () => {
    const d = plan((x) => {
      x.setup.priorityIssues = ["السكن", "收入", "Low mood"];
      x.goals[0] = { ...x.goals[0], issue: "السكن", clientWords: "أريد أن أبقى في شقتي", restatement: "الحفاظ على الإيجار" };
      x.goals[1] = { ...x.goals[1], issue: "收入", clientWords: "我想要更多的收入", restatement: "申请我有权获得的福利" };
      x.barriers[0].clientWords = "لا أستطيع دفع الإيجار";
      x.barriers[1].clientWords = "我不知道可以申请什么";
      x.strengths[0].clientWords = "我擅长理财";
      x.actions.forEach((a, i) => {
        a.description = ["إحالة إلى صندوق الإيجار", "给房东打电话", "一起查看福利", "填写申请表"][i];
        a.commitment = ["سأجد لك شقة", "我保证给你找到房子", "我会一直帮助你", "سأساعدك عند الحاجة"][i];
      });
    });
    // Nothing wrong with the plan's structure; but the wording checks read English only, so each
    // goal and commitment says it could not be checked, rather than passing in silence.
    expect(checkPlan(d, "2026-11-24").map((f) => `${f.rule}@${f.where.itemId}`)).toEqual([
      "goal-words-unchecked@g1",
      "goal-words-unchecked@g2",
      ...d.barriers.map((b) => `barrier-words-unchecked@${b.id}`),
      ...d.actions.map((a) => `contract-words-unchecked@${a.id}`),
    ]);
  });

  it("still checks the structure of a plan in other languages", () => {
    const d = plan((x) => {
      x.goals[1].restatement = "我想要更多的收入";
      x.actions = x.actions.filter((a) => a.goalId !== "g2");
    });
    const rules = checkPlan(d, "2026-11-24").map((f: Finding) => `${f.rule}@${f.where.itemId}`);
    expect(rules).toEqual(["goal-words-unchecked@g2", "action-missing@g2"]);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
