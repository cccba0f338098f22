import { describe, expect, it } from "vitest";
import { EXAMPLE, TODAY, plan } from "./practice-example.ts";
import { scorecard } from "../../src/training/scorecard.ts";

describe("the scorecard and words Coplan could not check", () => {
  const spanish = plan((d) => {
    d.goals[0].clientWords = "Quiero conservar mi casa y pagar el alquiler";
    d.goals[0].restatement = undefined;
  });

  it("lists the unchecked goal but takes nothing off for it: the words are no fault of the plan's", () => {
    expect(scorecard(EXAMPLE, TODAY).score).toBe(100);
    const card = scorecard(spanish, TODAY);
    expect(card.findings.map((f) => f.rule)).toEqual(["goal-words-unchecked"]);
    expect(card.score).toBe(100);
  });

  it("does not count 'could not check' among what the plan does well", () => {
    expect(scorecard(EXAMPLE, TODAY).passed.map((p) => p.rule)).not.toContain("goal-words-unchecked");
    expect(scorecard(EXAMPLE, TODAY).passed.map((p) => p.rule)).toContain("goal-vague");
  });
});
