/**
 * Real typing must not defeat the rules: a slip of the keys in a promise, a clinical aim or a
 * vague goal is read as the word meant, and real words near the checks' vocabulary stay as typed.
 */
import { describe, expect, it } from "vitest";
import { found, plan } from "./practice-example.ts";
import "../../src/practice/index.ts"; // builds the checks' vocabulary
import { correct } from "../../src/practice/words.ts";

const committed = (text: string) => plan((d) => (d.actions[0].commitment = text));
const restated = (text: string) => plan((d) => (d.goals[0].restatement = text));

describe("misspellings are read as the word meant", () => {
  it.each([
    ["fnd", "find"],
    ["hlp", "help"],
    ["councellor", "counsellor"],
    ["councelor", "counselor"],
    ["gaurantee", "guarantee"],
    ["gurantee", "guarantee"],
    ["atacks", "attacks"],
    ["stabel", "stable"],
    ["evrything", "everything"],
    ["medicaton", "medication"],
    ["diagnoze", "diagnose"],
    ["finde", "find"],
    ["interpeter", "interpreter"],
    ["evcition", "eviction"],
  ])("%s -> %s", (typed, meant) => {
    expect(correct(typed)).toBe(meant);
  });

  it.each(["count", "career", "mediation", "horse", "lesson", "heating", "manager", "fined", "selling", "peace", "counsel"])(
    "leaves the real word %j as it is",
    (word) => {
      expect(correct(word)).toBe(word);
    },
  );
});

describe("the rules survive misspelt wording", () => {
  it.each(["I will fnd you a counsellor", "I wil find you a councellor", "I gaurantee you a flat", "i will definatly secure you a place", "I will finde you a doctor"])(
    "over-promise: %j",
    (text) => {
      const [f] = found(committed(text), "contract-over-promise");
      expect(f?.rewrite).toMatch(/^I will research options for .+ and make referrals if any are available\.$/);
    },
  );

  it.each(["reduce my anxeity simptoms", "stop the panic atacks", "cure my depresion", "treat his insomina"])("scope: %j", (text) => {
    expect(found(restated(text), "goal-scope")).toHaveLength(1);
  });

  it.each(["sort evrything out", "be more stabel", "get my life bck on track", "deal with things somhow"])("vagueness: %j", (text) => {
    expect(found(restated(text), "goal-vague")).toHaveLength(1);
  });
});
