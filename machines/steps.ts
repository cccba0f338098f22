import { SOURCE_LANGUAGE, catalogFor } from "../src/i18n/catalogs.ts";

/** The conversation's steps, in order. The machine has one state per step; views number them. */
export const STEPS = ["setup", "goals", "barriers", "strengths", "actions", "contract", "review"] as const;
export type Step = (typeof STEPS)[number];

/** The catalog key of a step's or stage's name (`step.goals`): views show it with `t()`. */
export const stepKey = (stage: Stage): string => `step.${stage}`;

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step);
}

export function isStep(value: unknown): value is Step {
  return typeof value === "string" && (STEPS as readonly string[]).includes(value);
}

/** Beyond the seven conversation steps, the plan is signed, then sealed. */
export const STAGES = [...STEPS, "signing", "signed"] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}

const english = (stage: Stage) => catalogFor(SOURCE_LANGUAGE)!.messages[stepKey(stage)];
/**
 * The names in English, read from the English catalog: only for code not yet moved to the
 * catalogs (issue 22). New code shows `t(stepKey(step))`.
 */
export const STEP_LABELS = Object.fromEntries(STEPS.map((s) => [s, english(s)])) as Record<Step, string>;
export const STAGE_LABELS = Object.fromEntries(STAGES.map((s) => [s, english(s)])) as Record<Stage, string>;
