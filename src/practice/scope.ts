/**
 * Stay within the role: a case manager who does not treat anxiety does not set "reduce anxiety
 * symptoms" as a goal, but can set "find free or low-cost treatment options for anxiety". The same
 * holds for the steps a case manager carries: adjusting a medication dose, diagnosing, giving
 * therapy are a clinician's work; the case manager refers, and can go along to the appointment.
 */
import type { PlanData } from "../domain/plan.ts";
import { msg, msgText } from "../i18n/translator.ts";
import { type Finding, finding } from "./findings.ts";
import type { GoalText } from "./goal-text.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { type ClinicalAim, clinicalAimIn } from "./clinical.ts";
import { wordSet } from "./phrases.ts";
import { type Parts, sentence } from "./rewrite.ts";
import { timeLimit } from "./time.ts";
import type { Token } from "./words.ts";

const aimIn = memo((text: string) => {
  const { tokens, hasEnglish } = readEnglish(text);
  if (!hasEnglish) return undefined;
  const aim = clinicalAimIn(text, tokens);
  return aim && { ...aim, when: timeLimit(text, tokens) };
});

/** The goal within the role, as the worker might restate it. */
function goalWithinRole(aim: ClinicalAim & { when?: string }): Parts {
  switch (aim.kind) {
    case "medication":
      return { verb: "book", what: "a medication review with a doctor", when: aim.when, then: "go along with support if needed" };
    case "diagnose":
      return { verb: "book", what: `an assessment${aim.condition ? ` for ${aim.condition}` : ""} with a clinician`, when: aim.when, then: "go along with support if needed" };
    default:
      return { verb: "find", what: aim.condition ? `free or low-cost treatment options for ${aim.condition}` : "free or low-cost options for therapy", when: aim.when };
  }
}

/** What the clinical work is ("Treating anxiety"), to open the message: `coaching.clinical.<kind>[For]`. */
function whatItIs(aim: ClinicalAim): string {
  return aim.condition && aim.kind !== "medication"
    ? msgText(`coaching.clinical.${aim.kind}For`, { condition: aim.condition })
    : msgText(`coaching.clinical.${aim.kind}`);
}

export function checkScope(g: GoalText, where: Finding["where"]): Finding[] {
  const aim = aimIn(g.text);
  if (!aim) return [];
  return [
    finding("goal-scope", where, msg("coaching.finding.goalScope", { what: whatItIs(aim), source: g.source }),
      sentence(goalWithinRole(aim)), { triggers: [aim.words] }),
  ];
}

/** Not names, though written with a capital. */
const NOT_NAMES = wordSet("i cbt dbt emdr ptsd ocd adhd gp nhs");

/**
 * Who the step is for, as the rewrite should name them: "you" if the words speak to the client,
 * the person they name ("Lena's dose", "for Ana"), or else the client's name from the plan.
 */
function recipient(text: string, tokens: readonly Token[], after: number, data: PlanData): string {
  if (tokens.some((t) => t.word === "you" || t.word === "your")) return "you";
  for (let i = after; i < tokens.length; i++) {
    if (tokens[i].word === "client" && tokens[i - 1]?.word === "the") return "the client";
    const typed = text.slice(tokens[i].start, tokens[i].end);
    if (i > 0 && tokens[i].script === "latin" && /^\p{Lu}\p{Ll}/u.test(typed) && !NOT_NAMES.has(tokens[i].word)) return typed.replace(/['’]s$/u, "");
  }
  return data.setup.preferredName?.trim() || data.setup.clientName;
}

/** The subject of a commitment ("I", "Jo (case manager)"), or undefined for an instruction. */
function subjectOf(text: string, tokens: readonly Token[]): string | undefined {
  const modal = tokens.findIndex((t) => t.word === "will" || t.word === "shall");
  if (modal <= 0 || modal > 8) return undefined;
  if (tokens[0].word === "i" || tokens[0].word === "we") return tokens[0].word;
  return text.slice(0, tokens[modal].start).replace(/[\s,]+$/u, "").replace(/’$|'$/u, "") || undefined;
}

/** The same step within the role: a referral, and going along to the appointment. */
function stepWithinRole(aim: ClinicalAim & { when?: string }, who: string | undefined, whom: string): string {
  const to = aim.kind === "medication" ? (/^prescrib/i.test(aim.words) ? "a doctor about a prescription" : "a doctor for a medication review")
    : aim.kind === "diagnose" ? `a clinician for an assessment${aim.condition ? ` for ${aim.condition}` : ""}`
    : `free or low-cost treatment${aim.condition ? ` for ${aim.condition}` : ""}`;
  return sentence({ who, verb: `refer ${whom} to`, what: to, when: aim.when, then: "offer to go along to the first appointment" });
}

/** Steps the case manager carries that need a clinician. Read from the commitment once there is one. */
export function checkActionScope(data: PlanData): Finding[] {
  const out: Finding[] = [];
  for (const action of data.actions) {
    if (action.responsible.role !== "case-manager") continue;
    const isCommitment = Boolean(action.commitment?.trim());
    const text = isCommitment ? action.commitment! : action.description;
    const aim = aimIn(text);
    if (!aim) continue;
    const { tokens } = readEnglish(text);
    const who = isCommitment ? subjectOf(text, tokens) ?? "I" : undefined;
    const modal = tokens.findIndex((t) => t.word === "will" || t.word === "shall");
    out.push(finding("action-scope", { section: isCommitment ? "contract" : "actions", itemId: action.id },
      msg("coaching.finding.actionScope", { what: whatItIs(aim) }),
      stepWithinRole(aim, who, recipient(text, tokens, modal + 1, data)), { triggers: [aim.words] }));
  }
  return out;
}
