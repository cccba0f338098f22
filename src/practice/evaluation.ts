/**
 * Measuring the coaching against labelled cases (data/practice-eval.jsonl): each case is one goal,
 * action, commitment or barrier, with the findings a careful supervisor would raise on it. The
 * case is placed in an otherwise sound plan, the checks run, and only the findings about that item
 * and in the rule families under test are compared. Pure: the script and the test read the file.
 */
import { z } from "zod";
import { BARRIER_CATEGORIES, type PlanData } from "../domain/plan.ts";
import type { Finding, RuleId } from "./findings.ts";
import { checkPlan } from "./index.ts";
import { sentenceProblems } from "./sentence.ts";

/** The rules measured, by family: each family is one kind of fault a supervisor would name. */
export const FAMILIES = {
  vague: ["goal-vague"],
  "time-frame": ["goal-time-frame"],
  scope: ["goal-scope", "action-scope"],
  "service-length": ["goal-service-length"],
  "target-date": ["target-ongoing", "target-whole-year"],
  "over-promise": ["contract-over-promise"],
  "open-ended": ["contract-open-ended"],
  "barrier-category": ["barrier-category"],
} as const satisfies Record<string, readonly RuleId[]>;
export type Family = keyof typeof FAMILIES;

const FAMILY_OF = new Map<RuleId, Family>(
  Object.entries(FAMILIES).flatMap(([family, rules]) => rules.map((r) => [r as RuleId, family as Family] as const)),
);

const Category = z.enum(BARRIER_CATEGORIES);
const Role = z.enum(["case-manager", "client", "provider", "family", "caregiver", "other-support"]);
const Target = z.union([z.literal("ongoing"), z.literal("annual-review"), z.string().regex(/^\+\d+$/)]);
const RuleList = z.array(z.string().refine((r): r is RuleId => FAMILY_OF.has(r as RuleId), "not a measured rule"));

export const EvalCaseSchema = z.discriminatedUnion("kind", [
  z.object({
    id: z.string(), kind: z.literal("goal"), text: z.string().min(1), note: z.string().optional(),
    source: z.enum(["client", "restatement"]).default("restatement"),
    undated: z.boolean().default(false),
    service: z.enum(["brief", "short-term", "long-term"]).default("short-term"),
    expect: RuleList,
  }),
  z.object({
    id: z.string(), kind: z.enum(["action", "commitment"]), text: z.string().min(1), note: z.string().optional(),
    role: Role.default("case-manager"), name: z.string().optional(), target: Target.default("+30"),
    expect: RuleList, rewrite: z.boolean().default(false),
  }),
  z.object({
    id: z.string(), kind: z.literal("barrier"), text: z.string().min(1), note: z.string().optional(),
    chosen: Category.default("other"), category: Category.nullable(), also: Category.optional(),
  }),
]);
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export const PLAN_DATE = "2026-11-24";

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
export const TODAY = PLAN_DATE;

