/**
 * Coaching in other languages (issue 22): the structural checks fire whatever language the
 * client's words are in, and the checks that read English words say plainly that they could not
 * check words in another language, in the staff member's language, instead of passing in silence.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE, TODAY, classicMistakes, english, plan } from "./practice-example.ts";
import type { PlanData } from "../../src/domain/plan.ts";
import { translator } from "../../src/i18n/translator.ts";
import { findingWords } from "../../src/plans/finding-words.ts";
import { type Finding, RULES, checkPlan } from "../../src/practice/index.ts";

/** A goal, an action and a commitment as a client and worker might write them in each language. */
const LANGUAGES = {
  Spanish: { tag: "es", barrier: "No puedo pagar el alquiler desde que me bajaron las horas", goal: "Quiero conservar mi casa y pagar el alquiler", action: "Llamar al casero para acordar un plan de pagos", commitment: "Voy a buscar con usted una vivienda antes de marzo" },
  Arabic: { tag: "ar", barrier: "لا أستطيع دفع الإيجار منذ أن خُفّضت ساعات عملي", goal: "أريد أن أبقى في شقتي مع أطفالي", action: "الاتصال بالمالك للاتفاق على خطة سداد", commitment: "سأجد لك شقة قبل شهر مارس" },
  Chinese: { tag: "zh-Hans", barrier: "工时被减以后我付不起房租", goal: "我想保住我的公寓，按时交房租", action: "给房东打电话商量分期付款", commitment: "我保证在三月前给你找到房子" },
} as const;
type Words = (typeof LANGUAGES)[keyof typeof LANGUAGES];

/** The example plan with its first goal, and that goal's first action, in another language. */
function inLanguage(w: Words, change: (d: PlanData, goalId: string, actionId: string) => void = () => {}): PlanData {
  return plan((d) => {
    d.setup.clientLanguage = w.tag;
    const goal = d.goals[0];
    goal.clientWords = w.goal;
    goal.restatement = undefined;
    const action = d.actions.find((a) => a.goalId === goal.id)!;
    action.description = w.action;
    action.commitment = w.commitment;
    change(d, goal.id, action.id);
  });
}

const at = (findings: Finding[]) => findings.map((f) => `${f.rule}@${f.where.itemId ?? f.where.section}`);

describe.each(Object.entries(LANGUAGES))("a plan whose words are in %s", (_, w) => {
  it("says that the goal's and the commitment's wording could not be checked, and raises no English wording finding", () => {
    const d = inLanguage(w);
    const goalId = d.goals[0].id;
    const actionId = d.actions.find((a) => a.goalId === goalId)!.id;
    expect(at(checkPlan(d, TODAY))).toEqual([`goal-words-unchecked@${goalId}`, `contract-words-unchecked@${actionId}`]);
  });

  it("says that a barrier's words could not be checked against its category", () => {
    const d = inLanguage(w, (x) => (x.barriers[0].clientWords = w.barrier));
    expect(at(checkPlan(d, TODAY))).toContain(`barrier-words-unchecked@${d.barriers[0].id}`);
    expect(at(checkPlan(d, TODAY)).filter((r) => r.startsWith("barrier-category"))).toEqual([]);
  });

  it("still finds an action that serves no goal", () => {
    const d = inLanguage(w, (x, _g, a) => (x.actions.find((y) => y.id === a)!.goalId = "g99"));
    expect(at(checkPlan(d, TODAY))).toContain(`action-no-goal@${d.actions[0].id}`);
  });

  it("still finds a goal with no action", () => {
    const d = inLanguage(w, (x, g) => (x.actions = x.actions.filter((a) => a.goalId !== g)));
    expect(at(checkPlan(d, TODAY))).toContain(`action-missing@${d.goals[0].id}`);
  });

  it("still finds an action with no one responsible, and one on a provider with no name", () => {
    const d = inLanguage(w, (x, _g, a) => {
      x.actions.find((y) => y.id === a)!.responsible = { role: "provider" };
      x.actions[1].responsible = { role: undefined as never };
    });
    const rules = at(checkPlan(d, TODAY));
    expect(rules).toContain(`action-responsible@${d.actions[0].id}`);
    expect(rules).toContain(`action-responsible@${d.actions[1].id}`);
  });

  it("still finds target dates after the annual review and before the plan", () => {
    const d = inLanguage(w, (x, _g, a) => {
      x.actions.find((y) => y.id === a)!.targetDate = { kind: "date", date: "2028-02-01" };
      x.actions[1].targetDate = { kind: "date", date: "2025-01-01" };
    });
    const findings = checkPlan(d, TODAY);
    expect(at(findings)).toContain(`target-after-review@${d.actions[0].id}`);
    expect(at(findings)).toContain(`target-past@${d.actions[1].id}`);
  });

  it("finds a goal reaching past a brief service from its actions' dates, since its words cannot be read", () => {
    const d = inLanguage(w, (x, _g, a) => {
      x.setup.serviceLength = "brief";
      x.actions.find((y) => y.id === a)!.targetDate = { kind: "date", date: "2027-06-30" };
    });
    const [f] = checkPlan(d, TODAY).filter((x) => x.rule === "goal-service-length");
    expect(f?.where).toEqual({ section: "goals", itemId: d.goals[0].id });
    expect(english(f.message)).toContain("This goal's actions run until 30 June 2027, further than a brief service usually reaches.");
  });

  it("does not find it when the dates fit the service", () => {
    const d = inLanguage(w, (x) => (x.setup.serviceLength = "brief"));
    expect(checkPlan(d, TODAY).filter((x) => x.rule === "goal-service-length")).toEqual([]);
  });
});

