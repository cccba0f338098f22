/**
 * Training: the made-up client's likely answers at the step at hand, each offered once. An answer
 * already on the plan is no longer offered, and the server refuses it if sent again (a double
 * click, an old tab), so one click never adds thirty copies. Pure.
 */
import type { ItemKind } from "../../machines/rules.ts";
import type { Stage } from "../../machines/steps.ts";
import type { PlanData } from "../domain/plan.ts";
import { type Msg, msg } from "../i18n/translator.ts";
import { addDays } from "../plans/caseload.ts";
import { type Scenario, scenario } from "./scenarios.ts";

export interface Suggestion {
  /** Stable within the scenario: "goals-0", "barriers-1". */
  id: string;
  kind: ItemKind;
  /** What its button says. The made-up client's words are client words: they stay as written, in English. */
  label: Msg;
  /** The answer's own words, for saying which one was used. */
  words: string;
  /** The answer as the composer's form would post it. */
  fields: Record<string, string>;
  used: boolean;
}

/** Compared as a person would: case, spacing and a closing full stop do not make an answer new. */
export function sameWords(a: string | undefined, b: string | undefined): boolean {
  const norm = (s: string | undefined) => (s ?? "").toLowerCase().replace(/\s+/g, " ").trim().replace(/[.!]+$/, "");
  return norm(a) === norm(b);
}

export function suggestions(s: Scenario, view: { step: Stage; data: PlanData }, practiceDate: string): Suggestion[] {
  const { data } = view;
  const a = s.answers;
  const out: Suggestion[] = [];
  if (view.step === "goals") {
    a.goals.forEach((g, i) =>
      out.push({ id: `goals-${i}`, kind: "goals", label: msg("training.answer.goal", { words: g.clientWords, issue: g.issue }), words: g.clientWords, fields: { issue: g.issue, clientWords: g.clientWords }, used: data.goals.some((x) => sameWords(x.clientWords, g.clientWords)) }),
    );
    a.declined.forEach((d, i) =>
      out.push({ id: `declined-${i}`, kind: "declined", label: msg("training.answer.declined", { issue: d.issue, reason: d.reason ?? "" }), words: d.issue, fields: { issue: d.issue, reason: d.reason ?? "" }, used: data.declined.some((x) => x.issue === d.issue) }),
    );
  }
  if (view.step === "barriers") {
    a.barriers.forEach((b, i) => {
      const goal = data.goals[b.goal];
      if (!goal) return;
      const used = data.barriers.some((x) => x.goalId === goal.id && sameWords(x.clientWords, b.clientWords));
      out.push({ id: `barriers-${i}`, kind: "barriers", label: msg("training.answer.quoted", { words: b.clientWords }), words: b.clientWords, fields: { goalId: goal.id, clientWords: b.clientWords, category: b.category }, used });
    });
  }
  if (view.step === "strengths") {
    a.strengths.forEach((x, i) =>
      out.push({ id: `strengths-${i}`, kind: "strengths", label: msg("training.answer.quoted", { words: x.clientWords }), words: x.clientWords, fields: { clientWords: x.clientWords, role: x.role }, used: data.strengths.some((y) => sameWords(y.clientWords, x.clientWords)) }),
    );
  }
  if (view.step === "actions") {
    a.actions.forEach((x, i) => {
      const goal = data.goals[x.goal];
      if (!goal) return;
      const used = data.actions.some((y) => y.goalId === goal.id && sameWords(y.description, x.description));
      const fields = {
        goalId: goal.id,
        kind: "service",
        description: x.description,
        responsibleRole: x.responsible,
        responsibleName: "",
        targetKind: x.mistake?.includes("ongoing") ? "ongoing" : "date",
        targetDate: practiceDate,
      };
      const label = x.mistake ? msg("training.answer.actionMistake", { words: x.description, mistake: x.mistake }) : msg("training.answer.action", { words: x.description });
      out.push({ id: `actions-${i}`, kind: "actions", label, words: x.description, fields, used });
    });
  }
  return out;
}

/** What the conversation's templates need on a practice plan: its scenario and the answers still offered. */
export function practiceData(view: { step: Stage; data: PlanData; practice?: { scenarioId: string } }, today: string) {
  const s = view.practice ? scenario(view.practice.scenarioId) : undefined;
  // Practice target dates fall two weeks ahead, so a suggested action never starts out overdue.
  // Worked out only for a practice plan: every answer on a real plan asks for this data too.
  return { scenario: s, suggestions: s ? suggestions(s, view, addDays(today, 14)) : [] };
}
