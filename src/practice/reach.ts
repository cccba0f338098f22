/**
 * Fit the goal to the length of the service. In a brief service "earn a three-year diploma"
 * becomes a first step that can be reached while you work together, such as connecting with local
 * education services and making a plan towards the diploma.
 */
import type { PlanData, Setup } from "../domain/plan.ts";
import { msg } from "../i18n/translator.ts";
import { daysBetween } from "./dates.ts";
import { type Finding, finding } from "./findings.ts";
import type { GoalText } from "./goal-text.ts";
import { readEnglish } from "./language.ts";
import { memo } from "./memo.ts";
import { type Phrase, findAffirmed, has, phrases } from "./phrases.ts";
import { type Parts, sentence } from "./rewrite.ts";
import { reachInDays, reachOf } from "./time.ts";
import { sliceOf } from "./words.ts";

/**
 * How far ahead each service length can reasonably plan, in days. A brief service runs weeks to a
 * few months; a short-term one up to about a year; a long-term service has no limit here.
 */
export const SERVICE_HORIZON_DAYS: Readonly<Record<Setup["serviceLength"], number>> = {
  brief: 90,
  "short-term": 365,
  "long-term": Number.POSITIVE_INFINITY,
};

/** Aims that take years, each with a first step a case manager can offer instead. */
const LONG_RANGE: readonly { words: Phrase[]; firstStep: (text: string, said: string) => Parts }[] = [
  {
    words: phrases("diploma", "degree", "bachelor", "bachelors", "masters", "phd", "doctorate", "university", "college degree", "apprenticeship"),
    firstStep: (t) => ({ verb: "connect with", what: "local education services", then: `make a step-by-step plan towards ${educationAim(t)}` }),
  },
  {
    words: phrases(
      "become a nurse", "become a doctor", "become a lawyer", "become a teacher", "become an engineer", "become a social worker",
      "become a paramedic", "become an electrician", "become a plumber", "become an accountant", "become a pilot",
      "become a police officer", "become a firefighter", "become a midwife", "become a pharmacist", "become a vet",
      "become a dentist", "become a psychologist", "become a counsellor", "become an architect", "qualify as", "a career as",
    ),
    firstStep: (_t, said) => ({ verb: "connect with", what: "local employment and training services", then: `make a step-by-step plan towards ${career(said)}` }),
  },
  {
    words: phrases("buy a house", "buy a home", "buy a flat", "buy my own", "buy a property", "own my own home", "own a home", "own a house", "get a mortgage", "pay off my mortgage"),
    firstStep: () => ({ verb: "meet", what: "a housing or money adviser", then: "make a savings plan towards buying a home" }),
  },
  {
    words: phrases("start my own business", "start a business", "open my own business", "run my own business"),
    firstStep: () => ({ verb: "connect with", what: "local small-business support", then: "make a step-by-step plan towards starting the business" }),
  },
];

/** Already a first step: the goal is to find out, plan or connect, not to finish. */
const FIRST_STEPS = phrases(
  "find out", "learn about", "look into", "explore", "research", "enquire", "inquire", "apply", "connect", "talk to",
  "speak to", "speak with", "visit", "meet", "contact", "make a plan", "a plan", "pathway", "first step", "information about",
  "open day", "sign up", "enrol", "enroll", "register",
);

/** "become a nurse" -> "a career as a nurse", keeping the words as typed. */
function career(said: string): string {
  const m = /^(?:become|becoming|qualify as|qualifying as|a career as)\s+(.+)$/iu.exec(said.trim());
  return m ? `a career as ${m[1]}` : "that career";
}

function educationAim(text: string): string {
  const t = text.toLowerCase();
  if (/apprentice/.test(t)) return "an apprenticeship";
  if (/diplom/.test(t)) return "the diploma";
  if (/degree|bachelor|master|phd|doctorate/.test(t)) return "the degree";
  return "university or college";
}

/** The first step for an aim that takes years (unless the words are a first step already), and how far they reach. */
const readAim = memo((text: string) => {
  const { tokens } = readEnglish(text);
  if (has(tokens, FIRST_STEPS)) return { reach: reachOf(text, tokens) };
  for (const aim of LONG_RANGE) {
    const [span] = findAffirmed(tokens, aim.words);
    if (!span) continue;
    // to the end of its clause: "qualify as" says little without "a teacher"
    let end = span.end;
    while (end < tokens.length && !tokens[end].afterBreak) end++;
    const said = sliceOf(text, tokens, span.start, end);
    return { firstStep: sentence(aim.firstStep(text, said)), said, reach: reachOf(text, tokens) };
  }
  return { reach: reachOf(text, tokens) };
});

export function checkReach(g: GoalText, where: Finding["where"], setup: Setup): Finding[] {
  const horizon = SERVICE_HORIZON_DAYS[setup.serviceLength];
  if (!Number.isFinite(horizon)) return [];
  // `service` and `source` choose the message's words (ICU selects); nothing English is built here.
  const choice = { service: setup.serviceLength, source: g.source };
  const { firstStep, said, reach } = readAim(g.text);
  if (firstStep !== undefined) {
    return [finding("goal-service-length", where, msg("coaching.finding.serviceLengthAim", choice), firstStep, { triggers: said ? [said] : [] })];
  }
  const days = reachInDays(reach, setup.planDate);
  if (days > horizon) {
    const span = days >= 365 ? { unit: "years", count: Math.round(days / 365) } : { unit: "months", count: Math.round(days / 30) };
    return [finding("goal-service-length", where, msg("coaching.finding.serviceLengthSpan", { ...span, ...choice }))];
  }
  return [];
}

/**
 * The same question asked of dates, for a goal whose words Coplan cannot read (issue 22): when its
 * actions' target dates run further than the service reaches, the goal does too. Words that can
 * be read are weighed by checkReach instead, so English plans are checked as before.
 */
export function checkReachByDates(goalId: string, where: Finding["where"], data: Pick<PlanData, "setup" | "actions">, source: GoalText["source"]): Finding[] {
  const horizon = SERVICE_HORIZON_DAYS[data.setup.serviceLength];
  if (!Number.isFinite(horizon)) return [];
  const last = data.actions
    .filter((a) => a.goalId === goalId && a.targetDate.kind === "date")
    .map((a) => (a.targetDate.kind === "date" ? a.targetDate.date : ""))
    .sort()
    .at(-1);
  if (!last || daysBetween(data.setup.planDate, last) <= horizon) return [];
  return [finding("goal-service-length", where, msg("coaching.finding.serviceLengthDates", { lastDay: last, service: data.setup.serviceLength, source }))];
}
