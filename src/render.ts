/**
 * Eta, configured once: templates from views/, auto-escaping on (every `<%= %>` is escaped), and
 * cached in production. Pages and fragments are rendered by name; one partial serves both.
 */
import { VIEWS_DIR } from "./paths.ts";
import { Eta } from "eta";
import { STAGE_LABELS, STEP_LABELS, STEPS } from "../machines/steps.ts";
import { ROLE_LABELS } from "./auth/users.ts";
import * as labels from "./domain/labels.ts";
import * as plan from "./domain/plan.ts";

const views = VIEWS_DIR;

/** Helpers every template may use: labels for coded values and the step list. */
export const helpers = Object.freeze({ labels, STEPS, STEP_LABELS, STAGE_LABELS, ROLE_LABELS, enums: plan });

export function createRenderer(options: { cache: boolean }) {
  const eta = new Eta({ views, cache: options.cache, autoEscape: true, autoTrim: false });
  return (template: string, data: Record<string, unknown> = {}): string =>
    eta.render(`./${template}`, { ...data, h: helpers });
}

export type Render = ReturnType<typeof createRenderer>;
