/**
 * Contract wording: each commitment specific enough that it is clear when the work ends, and
 * never a promise of an outcome no one controls.
 *
 * The wording checks read English only. Text in other languages or scripts is not guessed at: a
 * check that cannot read the words says so (contract-words-unchecked, see text-language.ts).
 *
 * Until the contract step drafts a commitment, the action's description is read instead (the
 * draft is built from it), with the finding placed at the actions step; afterwards the
 * commitment is read and the finding moves to the contract step, so nothing is reported twice.
 */
import type { Action, Goal, PlanData } from "../domain/plan.ts";
import { msg } from "../i18n/translator.ts";
import { type Finding, finding } from "./findings.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { findAffirmed, phrases, wordSet } from "./phrases.ts";
import { findOverPromise } from "./promise.ts";
import { isMaintaining } from "./targets.ts";
import { cannotRead } from "./text-language.ts";
import { hasTimeFrame } from "./time.ts";
import { type Token, sliceOf } from "./words.ts";

/** Help with no end: "help with housing", "support as needed", "ongoing support". */
const OPEN_ENDED = phrases(
  "help with", "help you with", "help the client with", "help client with", "help them with", "help him with", "help her with",
  "support with", "support you with", "support the client with", "support client with", "support them with",
  "assist with", "assist you with", "assist the client with", "assist client with", "work on",
  "as needed", "as required", "as necessary", "as appropriate", "when needed", "if needed", "whenever needed",
  "when required", "if required", "if necessary", "as and when", "whenever",
  "ongoing support", "ongoing help", "ongoing assistance", "general support", "emotional support", "continue to support",
  "continue to help", "continue to assist", "continue support", "provide support", "offer support", "give support",
  "provide help", "offer help", "provide assistance", "be there for", "keep an eye on", "check in",
  "support you", "support the client", "support client", "support them",
  "check ins", "check in", "regular contact", "regular support", "regular check", "keep support", "keep help",
  "keep check", "whatever comes up", "whatever you need", "any help you need", "anything you need", "help out", "wherever i can", "whenever i can",
);
/** A number of something is an end too: "3 sessions", "two visits". */
const COUNTED = wordSet("time session visit appointment call meeting");
const COUNTS = wordSet("one two three four five six seven eight nine ten twelve");
/** "once the form is sent": the work ends when something has happened. */
const ONCE = phrases("once the", "once it", "once you", "once i", "once we", "once she", "once he", "once they", "once your", "once my");

function hasEndpoint(text: string, tokens: readonly Token[]): boolean {
  // "weekly" or "every month" says how often, not when it ends
  if (hasTimeFrame(text, tokens, { frequencies: false })) return true;
  const counted = tokens.some((t, i) => i > 0 && COUNTED.has(t.lemma) && (tokens[i - 1].script === "number" || COUNTS.has(tokens[i - 1].word)));
  return counted || findAffirmed(tokens, ONCE).length > 0;
}

/** Help with no end in the words themselves (the words, as typed); the target date and the goal are weighed in openEnded. */
const endlessHelp = memo((text: string): string[] => {
  const { tokens, hasEnglish } = readEnglish(text);
  if (!hasEnglish || hasEndpoint(text, tokens)) return [];
  return findAffirmed(tokens, OPEN_ENDED).map((s) => sliceOf(text, tokens, s.start, s.end));
});

function openEnded(text: string, action: Action, goal: Goal | undefined, isCommitment: boolean): boolean {
  if (endlessHelp(text).length === 0) return false;
  if (action.targetDate.kind === "ongoing" && isMaintaining(action, goal)) return false; // keeping up skills may run on
  // A description is read with its target date: "help with housing" by a set date has an end.
  return isCommitment || action.targetDate.kind === "ongoing";
}

export function checkWording(data: PlanData): Finding[] {
  const out: Finding[] = [];
  for (const action of data.actions) {
    const isCommitment = Boolean(action.commitment?.trim());
    const text = isCommitment ? action.commitment! : action.description;
    const where = { section: isCommitment ? ("contract" as const) : ("actions" as const), itemId: action.id };
    const item = isCommitment ? "commitment" : "action";
    // Words the checks below cannot read are said to be unchecked, never passed in silence (issue 22).
    if (cannotRead(text, data.setup.clientLanguage, readEnglish(text).hasEnglish)) {
      out.push(finding("contract-words-unchecked", where, msg("coaching.finding.actionUnchecked", { item })));
    }
    // The client promising their own effort is the point of the contract; over-promising is about
    // outcomes that others (landlords, services, employers) decide.
    const promise = action.responsible.role === "client" ? undefined : findOverPromise(text);
    if (promise) {
      out.push(finding("contract-over-promise", where, msg("coaching.finding.overPromise", { item, phrase: promise.phrase }),
        promise.rewrite, { triggers: [promise.phrase] }));
    }
    if (openEnded(text, action, data.goals.find((g) => g.id === action.goalId), isCommitment)) {
      out.push(finding("contract-open-ended", where, msg("coaching.finding.openEnded", { item }),
        undefined, { triggers: endlessHelp(text) }));
    }
  }
  return out;
}
