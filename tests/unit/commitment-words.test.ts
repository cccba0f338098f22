/** Issue 19, item 10: the commitment drafted from an action keeps the typed words, their own full stops included. */
import { describe, expect, it } from "vitest";
import { draftCommitment } from "../../machines/commitment.ts";
import { type Action, PlanDataSchema } from "../../src/domain/plan.ts";
import { ACTION, SETUP } from "../fixtures.ts";

const plan = PlanDataSchema.parse({ setup: SETUP, goals: [], declined: [], barriers: [], strengths: [], actions: [] });
const draft = (description: string, role: Action["responsible"]["role"] = "client") =>
  draftCommitment({ ...ACTION("g1"), id: "a1", status: "not-started", description, responsible: { role } } as Action, plan);

describe("a drafted commitment keeps the typed words", () => {
  it.each([
    ["Meet the housing officer at 9 a.m.", "I, the client, will meet the housing officer at 9 a.m. by 2026-12-15."],
    ["Bring payslips, bank letters etc.", "I, the client, will bring payslips, bank letters etc. by 2026-12-15."],
    ["Go to the clinic on Main St.", "I, the client, will go to the clinic on Main St. by 2026-12-15."],
    ["Call the U.S.", "I, the client, will call the U.S. by 2026-12-15."],
  ])("keeps the full stop that is part of “%s”", (typed, expected) => {
    expect(draft(typed)).toBe(expected);
  });

  it("lets only a sentence's own closing mark give way to the date that now ends it", () => {
    expect(draft("Phone the GP.")).toBe("I, the client, will phone the GP by 2026-12-15.");
    expect(draft("Phone the GP!")).toBe("I, the client, will phone the GP by 2026-12-15.");
  });
});
