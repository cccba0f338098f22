/**
 * Everything the machine makes is checked against the schema the store reads plans with, in every
 * mode: data the schema would refuse must never be saved, or the plan could not be read again.
 * Checking the whole plan on every answer cost too much for production (so it used to be off
 * there); instead each object is checked once. The machine replaces only what an event changed
 * and keeps every other item as the same object, so an answer checks the one or two items it
 * touched. Item by item is the whole schema: PlanDataSchema is a record of lists of these and has
 * no rule across items.
 */
import {
  ActionSchema,
  BarrierSchema,
  DeclinedSchema,
  GoalSchema,
  type PlanData,
  SetupSchema,
  StrengthSchema,
} from "../domain/plan.ts";
import type { z } from "zod";
import { type Msg, msg } from "../i18n/translator.ts";

const LISTS = {
  goals: GoalSchema,
  declined: DeclinedSchema,
  barriers: BarrierSchema,
  strengths: StrengthSchema,
  actions: ActionSchema,
} satisfies Record<Exclude<keyof PlanData, "setup">, z.ZodType>;

const checked = new WeakSet<object>();

/**
 * Why the schema refuses this data, as a message, or null. The field is named by its code (the
 * English catalog shows it; a bug, not an answer, makes such data), and a length limit by number.
 */
export function whyMachineDataInvalid(data: PlanData): Msg | null {
  if (checked.has(data)) return null;
  const problem = (part: keyof PlanData, error: z.ZodError) => {
    const issue = error.issues[0];
    const field = issue.path.filter((p) => typeof p === "string").join(" ") || "none";
    // A string, so the number is shown as the limit is written (2400, not "2,400").
    const max = issue.code === "too_big" ? String(issue.maximum) : "none";
    return msg("conversation.refuse.invalidData", { what: part, field, max });
  };
  if (!checked.has(data.setup)) {
    const r = SetupSchema.safeParse(data.setup);
    if (!r.success) return problem("setup", r.error);
    checked.add(data.setup);
  }
  for (const [part, schema] of Object.entries(LISTS) as [keyof typeof LISTS, z.ZodType][]) {
    const list = data[part];
    if (!Array.isArray(list)) return msg("conversation.refuse.invalidData", { what: part, field: "none", max: "none" });
    for (const item of list as object[]) {
      if (checked.has(item)) continue;
      const r = schema.safeParse(item);
      if (!r.success) return problem(part, r.error);
      checked.add(item);
    }
  }
  checked.add(data);
  return null;
}
