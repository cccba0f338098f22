/**
 * Stay within the role: a case manager who does not treat anxiety does not set "reduce anxiety
 * symptoms" as a goal, but can set "find free or low-cost treatment options for anxiety". The same
 * holds for the steps a case manager carries: adjusting a medication dose, diagnosing, giving
 * therapy are a clinician's work; the case manager refers, and can go along to the appointment.
 */
import type { PlanData } from "../domain/plan.ts";
import { type Finding, finding } from "./findings.ts";
import type { GoalText } from "./goals.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { type Phrase, isNegated, matchAt, phrases, wordSet } from "./phrases.ts";
import { type Parts, sentence } from "./rewrite.ts";
import { timeLimit } from "./time.ts";
import type { Token } from "./words.ts";

/** Verbs that make a treatment aim when their object is a condition. */
const TREAT = phrases(
  "reduce", "decrease", "lower", "lessen", "manage", "control", "treat", "cure", "overcome", "eliminate", "ease",
  "relieve", "heal", "stop", "beat", "fight", "tackle", "minimise", "minimize", "improve", "fix", "conquer",
  "get rid of", "deal with", "get over", "work through", "get on top of", "get a handle on", "counsel", "heal",
  "work on", "work with * on", "work with me on",
);
/** "less anxious", "fewer panic attacks", "no more flashbacks". */
const LESS = phrases("less", "fewer", "no more", "not as", "not so");

/** Condition phrases, and the words a rewrite uses for them. */
const CONDITIONS: readonly (readonly [Phrase, string])[] = [
  ["panic attack", "panic attacks"], ["low mood", "low mood"], ["eating disorder", "an eating disorder"],
  ["mental health", "mental health"], ["blood pressure", "high blood pressure"], ["drug use", "drug use"],
  ["chronic pain", "chronic pain"], ["anxiety", "anxiety"], ["anxious", "anxiety"], ["panic", "panic attacks"],
  ["depression", "depression"], ["depressed", "depression"], ["mood", "low mood"], ["ptsd", "PTSD"],
  ["trauma", "trauma"], ["flashback", "trauma"], ["nightmare", "nightmares"], ["psychosis", "psychosis"],
  ["voice", "hearing voices"], ["hallucination", "hallucinations"], ["paranoia", "paranoia"], ["paranoid", "paranoia"],
  ["ocd", "OCD"], ["bipolar", "bipolar disorder"], ["schizophrenia", "schizophrenia"], ["insomnia", "insomnia"],
  ["addiction", "addiction"], ["drinking", "alcohol use"], ["alcohol", "alcohol use"], ["alcoholism", "alcohol use"], ["gambling", "gambling"],
  ["substance use", "substance use"], ["craving", "cravings"],
  ["diabetes", "diabetes"], ["pain", "pain"], ["adhd", "ADHD"], ["autism", "autism"], ["personality disorder", "a personality disorder"],
  ["self harm", "self-harm"], ["self harming", "self-harm"], ["anger", "anger"], ["dementia", "dementia"], ["symptom", "the symptoms"],
].map(([p, name]) => [phrases(p as string)[0], name as string] as const);

/** "manage my diabetes appointments" is about a service, not a treatment. */
const SERVICE_NOUNS = wordSet(
  "appointment clinic group service team support nurse worker benefit assessment review letter referral meeting class programme program medication med prescription",
);

function conditionAt(tokens: readonly Token[], i: number): { name: string; end: number } | undefined {
  for (const [phrase, name] of CONDITIONS) {
    const end = matchAt(tokens, i, [phrase]);
    if (end < 0) continue;
    if (end < tokens.length && !tokens[end].afterBreak && SERVICE_NOUNS.has(tokens[end].lemma)) return undefined;
    // "anxiety symptoms": name the condition, not "the symptoms"
    return { name, end };
  }
  return undefined;
}

/** The first condition named within `reach` words from token `from`, in the same clause. */
function conditionNear(tokens: readonly Token[], from: number, reach: number): { name: string; end: number } | undefined {
  for (let k = from; k < Math.min(tokens.length, from + reach); k++) {
    if (k > from && tokens[k].afterBreak) break;
    const c = conditionAt(tokens, k);
    if (c) return c;
  }
  return undefined;
}

