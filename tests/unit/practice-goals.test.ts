import { describe, expect, it } from "vitest";
import { EXAMPLE, found, plan, TODAY, english } from "./practice-example.ts";
import type { PlanData } from "../../src/domain/plan.ts";
import { checkPlan } from "../../src/practice/index.ts";

/** The first goal, reworded by the worker. */
const restated = (text: string) => plan((d) => (d.goals[0].restatement = text));
/** The first goal in the client's words only, with no restatement yet. */
const clientSaid = (text: string) =>
  plan((d) => {
    d.goals[0].clientWords = text;
    d.goals[0].restatement = undefined;
  });
/** The first goal with no dated action, so only its words can give a time frame. */
const undated = (text: string) =>
  plan((d) => {
    d.goals[0].restatement = text;
    for (const a of d.actions) if (a.goalId === "g1") a.targetDate = { kind: "ongoing" };
  });

describe("the example plan", () => {
  it("has no findings at all", () => {
    expect(checkPlan(EXAMPLE, TODAY)).toEqual([]);
  });
});

describe("goal-vague: a broad hope rather than a specific aim", () => {
  it.each([
    "I want to be better",
    "Feel better",
    "sort my life out",
    "Sorting my life out",
    "SORT MY LIFE OUT!!!",
    "I just want to get my life back on track",
    "Get back on my feet",
    "To be happy again",
    "feel a lot better about things",
    "Turn my life around",
    "I want things to get better",
    "Get my act together",
    "I wanna be ok",
    "Sort myself out.",
  ])("flags %j", (text) => {
    const [f] = found(restated(text), "goal-vague");
    expect(f).toMatchObject({ rule: "goal-vague", severity: "suggestion", where: { section: "goals", itemId: "g1" } });
    expect(english(f.message)).toMatch(/restatement/i);
  });

  it.each([
    "Keep my flat by clearing the arrears by April 2027",
    "Get a better job by the summer",
    "Find a better-paid job before March",
    "I don't want to feel better, I want my own place by March",
    "Sleep through the night at least 4 nights a week",
    "Move into a ground-floor flat by March",
    "Be on time for work every day",
    "Better my credit score by paying two bills a month",
    "Quiero estar mejor",
    "我想变得更好",
    "Хочу, чтобы стало лучше",
    "أريد أن أكون أفضل",
  ])("does not flag %j", (text) => {
    expect(found(restated(text), "goal-vague")).toEqual([]);
  });

  it("reads the client's words kindly when there is no restatement", () => {
    const [f] = found(clientSaid("I just want to sort my life out"), "goal-vague");
    expect(f.where).toEqual({ section: "goals", itemId: "g1" });
    expect(english(f.message)).toMatch(/client's own words/);
    expect(english(f.message)).toMatch(/stay exactly as spoken/);
  });

  it("reads the restatement, not the client's words, when both are there", () => {
    const d = plan((x) => {
      x.goals[0].clientWords = "I just want to sort my life out";
      x.goals[0].restatement = "Keep the tenancy by clearing the arrears by April 2027";
    });
    expect(found(d, "goal-vague")).toEqual([]);
  });
});

describe("goal-measurable: nothing says how you would know it was reached", () => {
  it.each([
    "Be able to concentrate, have more energy, enjoy things again",
    "Feel less lonely",
    "Have more confidence",
    "Be more independent",
    "Enjoy life more",
    "Have more energy in the mornings",
    "Feel calmer",
    "Be less stressed about money",
    "Get along with my neighbours",
    "Cope better with stress",
  ])("flags %j", (text) => {
    const [f] = found(restated(text), "goal-measurable");
    expect(f).toMatchObject({ rule: "goal-measurable", severity: "suggestion", where: { section: "goals", itemId: "g1" } });
  });

  it.each([
    "Attend three job interviews by March",
    "Keep my flat",
    "Pay the rent on time every month",
    "Save £20 a week",
    "Walk for 20 minutes a day",
    "See a GP about my sleep",
    "Open a bank account",
    "Enrol in an English class",
    "Move into my own flat",
    "Be debt-free",
    "Tener más energía",
    "想要更多精力",
  ])("does not flag %j", (text) => {
    expect(found(restated(text), "goal-measurable")).toEqual([]);
  });

  it("leaves a vague goal to goal-vague rather than saying it twice", () => {
    const rules = checkPlan(restated("Feel better"), TODAY).map((f) => f.rule);
    expect(rules).toContain("goal-vague");
    expect(rules).not.toContain("goal-measurable");
  });
});

describe("goal-time-frame: no time frame in the words or the actions' dates", () => {
  it.each([
    "Keep my flat",
    "Find a part-time job",
    "Pay off the rent arrears",
    "Move somewhere safer soon",
    "Get a GP someday",
    "Enrol in a college course eventually",
    "Claim the right benefits",
    "Open a bank account",
    "Live by myself",
    "Be paid by the council",
  ])("flags %j", (text) => {
    const [f] = found(undated(text), "goal-time-frame");
    expect(f).toMatchObject({ rule: "goal-time-frame", severity: "suggestion", where: { section: "goals", itemId: "g1" } });
  });

  it.each([
    "Keep my flat until the end of my lease",
    "Find a job by March",
    "Pay off the arrears within six weeks",
    "Move by 2027-03-31",
    "Enrol at college in September",
    "See a GP next week",
    "Open a bank account before Christmas",
    "Claim benefits by the end of the month",
    "Save £50 a month for 6 months",
    "Get a job by the summer",
    "Walk every day",
    "Conservar mi piso",
  ])("does not flag %j", (text) => {
    expect(found(undated(text), "goal-time-frame")).toEqual([]);
  });

  it("takes a time frame from the goal's dated actions", () => {
    expect(found(restated("Keep my flat"), "goal-time-frame")).toEqual([]);
  });
});

describe("goal-scope: treatment aims are outside a case manager's role", () => {
  it.each([
    ["Reduce anxiety symptoms", "anxiety"],
    ["Manage my depression", "depression"],
    ["reducing my panic attacks", "panic attacks"],
    ["Stop hearing voices", "hearing voices"],
    ["Be less anxious", "anxiety"],
    ["Get rid of my PTSD flashbacks", "PTSD"],
    ["Treat my insomnia", "insomnia"],
    ["Overcome my addiction", "addiction"],
    ["Lower my blood pressure", "high blood pressure"],
    ["Fewer panic attacks", "panic attacks"],
    ["cure my depresion", "depression"],
    ["Improve my mood", "low mood"],
    ["control my drinking", "alcohol use"],
    ["Reduce my symptoms", "the symptoms"],
  ])("flags %j and suggests finding treatment for %s", (text, condition) => {
    const [f] = found(restated(text), "goal-scope");
    expect(f).toMatchObject({ rule: "goal-scope", severity: "warning", where: { section: "goals", itemId: "g1" } });
    expect(f.rewrite).toBe(`Find free or low-cost treatment options for ${condition}.`);
  });

  it.each([
    "Find free or low-cost treatment options for anxiety",
    "See a doctor about my depression",
    "Reduce my rent arrears",
    "Manage my money better",
    "Get to my anxiety group every week",
    "Apply for disability benefits because of my depression",
    "Manage my diabetes appointments",
    "I don't want to stop my medication",
    "Control my spending",
    "Find a therapist for my PTSD",
    "Reducir la ansiedad",
    "减少焦虑症状",
  ])("does not flag %j", (text) => {
    expect(found(restated(text), "goal-scope")).toEqual([]);
  });

  it("flags the client's own words too, and keeps them", () => {
    const d = clientSaid("I want to reduce my anxiety symptoms");
    const [f] = found(d, "goal-scope");
    expect(f.rewrite).toBe("Find free or low-cost treatment options for anxiety.");
    expect(d.goals[0].clientWords).toBe("I want to reduce my anxiety symptoms");
  });
});

describe("goal-service-length: too far-reaching for the service", () => {
  const inService = (length: PlanData["setup"]["serviceLength"], text: string) =>
    plan((d) => {
      d.setup.serviceLength = length;
      d.goals[0].restatement = text;
    });

  it.each([
    ["Earn a three-year diploma", "Connect with local education services and make a step-by-step plan towards the diploma."],
    ["Get a degree in nursing", "Connect with local education services and make a step-by-step plan towards the degree."],
    ["Go to university", "Connect with local education services and make a step-by-step plan towards university or college."],
    ["Finish an apprenticeship", "Connect with local education services and make a step-by-step plan towards an apprenticeship."],
    ["Become a nurse", "Connect with local employment and training services and make a step-by-step plan towards a career as a nurse."],
    ["Buy a house of my own", "Meet a housing or money adviser and make a savings plan towards buying a home."],
    ["Start my own business", "Connect with local small-business support and make a step-by-step plan towards starting the business."],
    ["Save for a deposit over two years", undefined],
    ["Be debt-free by 2029", undefined],
    ["Keep my flat for the next 18 months", undefined],
  ])("flags %j in a brief service", (text, rewrite) => {
    const [f] = found(inService("brief", text), "goal-service-length");
    expect(f).toMatchObject({ rule: "goal-service-length", severity: "warning", where: { section: "goals", itemId: "g1" } });
    expect(f.rewrite).toBe(rewrite);
  });

  it("flags a three-year diploma in a short-term service too", () => {
    expect(found(inService("short-term", "Earn a three-year diploma"), "goal-service-length")).toHaveLength(1);
  });

  it.each([
    ["brief", "Find out about diploma courses at the local college"],
    ["brief", "Apply to college for next September"],
    ["brief", "Look into what a nursing degree involves"],
    ["brief", "Make a plan towards a degree"],
    ["brief", "Visit the university open day"],
    ["brief", "Keep my flat for the next six weeks"],
    ["brief", "Talk to the careers service about becoming a nurse"],
    ["brief", "Become a better listener"],
    ["long-term", "Earn a three-year diploma"],
    ["long-term", "Buy a house"],
    ["short-term", "Keep my flat for the next 9 months"],
    ["brief", "Obtener un título universitario en tres años"],
  ] as const)("does not flag, in a %s service, %j", (length, text) => {
    expect(found(inService(length, text), "goal-service-length")).toEqual([]);
  });
});

describe("priority-issue-unaddressed: every priority issue has a goal or a decline", () => {
  it("flags a priority issue with neither, naming it", () => {
    const d = plan((x) => x.setup.priorityIssues.push("Physical health"));
    const [f] = found(d, "priority-issue-unaddressed");
    expect(f).toMatchObject({ severity: "warning", where: { section: "goals" } });
    expect(english(f.message)).toContain("Physical health");
  });

  it("flags an issue whose only goal was removed", () => {
    const d = plan((x) => {
      x.goals = x.goals.filter((g) => g.issue !== "Income");
      x.barriers = x.barriers.filter((b) => b.goalId !== "g2");
      x.actions = x.actions.filter((a) => a.goalId !== "g2");
    });
    expect(found(d, "priority-issue-unaddressed").map((f) => english(f.message))).toEqual([expect.stringContaining("Income")]);
  });

  it.each([
    ["a goal for it", (x: PlanData) => x.goals.push({ id: "g50", issue: "Physical health", clientWords: "Get my knee seen to" })],
    ["a goal typed differently", (x: PlanData) => x.goals.push({ id: "g50", issue: "  physical HEALTH. ", clientWords: "Get my knee seen to" })],
    ["a recorded decline", (x: PlanData) => x.declined.push({ id: "d50", issue: "Physical health" })],
  ])("does not flag an issue with %s", (_name, add) => {
    const d = plan((x) => {
      x.setup.priorityIssues.push("Physical health");
      add(x);
    });
    expect(found(d, "priority-issue-unaddressed")).toEqual([]);
  });

  it("reports an issue listed twice only once", () => {
    const d = plan((x) => x.setup.priorityIssues.push("Physical health", "physical health"));
    expect(found(d, "priority-issue-unaddressed")).toHaveLength(1);
  });
});
