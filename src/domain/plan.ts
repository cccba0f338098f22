/**
 * The case plan's data: the single shape the machine holds in its context, the store persists,
 * the views render and the checks read. Every stored plan and every form input is parsed with
 * these schemas; nothing trusts data it did not parse.
 */
import { z } from "zod";
import { msgText } from "../i18n/translator.ts";

export const SERVICE_LENGTHS = ["brief", "short-term", "long-term"] as const;
export const ASSESSMENT_TYPES = ["initial", "reassessment"] as const;
export const BARRIER_CATEGORIES = [
  "financial-insecurity",
  "lack-of-health-supports",
  "housing",
  "transportation",
  "childcare-caregiving",
  "legal",
  "language-literacy",
  "other",
] as const;
export const STRENGTH_ROLES = ["alone", "with-support", "case-manager"] as const;
export const ACTION_KINDS = ["referral", "advice", "service"] as const;
export const RESPONSIBLE_ROLES = [
  "case-manager",
  "provider",
  "client",
  "family",
  "caregiver",
  "other-support",
] as const;
export const ACTION_STATUSES = ["not-started", "in-progress", "done", "not-done"] as const;

/**
 * A length limit's message. zod's messages are strings, so each is a msgText (i18n/translator.ts),
 * said in the reader's language when shown; the limit is a string so it reads as written (2400).
 */
const keepUnder = (max: number) => msgText("form.keepUnder", { max: String(max) });

/** Words people typed: kept exactly, only surrounding whitespace is trimmed for the emptiness test. */
const words = (max: number) =>
  z
    .string()
    .max(max, { message: keepUnder(max) })
    .refine((s) => s.trim().length > 0, { message: msgText("form.writeSomething") });
const optionalWords = (max: number) =>
  z
    .string()
    .max(max, { message: keepUnder(max) })
    .transform((s) => (s.trim() ? s : undefined))
    .optional();

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: msgText("plan.error.dateFormat") })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: msgText("plan.error.dateNotOnCalendar"),
  });

/** A well-formed BCP 47 language tag (`es`, `zh-Hans`, `ar-EG`). */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const itemId = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const SetupSchema = z.object({
  clientName: words(120),
  preferredName: optionalWords(120),
  pronouns: optionalWords(60),
  serviceLength: z.enum(SERVICE_LENGTHS, { message: msgText("plan.error.serviceLength") }),
  assessmentType: z.enum(ASSESSMENT_TYPES, { message: msgText("plan.error.assessmentType") }),
  planDate: isoDate,
  annualReviewDate: isoDate,
  priorityIssues: z.array(words(200)).min(1, { message: msgText("plan.error.priorityIssues") }).max(30),
  /**
   * The language the client reads (a BCP 47 tag, issue 22): their review page, their copy of the
   * retainer and read-aloud speak it. Absent on plans made before it existed: those are English
   * (clientLanguageOf), and stay byte for byte as sealed.
   */
  clientLanguage: z.string().max(35).refine(isLanguageTag, { message: msgText("clientLanguage.invalid") }).optional(),
});
export type Setup = z.infer<typeof SetupSchema>;

/** Set on an answer the client typed on their own phone (the companion page), until it is removed. */
const fromPhone = z.literal(true).optional();

export const GoalInput = z.object({
  issue: words(200),
  clientWords: words(2000),
  restatement: optionalWords(2000),
  fromPhone,
});
export const GoalSchema = GoalInput.extend({ id: itemId });
export type Goal = z.infer<typeof GoalSchema>;

export const DeclinedInput = z.object({ issue: words(200), reason: optionalWords(2000) });
export const DeclinedSchema = DeclinedInput.extend({ id: itemId });
export type Declined = z.infer<typeof DeclinedSchema>;

export const BarrierInput = z.object({
  goalId: itemId,
  clientWords: words(2000),
  category: z.enum(BARRIER_CATEGORIES, { message: msgText("plan.error.category") }),
  fromPhone,
});
export const BarrierSchema = BarrierInput.extend({ id: itemId });
export type Barrier = z.infer<typeof BarrierSchema>;

export const StrengthInput = z.object({
  clientWords: words(2000),
  role: z.enum(STRENGTH_ROLES, { message: msgText("plan.error.strengthRole") }),
  fromPhone,
});
export const StrengthSchema = StrengthInput.extend({ id: itemId });
export type Strength = z.infer<typeof StrengthSchema>;

export const TargetDateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("date"), date: isoDate }),
  z.object({ kind: z.literal("ongoing") }),
  z.object({ kind: z.literal("annual-review") }),
]);
export type TargetDate = z.infer<typeof TargetDateSchema>;

/** Longest responsible person's name and action description a person may type. */
export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
/**
 * A commitment is drafted from its action: the description wrapped in fixed words ("… (other
 * support) will …", "on an ongoing basis, reviewed at the annual review."), so its limit must
 * hold the longest description with the longest name and date wording around it (under 230
 * characters: a unit test drafts the longest possible one). The limit is raised to cover the draft
 * rather than the description's lowered: a lower description limit would make plans already
 * saved with long descriptions unreadable, and it would take words from the person typing them.
 */
export const COMMITMENT_MAX = DESCRIPTION_MAX + 400;

export const ResponsibleSchema = z.object({
  role: z.enum(RESPONSIBLE_ROLES, { message: msgText("plan.error.responsibleRole") }),
  name: optionalWords(NAME_MAX),
});

export const ActionInput = z.object({
  goalId: itemId,
  kind: z.enum(ACTION_KINDS, { message: msgText("plan.error.actionKind") }),
  description: words(DESCRIPTION_MAX),
  responsible: ResponsibleSchema,
  targetDate: TargetDateSchema,
  fromPhone,
});
export const ActionSchema = ActionInput.extend({
  id: itemId,
  status: z.enum(ACTION_STATUSES),
  commitment: z.string().max(COMMITMENT_MAX, { message: keepUnder(COMMITMENT_MAX) }).optional(),
});
export type Action = z.infer<typeof ActionSchema>;

export const PlanDataSchema = z.object({
  setup: SetupSchema,
  goals: z.array(GoalSchema),
  declined: z.array(DeclinedSchema),
  barriers: z.array(BarrierSchema),
  strengths: z.array(StrengthSchema),
  actions: z.array(ActionSchema),
});
export type PlanData = z.infer<typeof PlanDataSchema>;

export function emptyPlan(setup: Setup): PlanData {
  return { setup, goals: [], declined: [], barriers: [], strengths: [], actions: [] };
}