describe("what the staff member reads", () => {
  const d = inLanguage(LANGUAGES.Spanish);
  const [goal, commitment] = checkPlan(d, TODAY);

  it("says it in the staff member's language, whatever the client's", () => {
    const say = (tag: string) => findingWords(translator(tag, "UTC"), goal.message);
    expect(say("en")).toBe("Coplan could not check the wording of this goal: it checks English words only. Read it yourself: does it name one thing that will be different, and by when? Is it within your role, and within the length of the service? The client's own words stay as they are.");
    expect(say("es")).toMatch(/^Coplan no pudo revisar la redacción de este objetivo: solo revisa palabras en inglés\./);
    expect(say("ar")).toMatch(/^لم يتمكن Coplan من مراجعة صياغة هذا الهدف: فهو يراجع الكلمات الإنجليزية فقط\./);
    expect(say("zh-Hans")).toMatch(/^Coplan 无法检查这个目标的措辞：它只检查英文词语。/);
    expect(findingWords(translator("es", "UTC"), commitment.message)).toMatch(/^Coplan no pudo revisar la redacción de este compromiso/);
  });

  it("names the item with the client's words exactly as written", () => {
    expect(findingWords(translator("ar", "UTC"), goal.about!.label)).toBe(`الهدف 1 «${LANGUAGES.Spanish.goal}»`);
    expect(findingWords(translator("zh-Hans", "UTC"), goal.about!.label)).toBe(`目标 1“${LANGUAGES.Spanish.goal}”`);
  });
});

describe("the plan's client language, when the words cannot tell", () => {
  const oneWord = (tag: string | undefined) =>
    plan((d) => {
      d.setup.clientLanguage = tag;
      d.goals[0].clientWords = "Vivienda";
      d.goals[0].restatement = undefined;
    });

  it("counts a word that could be any language as the client's language", () => {
    expect(at(checkPlan(oneWord("es"), TODAY))).toContain(`goal-words-unchecked@${EXAMPLE.goals[0].id}`);
  });

  it("stays quiet about it in an English plan, as before", () => {
    expect(at(checkPlan(oneWord("en"), TODAY)).filter((r) => r.startsWith("goal-words-unchecked"))).toEqual([]);
    expect(at(checkPlan(oneWord(undefined), TODAY)).filter((r) => r.startsWith("goal-words-unchecked"))).toEqual([]);
  });

  it("never says English words were unchecked, whatever the client's language", () => {
    const d = plan((x) => (x.setup.clientLanguage = "es"));
    expect(checkPlan(d, TODAY)).toEqual([]);
  });
});

describe("every finding reads whole in every language", () => {
  /** Plans that between them raise every rule (the brief and long-range cases included). */
  const plans: PlanData[] = [
    plan((d) => classicMistakes(d, { barrierWords: "There's an eviction hearing next Tuesday", applyBy: "2026-11-10" })),
    plan((d) => d.actions.forEach((a) => (a.responsible = { role: "case-manager", name: "Jo" }))),
    plan((d) => (d.strengths = [])),
    plan((d) => (d.actions[0].commitment = "I will adjust Dana's medication dose by 2026-12-08.")),
    plan((d) => {
      d.setup.serviceLength = "brief";
      d.goals[0].restatement = "Keep my flat for the next two years";
    }),
    inLanguage(LANGUAGES.Arabic, (x, _g, a) => {
      x.setup.serviceLength = "brief";
      x.barriers[0].clientWords = LANGUAGES.Arabic.barrier;
      x.actions.find((y) => y.id === a)!.targetDate = { kind: "date", date: "2027-06-30" };
    }),
  ];
  const findings = plans.flatMap((d) => checkPlan(d, TODAY));

  it("the plans raise every rule", () => {
    expect(new Set(findings.map((f) => f.rule)).size).toBe(Object.keys(RULES).length);
  });

  it.each(["en", "es", "ar", "zh-Hans"])("in %s: no placeholder, mark or code is left, and every date is in words", (tag) => {
    const i18n = translator(tag, "UTC");
    for (const f of findings) {
      for (const m of [f.message, f.about!.label, f.about!.name]) {
        const said = findingWords(i18n, m);
        expect(said, `${f.rule} ${m.key}`).not.toMatch(/[{}\u0001\u001f]|msg:|\b\d{4}-\d{2}-\d{2}\b(?![^“«]*[”»])/u);
        expect(said.trim(), `${f.rule} ${m.key}`).not.toBe("");
      }
    }
  });
});
