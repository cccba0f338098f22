import { describe, expect, it } from "vitest";
import { found, plan } from "./practice-example.ts";
import type { Action } from "../../src/domain/plan.ts";

/** The case manager's commitment on action a9, in these words. */
const committed = (text: string, change: Partial<Action> = {}) => plan((d) => Object.assign(d.actions[0], { commitment: text }, change));
/** Action a9 before the contract step: no commitment yet, so its description is read. */
const described = (description: string, change: Partial<Action> = {}) =>
  plan((d) => Object.assign(d.actions[0], { description, commitment: undefined }, change));

describe("contract-over-promise: promising an outcome others decide", () => {
  it.each([
    ["I will find affordable CBT.", "I will research options for affordable CBT and make referrals if any are available."],
    ["I will find you a doctor.", "I will research options for a doctor and make referrals if any are available."],
    ["I'll find you a flat by 2027-01-15.", "I will research options for a flat by 2027-01-15 and make referrals if any are available."],
    ["I’ll get you a council flat", "I will research options for a council flat and make referrals if any are available."],
    [
      "Jo Smith (case manager) will secure a place at the shelter by 2026-12-15.",
      "Jo Smith (case manager) will research options for a place at the shelter by 2026-12-15 and make referrals if any are available.",
    ],
    ["I will garantee you a job", "I will research options for a job and make referrals if any are available."],
    ["I will definately get you housing", "I will research options for housing and make referrals if any are available."],
    ["I will make sure you get a flat before Christmas.", "I will research options for a flat before Christmas and make referrals if any are available."],
    ["Jo will ensure housing is found by March.", "Jo will research options for housing by March and make referrals if any are available."],
    ["I am going to find you a job", "I will research options for a job and make referrals if any are available."],
    ["I promise to secure funding for the course", "I will research options for funding for the course and make referrals if any are available."],
    ["I will be able to find you a GP", "I will research options for a GP and make referrals if any are available."],
    ["You will get a council flat", "I will research options for a council flat and make referrals if any are available."],
    ["I guarantee you a place on the course", "I will research options for a place on the course and make referrals if any are available."],
    ["I can't say when, but I will find you a place", "I can't say when, but I will research options for a place and make referrals if any are available."],
    ["WE SHALL OBTAIN A GRANT", "We will research options for A GRANT and make referrals if any are available."],
    ["Your place on the course is gauranteed.", undefined],
    ["Guaranteed place at the shelter", undefined],
  ])("flags %j", (text, rewrite) => {
    const [f] = found(committed(text), "contract-over-promise");
    expect(f).toMatchObject({ rule: "contract-over-promise", severity: "warning", where: { section: "contract", itemId: "a9" } });
    expect(f.rewrite).toBe(rewrite);
  });

  it.each([
    "I won't promise to find a flat, but I will research options.",
    "I will not guarantee a place",
    "We cannot guarantee a place on the course",
    "I can’t garantee a flat",
    "There is no guarantee of a place",
    "It isn't guaranteed",
    "I will try to find a flat",
    "I will help you find a flat",
    "I will research options for CBT and make referrals if any are available.",
    "I will find out what benefits you can claim",
    "I will get back to you by Friday",
    "I will get in touch with the landlord",
    "I will make sure to call you every week",
    "I will make sure that I call you weekly",
    "I found you a flat last week",
    "Ich will eine Wohnung finden",
    "Je vais vous trouver un appartement",
    "سأجد لك شقة",
    "我保证给你找到房子",
  ])("does not flag %j", (text) => {
    expect(found(committed(text), "contract-over-promise")).toEqual([]);
  });

  it("reads the description at the actions step, before there is a commitment", () => {
    const [f] = found(described("Find a flat for Dana"), "contract-over-promise");
    expect(f.where).toEqual({ section: "actions", itemId: "a9" });
    expect(f.rewrite).toBe("Research options for a flat for Dana and make referrals if any are available.");
  });

  it("does not report the same promise twice once the commitment is drafted", () => {
    const d = plan((x) => Object.assign(x.actions[0], { description: "Find a flat", commitment: "I will find a flat by 2026-12-08." }));
    expect(found(d, "contract-over-promise").map((f) => f.where.section)).toEqual(["contract"]);
  });

  it("leaves the client's own commitments alone: their effort is the point of the contract", () => {
    expect(found(committed("I will make sure I get to every appointment", { responsible: { role: "client" } }), "contract-over-promise")).toEqual([]);
    expect(found(committed("I will get a job", { responsible: { role: "client" } }), "contract-over-promise")).toEqual([]);
  });

  it("flags a named provider's promise too", () => {
    const d = committed("The housing team will secure a flat", { responsible: { role: "provider", name: "Housing team" } });
    expect(found(d, "contract-over-promise")).toHaveLength(1);
  });
});

describe("contract-open-ended: no point at which the work is done", () => {
  it.each([
    "I will help with housing.",
    "Jo will support Dana as needed.",
    "Ongoing support",
    "I will help you with your benefits on an ongoing basis, reviewed at the annual review.",
    "I will check in with Dana whenever needed.",
    "Jo Smith (case manager) will provide emotional support.",
    "I will assist with paperwork",
    "I will help with housing every week",
    "I will continue to support Dana",
    "Support you as and when",
    "I’ll work on it with you as required",
  ])("flags %j", (text) => {
    const [f] = found(committed(text), "contract-open-ended");
    expect(f).toMatchObject({ rule: "contract-open-ended", severity: "suggestion", where: { section: "contract", itemId: "a9" } });
  });

  it.each([
    "I will help with the housing application by 2026-12-15.",
    "Support as needed until Dana moves into the new flat.",
    "I will help you with the benefits form in two sessions",
    "I will help you with the form once the letter arrives",
    "I will refer Dana to the food bank by Friday.",
    "I will call the landlord and report back to Dana",
    "I will help with the move within two weeks",
    "Ayudaré con la vivienda",
    "我会帮助你找房子",
    "سأساعدك في السكن",
  ])("does not flag %j", (text) => {
    expect(found(committed(text), "contract-open-ended")).toEqual([]);
  });

  it("reads a description with its target date: a dated step has an end", () => {
    expect(found(described("Help with housing"), "contract-open-ended")).toEqual([]);
    const [f] = found(described("Help with housing", { targetDate: { kind: "ongoing" } }), "contract-open-ended");
    expect(f.where).toEqual({ section: "actions", itemId: "a9" });
  });

  it("lets ongoing support for keeping up skills run on", () => {
    const d = committed("I will support Dana to keep up the budgeting routine on an ongoing basis.", { targetDate: { kind: "ongoing" } });
    expect(found(d, "contract-open-ended")).toEqual([]);
  });
});
