/**
 * Practice scenarios: made-up clients (data/scenarios/*.json) with a background and the answers
 * they are likely to give. Read and checked once at start-up; a broken file is a clear error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { SCENARIOS_DIR } from "../paths.ts";
import { join } from "node:path";
import { z } from "zod";
import { BARRIER_CATEGORIES, RESPONSIBLE_ROLES, SERVICE_LENGTHS, STRENGTH_ROLES } from "../domain/plan.ts";

const ScenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  client: z.object({ name: z.string(), pronouns: z.string().optional() }),
  background: z.string(),
  serviceLength: z.enum(SERVICE_LENGTHS),
  priorityIssues: z.array(z.string()).min(1),
  answers: z.object({
    goals: z.array(z.object({ issue: z.string(), clientWords: z.string() })),
    declined: z.array(z.object({ issue: z.string(), reason: z.string().optional() })).default([]),
    barriers: z.array(z.object({ goal: z.number().int(), clientWords: z.string(), category: z.enum(BARRIER_CATEGORIES) })),
    strengths: z.array(z.object({ clientWords: z.string(), role: z.enum(STRENGTH_ROLES) })),
    actions: z.array(z.object({ goal: z.number().int(), description: z.string(), responsible: z.enum(RESPONSIBLE_ROLES), mistake: z.string().optional() })).default([]),
    commitments: z.array(z.object({ text: z.string(), mistake: z.string().optional() })).default([]),
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

const dir = SCENARIOS_DIR;

let cache: Scenario[] | null = null;
export function scenarios(): Scenario[] {
  cache ??= readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const parsed = ScenarioSchema.safeParse(JSON.parse(readFileSync(join(dir, f), "utf8")));
      if (!parsed.success) throw new Error(`The practice scenario ${f} is not valid: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
  return cache;
}

export function scenario(id: string | undefined): Scenario | undefined {
  return scenarios().find((s) => s.id === id);
}
