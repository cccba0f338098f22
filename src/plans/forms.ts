/**
 * Turns posted form fields into the plan's inputs. Each form is a flat set of named fields (what
 * the browser sends); zod parses them and the errors come back keyed by the same field names, so
 * the page can show each message beside its field with the typed words kept.
 */
import { z } from "zod";
import {
  ActionInput,
  BarrierInput,
  COMMITMENT_MAX,
  DeclinedInput,
  GoalInput,
  SetupSchema,
  StrengthInput,
} from "../domain/plan.ts";
import type { ItemKind } from "../../machines/rules.ts";
import { DATE_RANGE_MESSAGE, inDateRange, isIsoDate } from "../practice/dates.ts";
import { isOneLine, NAME_CONTROL_MESSAGE } from "../domain/names.ts";
// Plain words for every refusal a schema did not word itself (goal left at "Choose…", and so on).
import { namedMessage } from "../http/plain-errors.ts";
import { languageTags } from "../i18n/catalogs.ts";
import { msgText } from "../i18n/translator.ts";

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function collect<T>(result: { success: true; data: T } | { success: false; error: z.ZodError }, rename: Record<string, string> = {}): Parsed<T> {
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".");
    const field = rename[path] ?? String(issue.path[0] ?? "form");
    errors[field] ??= namedMessage(field, issue.message);
  }
  return { ok: false, errors };
}

/**
 * Checks on what a person types that the plan's schema does not make: typed dates are bounded
 * (practice/dates.ts) and names are one line (domain/names.ts). They live here, where form input
 * is parsed, and not in the schema, which also reads stored plans: one saved earlier must never
 * become unreadable.
 */
const inRange = (v: string) => !isIsoDate(v) || inDateRange(v);
type FieldCheck = [field: string, ok: (value: string) => boolean, message: string];
const date = (field: string): FieldCheck => [field, inRange, DATE_RANGE_MESSAGE];
const name = (field: string): FieldCheck => [field, isOneLine, NAME_CONTROL_MESSAGE];

function withChecks<T>(parsed: Parsed<T>, form: FormValues, checks: FieldCheck[]): Parsed<T> {
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  for (const [field, ok, message] of checks) if (!ok(form[field] ?? "")) errors[field] ??= message;
  return Object.keys(errors).length ? { ok: false, errors } : parsed;
}

export function parseSetup(form: FormValues): Parsed<z.infer<typeof SetupSchema>> {
  const priorityIssues = (form.priorityIssues ?? "")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  const result = SetupSchema.superRefine((s, ctx) => {
    if (s.annualReviewDate <= s.planDate) {
      ctx.addIssue({ code: "custom", path: ["annualReviewDate"], message: msgText("plan.error.reviewBeforePlanDate") });
    }
  }).safeParse({ ...form, priorityIssues });
  const parsed = collect(result, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`priorityIssues.${i}`, "priorityIssues"])));
  const checked = withChecks(parsed, form, [name("clientName"), name("preferredName"), date("planDate"), date("annualReviewDate")]);
  return withClientLanguage(checked, form);
}

/**
 * The form offers only the languages Coplan has a catalog for: any other tag (well-formed or not)
 * would give the client pages in English while the plan says otherwise. A form without the field
 * (an older page still open) leaves the plan's language as it was; stored plans may hold any tag.
 */
function withClientLanguage<T>(parsed: Parsed<T>, form: FormValues): Parsed<T> {
  const tag = form.clientLanguage;
  if (tag === undefined || languageTags().includes(tag)) return parsed;
  const errors = parsed.ok ? {} : { ...parsed.errors };
  errors.clientLanguage = msgText("clientLanguage.invalid");
  return { ok: false, errors };
}

const actionForm = z
  .object({
    goalId: z.string(),
    kind: z.string(),
    description: z.string(),
    responsibleRole: z.string(),
    responsibleName: z.string().optional(),
    targetKind: z.enum(["date", "ongoing", "annual-review"], { message: msgText("plan.error.targetKind") }),
    targetDate: z.string().optional(),
  })
  .transform((f): unknown => ({
    goalId: f.goalId,
    kind: f.kind,
    description: f.description,
    responsible: { role: f.responsibleRole, name: f.responsibleName },
    targetDate: f.targetKind === "date" ? { kind: "date", date: f.targetDate ?? "" } : { kind: f.targetKind },
  }))
  .pipe(z.unknown().pipe(ActionInput));

const ITEM_FORMS = {
  goals: GoalInput,
  declined: DeclinedInput,
  barriers: BarrierInput,
  strengths: StrengthInput,
  actions: actionForm,
} satisfies Record<ItemKind, z.ZodType>;

const ITEM_RENAMES: Record<string, string> = {
  "responsible.role": "responsibleRole",
  "responsible.name": "responsibleName",
  "targetDate.date": "targetDate",
  targetDate: "targetKind",
};

export function parseItem(kind: ItemKind, form: FormValues): Parsed<Record<string, unknown>> {
  const parsed = collect<Record<string, unknown>>(ITEM_FORMS[kind].safeParse(form) as never, ITEM_RENAMES);
  if (kind !== "actions") return parsed;
  // Only a chosen date counts: an ongoing action ignores whatever is left in the date field.
  return withChecks(parsed, form, [name("responsibleName"), ...(form.targetKind === "date" ? [date("targetDate")] : [])]);
}

export function parseCommitment(form: FormValues): Parsed<string> {
  const result = z
    .string()
    .max(COMMITMENT_MAX, { message: msgText("form.keepUnder", { max: String(COMMITMENT_MAX) }) })
    .refine((s) => s.trim() !== "", { message: msgText("plan.error.commitmentEmpty") })
    .safeParse(form.text ?? "");
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: { text: result.error.issues[0].message } };
}

/** The setup as the form's fields (priority issues one per line): the inverse of parseSetup. */
export function setupToForm(setup: z.infer<typeof SetupSchema>): FormValues {
  const fields: FormValues = {};
  for (const [k, v] of Object.entries(setup)) fields[k] = v == null ? "" : String(v);
  fields.priorityIssues = setup.priorityIssues.join("\n");
  return fields;
}

/** The flat field values of a stored item, to fill an edit form. */
export function itemToForm(kind: ItemKind, item: Record<string, unknown>): FormValues {
  if (kind !== "actions") {
    return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v == null ? "" : String(v)]));
  }
  const a = item as z.infer<typeof ActionInput>;
  return {
    goalId: a.goalId,
    kind: a.kind,
    description: a.description,
    responsibleRole: a.responsible.role,
    responsibleName: a.responsible.name ?? "",
    targetKind: a.targetDate.kind,
    targetDate: a.targetDate.kind === "date" ? a.targetDate.date : "",
  };
}

export const RevField = z.coerce.number().int().nonnegative();
