/** Issue 23: the pure parts of the companion link: what an answer becomes, when a link works, the budget. */
import { describe, expect, it } from "vitest";
import { emptyPlan, GoalSchema, BarrierSchema, StrengthSchema, ActionSchema } from "../../src/domain/plan.ts";
import { phoneAnswers, phoneItem } from "../../src/companion/answer.ts";
import { checkCompanion, clockIn, endLinks, liveUntil, newCompanionLink, planIdOf } from "../../src/companion/links.ts";
import { Budget } from "../../src/companion/rate.ts";
import { SETUP } from "../fixtures.ts";

const data = () => {
  const d = emptyPlan(SETUP);
  d.goals.push({ id: "g1", issue: "Housing at risk", clientWords: "Keep my flat" }, { id: "g2", issue: "Depression", clientWords: "Sleep" });
  d.barriers.push({ id: "b1", goalId: "g1", clientWords: "Rent went up", category: "housing" });
  return d;
};

describe("an answer from the phone", () => {
  it("becomes a valid item of the step's kind, the words verbatim, marked as from the phone, for the question asked", () => {
    const words = "  Mes mots à moi ";
    const goal = phoneItem("goals", data(), words)!;
    expect(goal.kind).toBe("goals");
    expect(GoalSchema.parse({ ...goal.input, id: "g3" })).toEqual({ id: "g3", issue: "Income", clientWords: words, fromPhone: true });
    const barrier = phoneItem("barriers", data(), words)!;
    expect(BarrierSchema.parse({ ...barrier.input, id: "b2" })).toMatchObject({ goalId: "g2", clientWords: words, fromPhone: true });
    const strength = phoneItem("strengths", data(), words)!;
    expect(StrengthSchema.parse({ ...strength.input, id: "s1" })).toMatchObject({ clientWords: words, fromPhone: true });
    const action = phoneItem("actions", data(), words)!;
    expect(ActionSchema.parse({ ...action.input, id: "a1", status: "not-started" })).toMatchObject({ goalId: "g1", description: words, responsible: { role: "client" }, fromPhone: true });
  });

  it("is not taken where the shared screen answers (set-up, wording, review, signing) or with no goal yet", () => {
    for (const step of ["setup", "contract", "review", "signing", "signed"] as const) expect(phoneItem(step, data(), "x"), step).toBeNull();
    expect(phoneAnswers("barriers", emptyPlan(SETUP))).toBe(false);
  });

  it("cannot be marked from the phone by a form: only the literal true is the mark", () => {
    expect(GoalSchema.safeParse({ id: "g1", issue: "x", clientWords: "y", fromPhone: "true" }).success).toBe(false);
  });
});

describe("a companion link", () => {
  const now = new Date("2026-11-24T10:00:00Z");
  it("names its plan, is 48 characters, and works until ended, signed or two hours old", () => {
    const { token, link } = newCompanionLink("abcdefghijklmnop", "u1", now);
    expect(token).toMatch(/^abcdefghijklmnop[A-Za-z0-9_-]{32}$/);
    expect(planIdOf(token)).toBe("abcdefghijklmnop");
    expect(checkCompanion([link], token, false, now).ok).toBe(true);
    expect(checkCompanion([link], token, true, now)).toEqual({ ok: false, why: "ended" });
    expect(checkCompanion([link], token, false, new Date(now.getTime() + 2 * 3_600_000))).toEqual({ ok: false, why: "ended" });
    expect(checkCompanion(endLinks([link], now.toISOString()), token, false, now)).toEqual({ ok: false, why: "ended" });
    expect(checkCompanion([link], token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), false, now)).toEqual({ ok: false, why: "unknown" });
    expect(checkCompanion([link], "short", false, now)).toEqual({ ok: false, why: "unknown" });
  });

  it("says until when it works on the agency's clock", () => {
    const { link } = newCompanionLink("abcdefghijklmnop", "u1", now);
    expect(clockIn(link.expiresAt, "Pacific/Kiritimati")).toBe("02:00"); // 12:00 UTC is 02:00 the next day there
    expect(liveUntil([link], false, now, "UTC")).toBe("12:00");
    expect(liveUntil([link], true, now, "UTC")).toBeUndefined();
  });

  it("ends at sign-out only the links of the one signing out", () => {
    const mine = newCompanionLink("abcdefghijklmnop", "u1", now).link;
    const theirs = newCompanionLink("abcdefghijklmnop", "u2", now).link;
    const after = endLinks([mine, theirs], now.toISOString(), "u1");
    expect(after[0].endedAt).toBe(now.toISOString());
    expect(after[1].endedAt).toBeUndefined();
  });
});

describe("the budget", () => {
  it("lets a key through its per-minute budget, refuses past it, and starts afresh after a minute", () => {
    const b = new Budget(2);
    expect([b.take("k", 0), b.take("k", 1), b.take("k", 2)]).toEqual([true, true, false]);
    expect(b.retryAfter("k", 2)).toBe(60);
    expect(b.take("other", 2)).toBe(true);
    expect(b.take("k", 60_000)).toBe(true);
  });

  it("keeps at most its bound of keys", () => {
    const b = new Budget(1, 3);
    for (const k of ["a", "b", "c", "d"]) b.take(k, 0);
    expect(b.take("a", 0)).toBe(true); // "a" was dropped as the least recently used: it starts afresh
    expect(b.take("d", 0)).toBe(false);
  });
});
