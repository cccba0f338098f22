/**
 * Stay within the role: a case manager who does not treat anxiety does not set "reduce anxiety
 * symptoms" as a goal, but can set "find free or low-cost treatment options for anxiety".
 */
import { type Finding, finding } from "./findings.ts";
import type { GoalText } from "./goals.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { type Phrase, isNegated, matchAt, phrases, wordSet } from "./phrases.ts";
import type { Token } from "./words.ts";

/** Verbs that make a treatment aim when their object is a condition. */
const TREAT = phrases(
  "reduce", "decrease", "lower", "lessen", "manage", "control", "treat", "cure", "overcome", "eliminate", "ease",
  "relieve", "heal", "stop", "beat", "fight", "tackle", "minimise", "minimize", "improve", "fix", "diagnose", "conquer",
  "get rid of", "deal with", "get over", "work through", "get on top of", "get a handle on",
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
  ["addiction", "addiction"], ["drinking", "alcohol use"], ["alcohol", "alcohol use"], ["craving", "cravings"],
  ["diabetes", "diabetes"], ["pain", "pain"], ["symptom", "the symptoms"],
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

/** The condition a treatment aim names, or undefined. */
export function treatmentAim(tokens: readonly Token[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const verbEnd = matchAt(tokens, i, TREAT);
    const lessEnd = verbEnd < 0 ? matchAt(tokens, i, LESS) : -1;
    const end = Math.max(verbEnd, lessEnd);
    if (end < 0 || (verbEnd >= 0 && isNegated(tokens, i))) continue;
    const reach = verbEnd >= 0 ? 4 : 2;
    for (let k = end; k < Math.min(tokens.length, end + reach); k++) {
      if (tokens[k].afterBreak) break;
      const c = conditionAt(tokens, k);
      if (c) return c.name;
    }
  }
  return undefined;
}

const conditionIn = memo((text: string) => treatmentAim(readEnglish(text).tokens));

export function checkScope(g: GoalText, where: Finding["where"]): Finding[] {
  const condition = conditionIn(g.text);
  if (!condition) return [];
  return [
    finding("goal-scope", where,
      `Treating ${condition} is a clinician's work, not a case manager's, so it cannot be a goal you carry. What you can do is help the client find and reach treatment. The suggested wording puts the goal within your role; ${g.source === "client" ? "the client's own words stay as they are, beside it" : "the client's own words stay as they are"}.`,
      `Find free or low-cost treatment options for ${condition}`),
  ];
}