/** A sound plan around the one item under test: it raises nothing about that item by itself. */
export function planFor(c: EvalCase): { data: PlanData; itemId: string } {
  const data: PlanData = {
    setup: {
      clientName: "Alex Rivera", preferredName: "Alex", serviceLength: "short-term", assessmentType: "initial",
      planDate: PLAN_DATE, annualReviewDate: addDays(PLAN_DATE, 365), priorityIssues: ["Housing"],
    },
    goals: [{ id: "g1", issue: "Housing", clientWords: "I want to keep my flat", restatement: "Keep the tenancy by clearing the arrears by April 2027" }],
    declined: [],
    barriers: [{ id: "b1", goalId: "g1", clientWords: "I owe two months of rent", category: "financial-insecurity" }],
    strengths: [{ id: "s1", clientWords: "I keep a budget", role: "alone" }],
    actions: [{
      id: "a1", goalId: "g1", kind: "service", description: "Call the landlord to agree a repayment plan",
      responsible: { role: "client" }, targetDate: { kind: "date", date: addDays(PLAN_DATE, 30) }, status: "not-started",
    }],
  };
  if (c.kind === "goal") {
    data.setup.serviceLength = c.service;
    data.goals[0] = { id: "g1", issue: "Housing", clientWords: c.text, restatement: c.source === "client" ? undefined : c.text };
    if (c.undated) data.actions[0].targetDate = { kind: "ongoing" };
    return { data, itemId: "g1" };
  }
  if (c.kind === "barrier") {
    data.barriers[0] = { id: "b1", goalId: "g1", clientWords: c.text, category: c.chosen };
    return { data, itemId: "b1" };
  }
  const action = data.actions[0];
  action.responsible = c.role === "client" ? { role: "client" } : { role: c.role, name: c.name ?? (c.role === "case-manager" ? "Jo Smith" : "Alex's cousin") };
  action.targetDate = c.target === "ongoing" || c.target === "annual-review" ? { kind: c.target } : { kind: "date", date: addDays(PLAN_DATE, Number(c.target.slice(1))) };
  if (c.kind === "action") action.description = c.text;
  else action.commitment = c.text;
  return { data, itemId: "a1" };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface CaseResult {
  id: string;
  text: string;
  expected: RuleId[];
  found: RuleId[];
  findings: Finding[];
  /** For barriers: the category expected and the one suggested (null for none). */
  category?: { expected: string | null; suggested: string | null };
  /** Rewrites that fail the sentence test, with what is wrong; and a rewrite the case wanted but did not get. */
  badRewrites: { rewrite: string; problems: string[] }[];
  missingRewrite: boolean;
}
export interface Report {
  cases: number;
  families: Record<Family, Counts & { cases: number }>;
  overall: Counts;
  categories: { agree: number; of: number };
  rewrites: { good: number; of: number };
  wrong: CaseResult[];
  results: CaseResult[];
}

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

export function runCase(c: EvalCase): CaseResult {
  const { data, itemId } = planFor(c);
  const findings = checkPlan(data, TODAY).filter((f) => f.where.itemId === itemId && FAMILY_OF.has(f.rule));
  const found = [...new Set(findings.flatMap((f) => [f.rule, ...(f.covers ?? [])]))].filter((r) => FAMILY_OF.has(r)).sort();
  const expected = c.kind === "barrier" ? (c.category ? ["barrier-category" as const] : []) : [...c.expect].sort();
  const badRewrites = findings.filter((f) => f.rewrite !== undefined).map((f) => ({ rewrite: f.rewrite!, problems: sentenceProblems(f.rewrite!) })).filter((r) => r.problems.length > 0);
  const result: CaseResult = {
    id: c.id, text: c.text, expected, found, findings, badRewrites,
    missingRewrite: c.kind !== "goal" && c.kind !== "barrier" && c.rewrite && !findings.some((f) => f.rewrite),
  };
  if (c.kind === "barrier") {
    result.category = { expected: c.category, suggested: findings.find((f) => f.rule === "barrier-category")?.suggestion?.category ?? null };
  }
  return result;
}

export function evaluate(cases: readonly EvalCase[]): Report {
  const families = Object.fromEntries(Object.keys(FAMILIES).map((f) => [f, { tp: 0, fp: 0, fn: 0, cases: 0 }])) as Report["families"];
  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  const categories = { agree: 0, of: 0 };
  const rewrites = { good: 0, of: 0 };
  const results = cases.map(runCase);
  const wrong: CaseResult[] = [];
  for (const r of results) {
    for (const rule of r.expected) families[FAMILY_OF.get(rule)!].cases++;
    for (const rule of new Set([...r.expected, ...r.found])) {
      const fam = families[FAMILY_OF.get(rule)!];
      const key = r.expected.includes(rule) ? (r.found.includes(rule) ? "tp" : "fn") : "fp";
      fam[key]++;
      overall[key]++;
    }
    let ok = r.expected.join() === r.found.join();
    if (r.category && r.category.expected !== null) {
      categories.of++;
      if (r.category.expected === r.category.suggested) categories.agree++;
      else ok = false;
    }
    const all = r.findings.filter((f) => f.rewrite !== undefined).length;
    rewrites.of += all;
    rewrites.good += all - r.badRewrites.length;
    if (r.badRewrites.length > 0 || r.missingRewrite) ok = false;
    if (!ok) wrong.push(r);
  }
  return { cases: cases.length, families, overall, categories, rewrites, wrong, results };
}

export const TARGETS = { precision: 0.95, recall: 0.95, categories: 0.9, rewrites: 1, familyMinimum: 10 } as const;

/** The targets a report misses, in words; empty when all are met. */
export function missedTargets(report: Report): string[] {
  const out: string[] = [];
  const check = (name: string, c: Counts) => {
    if (precision(c) < TARGETS.precision) out.push(`${name}: precision ${precision(c).toFixed(3)} < ${TARGETS.precision}`);
    if (recall(c) < TARGETS.recall) out.push(`${name}: recall ${recall(c).toFixed(3)} < ${TARGETS.recall}`);
  };
  check("overall", report.overall);
  for (const [name, c] of Object.entries(report.families)) if (c.cases >= TARGETS.familyMinimum) check(name, c);
  const agreement = report.categories.of === 0 ? 1 : report.categories.agree / report.categories.of;
  if (agreement < TARGETS.categories) out.push(`barrier category agreement ${agreement.toFixed(3)} < ${TARGETS.categories}`);
  if (report.rewrites.good < report.rewrites.of) out.push(`${report.rewrites.of - report.rewrites.good} of ${report.rewrites.of} rewrites fail the sentence test`);
  return out;
}

/** Parses the JSON lines of an evaluation set, naming the line of any case that is not valid. */
export function parseCases(text: string): EvalCase[] {
  return text.split("\n").flatMap((line, i) => {
    if (!line.trim()) return [];
    const parsed = EvalCaseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    return [parsed.data];
  });
}
