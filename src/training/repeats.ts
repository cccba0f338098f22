/**
 * Answers given more than once on one plan: the same goal, barrier, strength or action word for
 * word (case, spacing and a closing full stop aside). The scorecard counts them. Pure.
 */
import type { PlanData } from "../domain/plan.ts";
import { sameWords } from "./suggestions.ts";

export interface Repeat {
  kind: "goal" | "barrier" | "strength" | "action";
  /** The words repeated, as first typed. */
  words: string;
  copies: number;
}

export function repeatedAnswers(data: PlanData): Repeat[] {
  return [
    ...groups("goal", data.goals, (g) => [g.issue, g.clientWords], (g) => g.clientWords),
    ...groups("barrier", data.barriers, (b) => [b.goalId, b.clientWords], (b) => b.clientWords),
    ...groups("strength", data.strengths, (s) => [s.clientWords], (s) => s.clientWords),
    ...groups("action", data.actions, (a) => [a.goalId, a.description], (a) => a.description),
  ];
}

function groups<T>(kind: Repeat["kind"], items: T[], parts: (item: T) => string[], words: (item: T) => string): Repeat[] {
  const found: Repeat[] = [];
  const firsts: T[] = [];
  for (const item of items) {
    const i = firsts.findIndex((f) => parts(f).every((p, k) => sameWords(p, parts(item)[k])));
    if (i < 0) {
      firsts.push(item);
      found.push({ kind, words: words(item), copies: 1 });
    } else found[i].copies++;
  }
  return found.filter((r) => r.copies > 1);
}
