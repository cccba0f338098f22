/**
 * Clinical work in English words: treating a condition ("reduce anxiety symptoms", "get over the
 * depression"), changing or prescribing medication ("adjust her dose"), diagnosing ("assess Sam
 * for ADHD") and giving therapy ("do CBT with you"). Words that lead towards a clinician ("refer
 * Lena to the psychiatrist to review her dose") are not clinical work themselves. scope.ts decides
 * what a case manager may carry.
 */
import { type Phrase, isNegated, matchAt, phrases, wordSet } from "./phrases.ts";
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
  ["substance use", "substance use"], ["relapse", "relapse prevention"], ["relapsing", "relapse prevention"],
  ["heroin", "drug use"], ["cocaine", "drug use"], ["drug", "drug use"], ["craving", "cravings"],
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
