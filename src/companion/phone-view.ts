/**
 * What the client's phone shows, in words addressed to them: the question now asked, and the plan
 * so far in their own words (who does each action and by when). Pure: the template only lays it
 * out. Fixed words come from the catalogs in the language the phone speaks (the client's: see
 * http/language.ts, useClientLanguage); the client's own words pass through untouched.
 */
import type { TargetDate } from "../domain/plan.ts";
import type { Translator } from "../i18n/translator.ts";
import type { PlanView } from "../plans/conversation.ts";
import { nextQuestion } from "../plans/next-question.ts";
import { displayName } from "../plans/transcript.ts";
import { phoneAnswers } from "./answer.ts";

export interface PhoneView {
  client: string;
  rev: number;
  question: string;
  /** False where this step is answered on the shared screen (set-up, wording, review, signing). */
  canAnswer: boolean;
  goals: { issue: string; words: string }[];
  barriers: { words: string; goal: string }[];
  strengths: string[];
  actions: { words: string; who: string; when: string; goal: string }[];
}

function question(view: PlanView, tr: Translator): string {
  const q = nextQuestion(view.step, view.data);
  switch (view.step) {
    case "setup":
      return tr.t("phone.question.setup");
    case "goals":
      return q.issue ? tr.t("phone.question.goal", { issue: q.issue }) : tr.t("phone.question.anotherGoal");
    case "barriers":
      return q.goal ? tr.t("phone.question.barrier", { goal: q.goal.clientWords }) : tr.t("phone.question.anotherBarrier");
    case "strengths":
      return tr.t("phone.question.strengths");
    case "actions":
      return q.goal ? tr.t("phone.question.action", { goal: q.goal.clientWords }) : tr.t("phone.question.anotherAction");
    case "signing":
      return tr.t("phone.question.signing");
    default:
      return tr.t("phone.question.readTogether");
  }
}

function when(target: TargetDate, yearlyReview: string, tr: Translator): string {
  switch (target.kind) {
    case "date":
      return tr.t("phone.when.date", { date: tr.day(target.date) });
    case "annual-review":
      return tr.t("phone.when.yearlyReview", { date: tr.day(yearlyReview) });
    case "ongoing":
      return tr.t("phone.when.ongoing");
  }
}

export function phoneView(view: PlanView, tr: Translator): PhoneView {
  const d = view.data;
  const goalWords = (id: string) => d.goals.find((g) => g.id === id)?.clientWords ?? "";
  return {
    client: displayName(d),
    rev: view.rev,
    question: question(view, tr),
    canAnswer: phoneAnswers(view.step, d),
    goals: d.goals.map((g) => ({ issue: g.issue, words: g.clientWords })),
    barriers: d.barriers.map((b) => ({ words: b.clientWords, goal: goalWords(b.goalId) })),
    strengths: d.strengths.map((s) => s.clientWords),
    actions: d.actions.map((a) => {
      const role = tr.t(`phone.role.${a.responsible.role}`);
      return {
        words: a.description,
        who: a.responsible.name ? tr.t("phone.roleNamed", { role, name: a.responsible.name }) : role,
        when: when(a.targetDate, d.setup.annualReviewDate, tr),
        goal: goalWords(a.goalId),
      };
    }),
  };
}
