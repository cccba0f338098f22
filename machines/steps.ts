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

