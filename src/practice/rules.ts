/**
 * Every rule a practice check can report, by stable id. Apart from findings.ts so that
 * practices.ts can key on the ids while findings.ts reads practices.ts, with no import circle.
 */

export type Severity = "suggestion" | "warning";

/** Every rule, its severity and a one-line summary (for scorecards, docs and dismissals). */
export const RULES = {
  "goal-vague": { severity: "suggestion", summary: "A goal is a broad hope rather than a specific aim." },
  "goal-measurable": { severity: "suggestion", summary: "Nothing in a goal says how you would both know it was reached." },
  "goal-time-frame": { severity: "suggestion", summary: "A goal has no time frame, in its words or its actions' dates." },
  "goal-scope": { severity: "warning", summary: "A goal is a treatment aim, outside a case manager's role." },
  "action-scope": { severity: "warning", summary: "The case manager carries a step that needs a clinician." },
  "goal-service-length": { severity: "warning", summary: "A goal reaches further than the length of the service." },
  "priority-issue-unaddressed": { severity: "warning", summary: "A priority issue has neither a goal nor a recorded decline." },
  "barrier-missing": { severity: "suggestion", summary: "A goal has no barrier recorded." },
  "barrier-category": { severity: "suggestion", summary: "A barrier's words point to a different category." },
  "strengths-none": { severity: "suggestion", summary: "No strengths are recorded." },
  "strengths-unused": { severity: "suggestion", summary: "Every action is on the case manager although the client named strengths." },
  "action-missing": { severity: "warning", summary: "A goal has no action." },
  "action-no-goal": { severity: "warning", summary: "An action serves no goal on the plan." },
  "action-responsible": { severity: "warning", summary: "An action has no named person responsible." },
  "target-ongoing": { severity: "suggestion", summary: "\"Ongoing\" is used for something other than keeping up skills." },
  "target-whole-year": { severity: "suggestion", summary: "A target date spans about a whole year." },
  "target-after-review": { severity: "warning", summary: "A target date falls after the annual review." },
  "target-past": { severity: "warning", summary: "A target date has already passed." },
  "contract-over-promise": { severity: "warning", summary: "A commitment promises an outcome no one can guarantee." },
  "contract-open-ended": { severity: "suggestion", summary: "A commitment has no point at which it is done." },
  // Not faults: the wording checks read English only, and say so rather than pass other words in silence.
  "goal-words-unchecked": { severity: "suggestion", summary: "A goal is worded in a language Coplan's wording checks cannot read." },
  "barrier-words-unchecked": { severity: "suggestion", summary: "A barrier is worded in a language Coplan's category check cannot read." },
  "contract-words-unchecked": { severity: "suggestion", summary: "An action or commitment is worded in a language Coplan's wording checks cannot read." },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof RULES;

/** Rules that say a check could not be made: they cost nothing on a scorecard and are no practice "passed". */
export const UNCHECKED_RULES: ReadonlySet<RuleId> = new Set<RuleId>(["goal-words-unchecked", "barrier-words-unchecked", "contract-words-unchecked"]);

/** The catalog key of a rule's one-line summary, in the reader's language. */
export const ruleSummaryKey = (rule: RuleId): string => `coaching.rule.${rule}`;
