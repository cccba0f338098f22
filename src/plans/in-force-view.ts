/**
 * What the plan page shows of the signed version in force while a reassessment's draft exists
 * beside it: which version, when it was signed, and its seal's status (the seal status notice
 * must show wherever a signed version is shown). Undefined when there is no draft beside it.
 */
import { statusOf } from "../signing/seal-status.ts";
import { type SealKey, verifySeal } from "../signing/seal.ts";
import type { PlanView } from "./conversation.ts";
import { inForce } from "./reassessment.ts";

export function inForceBeside(plan: PlanView, key: SealKey) {
  const force = inForce(plan);
  if (!force?.draftBeside) return undefined;
  return { version: force.version, sealedAt: force.sealed.sealedAt, sealStatus: statusOf(verifySeal(plan.id, force.sealed, key)) };
}
