/** The conversation's steps, in order. The machine has one state per step; views number them. */
export const STEPS = ["setup", "goals", "barriers", "strengths", "actions", "contract", "review"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  setup: "About the plan",
  goals: "Goals",
  barriers: "Barriers",
  strengths: "Strengths",
  actions: "Action plan",
  contract: "Contract wording",
  review: "Review",
};

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

export const STAGE_LABELS: Record<Stage, string> = { ...STEP_LABELS, signing: "Signing", signed: "Signed" };
