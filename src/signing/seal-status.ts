/**
 * What every page that shows a signed plan must say about its seal: whether it is broken, whether
 * it was sealed before keyed seals existed, and whether the plan as stored still matches what was
 * signed. One function, so the plan page, handover, review page, retainer, PDF and exports agree.
 */
import { msgText } from "../i18n/translator.ts";
import type { PlanView } from "../plans/conversation.ts";
import { liveDataMatches, type SealCheck, type SealKey, verifySeal } from "./seal.ts";

export interface SealStatus {
  /** The seal is broken, or cannot be checked: nothing from it may be relied on (seal.ts's words). */
  problem?: string;
  /** Sealed before keyed seals existed: checked by its hash only. A message (msgText) for the reader's language. */
  unkeyed?: string;
  /** The plan as stored (what the plan page and handover show) differs from what was signed. A message (msgText). */
  liveDiffers?: string;
  keyId?: string;
}

export function statusOf(check: SealCheck, liveMatches = true): SealStatus {
  if (!check.ok) return { problem: check.problem };
  return {
    ...(check.scheme === "unkeyed" ? { unkeyed: msgText("seal.unkeyed") } : { keyId: check.keyId }),
    ...(liveMatches ? {} : { liveDiffers: msgText("seal.liveDiffers") }),
  };
}

/**
 * The current version's seal and status, if the current version is signed (a reassessment draft
 * has no seal of its own, and its data is meant to differ from the last signed version).
 */
export function currentSeal(plan: PlanView, key: SealKey): { check: SealCheck; status: SealStatus } | null {
  if (!plan.sealed) return null;
  const check = verifySeal(plan.id, plan.sealed, key);
  const matches = check.ok ? liveDataMatches(plan.id, plan.version, plan.data, check) : true;
  return { check, status: statusOf(check, matches) };
}
