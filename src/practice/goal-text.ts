/**
 * Which words a goal's checks read: the worker's restatement when there is one, else the client's
 * own. Apart from goals.ts because reach.ts and scope.ts, which goals.ts calls, read it too.
 */
import type { Goal } from "../domain/plan.ts";
import { msgText } from "../i18n/translator.ts";

export interface GoalText {
  text: string;
  /** Whose words these are: the client's verbatim words, or the worker's restatement. */
  source: "client" | "restatement";
}

export function goalText(goal: Goal): GoalText {
  const restated = goal.restatement?.trim();
  return restated ? { text: goal.restatement!, source: "restatement" } : { text: goal.clientWords, source: "client" };
}

/**
 * The closing sentence that tells the worker where to make the change: a message value, shown in
 * the reader's language (src/plans/finding-words.ts).
 */
export function whereToWrite(source: GoalText["source"]): string {
  return msgText(source === "client" ? "coaching.whereToWrite.client" : "coaching.whereToWrite.restatement");
}
