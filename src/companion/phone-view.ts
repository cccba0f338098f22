/**
 * What the client's phone shows, in words addressed to them: the question now asked, and the plan
 * so far in their own words (who does each action and by when). Pure: the template only lays it out.
 */
import { describeTarget } from "../../machines/commitment.ts";
import { RESPONSIBLE_ROLE_LABELS } from "../domain/labels.ts";
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

function question(view: PlanView): string {
  const q = nextQuestion(view.step, view.data);
  switch (view.step) {
    case "setup":
      return "Your case manager is setting up the plan. The first question will show here.";
    case "goals":
      return q.issue ? `About “${q.issue}”: what would you like to be different?` : "Is there anything else you would like to work on?";
    case "barriers":
      return q.goal ? `What has kept you from reaching “${q.goal.clientWords}”?` : "Is there anything else that makes your goals hard to reach?";
    case "strengths":
      return "What are you good at, or what has helped you before?";
    case "actions":
      return q.goal ? `What could be done for “${q.goal.clientWords}”, by whom, and by when?` : "Is there another step you would like to add?";
    case "signing":
      return "Please sign on the shared screen.";
    default:
      return "Read the plan below with your case manager, on the shared screen.";
  }
}

export function phoneView(view: PlanView): PhoneView {
  const d = view.data;
  const goalWords = (id: string) => d.goals.find((g) => g.id === id)?.clientWords ?? "";
  return {
    client: displayName(d),
    rev: view.rev,
    question: question(view),
    canAnswer: phoneAnswers(view.step, d),
    goals: d.goals.map((g) => ({ issue: g.issue, words: g.clientWords })),
    barriers: d.barriers.map((b) => ({ words: b.clientWords, goal: goalWords(b.goalId) })),
    strengths: d.strengths.map((s) => s.clientWords),
    actions: d.actions.map((a) => ({
      words: a.description,
      who: a.responsible.name ? `${RESPONSIBLE_ROLE_LABELS[a.responsible.role]}: ${a.responsible.name}` : a.responsible.role === "client" ? "You" : RESPONSIBLE_ROLE_LABELS[a.responsible.role],
      when: describeTarget(a.targetDate, d),
      goal: goalWords(a.goalId),
    })),
  };
}