/** Changing a medicine: "adjust her medication dose", "reduce the tablets", "prescribe patches". */
const CHANGE = phrases("adjust", "change", "alter", "reduce", "increase", "lower", "raise", "stop", "taper", "titrate", "double", "halve", "decrease", "switch", "cut", "up");
const MEDICINE = wordSet("dose dosage medication med medicine medicines tablet tablets pill pills antidepressant antidepressants antipsychotic antipsychotics prescription insulin methadone");
const PRESCRIBE = phrases("prescribe");
const DIAGNOSE = phrases("diagnose", "diagnosis", "assess");
/** Giving therapy: "do CBT with you", "provide trauma therapy". */
const GIVE = phrases("do", "provide", "give", "deliver", "run", "offer");
const THERAPY = wordSet("therapy therapies cbt dbt emdr psychotherapy counselling counseling");
/** Earlier in the sentence, these make it a step towards a clinician, not the clinician's work. */
const TOWARDS = phrases(
  "refer", "referral", "ask", "book", "arrange", "contact", "see", "talk to", "speak to", "speak with", "accompany", "go with",
  "attend", "find", "research", "discuss", "request", "explore", "look into", "get to", "take to", "remind",
);

export interface ClinicalAim {
  /** treat: a condition; medication: a dose or prescription; diagnose: an assessment; therapy: giving it. */
  kind: "treat" | "medication" | "diagnose" | "therapy";
  condition?: string;
  /** The words as typed. */
  words: string;
}

/** "Refer Lena to the psychiatrist to review her dose": a step towards the clinician, a few words back. */
function towardsAClinician(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 10); j--) {
    if (matchAt(tokens, j, TOWARDS) > j) return true;
  }
  return false;
}

/** The clinical work the words set out to do, or undefined. */
export function clinicalAimIn(text: string, tokens: readonly Token[]): ClinicalAim | undefined {
  const span = (from: number, to: number) => text.slice(tokens[from].start, tokens[Math.max(from, to - 1)].end);
  for (let i = 0; i < tokens.length; i++) {
    const negated = isNegated(tokens, i);
    if (negated || towardsAClinician(tokens, i)) continue;
    const treat = matchAt(tokens, i, TREAT);
    const less = treat < 0 ? matchAt(tokens, i, LESS) : -1;
    if (treat > 0 || less > 0) {
      const c = conditionNear(tokens, Math.max(treat, less), treat > 0 ? 4 : 2);
      if (c) return { kind: "treat", condition: c.name, words: span(i, c.end) };
    }
    const change = matchAt(tokens, i, CHANGE);
    if (change > 0) {
      for (let k = change; k < Math.min(tokens.length, change + 5) && !tokens[k].afterBreak; k++) {
        if (MEDICINE.has(tokens[k].lemma) || MEDICINE.has(tokens[k].word)) return { kind: "medication", words: span(i, k + 1) };
      }
    }
    if (matchAt(tokens, i, PRESCRIBE) > 0) return { kind: "medication", words: span(i, i + 1) };
    const diagnose = matchAt(tokens, i, DIAGNOSE);
    if (diagnose > 0) {
      const after = conditionNear(tokens, diagnose, 6);
      let before: { name: string; end: number } | undefined;
      for (let k = Math.max(0, i - 6); k < i && !after && !before; k++) before = conditionAt(tokens, k);
      const c = after ?? before;
      if (c) return { kind: "diagnose", condition: c.name, words: after ? span(i, after.end) : span(i, diagnose) };
    }
    const give = matchAt(tokens, i, GIVE);
    if (give > 0) {
      for (let k = give; k < Math.min(tokens.length, give + 4) && !tokens[k].afterBreak; k++) {
        if (THERAPY.has(tokens[k].word)) {
          const c = conditionNear(tokens, k + 1, 7) ?? conditionNear(tokens, give, k - give);
          return { kind: "therapy", condition: c?.name, words: span(i, k + 1) };
        }
      }
    }
  }
  return undefined;
}

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

const WHAT_IT_IS: Record<ClinicalAim["kind"], (c?: string) => string> = {
  treat: (c) => `Treating ${c}`,
  therapy: (c) => (c ? `Giving therapy for ${c}` : "Giving therapy"),
  medication: () => "Changing or prescribing medication",
  diagnose: (c) => (c ? `Diagnosing ${c}` : "Diagnosing"),
};

export function checkScope(g: GoalText, where: Finding["where"]): Finding[] {
  const aim = aimIn(g.text);
  if (!aim) return [];
  return [
    finding("goal-scope", where,
      `${WHAT_IT_IS[aim.kind](aim.condition)} is a clinician's work, not a case manager's, so it cannot be a goal you carry. What you can do is help the client find and reach treatment. The suggested wording puts the goal within your role; ${g.source === "client" ? "the client's own words stay as they are, beside it" : "the client's own words stay as they are"}.`,
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
      `${WHAT_IT_IS[aim.kind](aim.condition)} is a clinician's work, and this step puts it on the case manager. Your part is to refer the client to someone who can do it, and to go along to the appointment if that helps; the clinician then decides the treatment.`,
      stepWithinRole(aim, who, recipient(text, tokens, modal + 1, data)), { triggers: [aim.words] }));
  }
  return out;
}
