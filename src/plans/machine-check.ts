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

const LISTS = {
  goals: GoalSchema,
  declined: DeclinedSchema,
  barriers: BarrierSchema,
  strengths: StrengthSchema,
  actions: ActionSchema,
} satisfies Record<Exclude<keyof PlanData, "setup">, z.ZodType>;

const WHAT: Record<keyof PlanData, string> = {
  setup: "the plan's details",
  goals: "a goal",
  declined: "an area not addressed",
  barriers: "a barrier",
  strengths: "a strength",
  actions: "an action",
};

const checked = new WeakSet<object>();

/** Why the schema refuses this data, in words, or null. */
export function whyMachineDataInvalid(data: PlanData): string | null {
  if (checked.has(data)) return null;
  const problem = (part: keyof PlanData, error: z.ZodError) => {
    const issue = error.issues[0];
    const field = issue.path.filter((p) => typeof p === "string").join(" ");
    return `This change cannot be saved: ${field ? `the ${field} of ` : ""}${WHAT[part]} does not fit the plan. ${issue.message}`;
  };
  if (!checked.has(data.setup)) {
    const r = SetupSchema.safeParse(data.setup);
    if (!r.success) return problem("setup", r.error);
    checked.add(data.setup);
  }
  for (const [part, schema] of Object.entries(LISTS) as [keyof typeof LISTS, z.ZodType][]) {
    const list = data[part];
    if (!Array.isArray(list)) return `This change cannot be saved: ${WHAT[part]} list is missing.`;
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
