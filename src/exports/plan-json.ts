/**
 * A plan version as JSON, in Coplan's documented export format (README.md, "Exports"): the plan's
 * content, its signatures and seal if signed, and the progress recorded since. Pure.
 */
import type { PlanData } from "../domain/plan.ts";
import type { Signature } from "../domain/signature.ts";
import type { PlanView } from "../plans/conversation.ts";
import { verifySeal } from "../signing/seal.ts";
import type { Progress } from "../store/plan-store.ts";

export const EXPORT_FORMAT = "coplan.plan-export";

export interface VersionExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  planId: string;
  version: number;
  status: "draft" | "signed";
  /** Set when a signed record no longer matches its hash: the data below must not be trusted. */
  integrity: "verified" | "draft" | "broken";
  data: PlanData;
  signatures: Signature[];
  sealedAt?: string;
  contentHash?: string;
  progress: Progress;
  replacesVersion?: number;
}

export type VersionPick = { ok: true; value: VersionExport } | { ok: false; status: 404 | 409; message: string };

/** The version asked for (a number), or the current one. */
export function pickVersion(plan: PlanView, version: string | undefined): VersionPick {
  const current = String(plan.version);
  const base = { format: EXPORT_FORMAT as typeof EXPORT_FORMAT, formatVersion: 1 as const, planId: plan.id };
  if (version === undefined || version === current) {
    if (!plan.sealed) {
      return { ok: true, value: { ...base, version: plan.version, status: "draft", integrity: "draft", data: plan.data, signatures: [], progress: plan.progress, replacesVersion: plan.history.at(-1)?.version } };
    }
    const check = verifySeal(plan.id, plan.sealed);
    if (!check.ok) return { ok: false, status: 409, message: check.problem };
    return { ok: true, value: { ...base, version: plan.version, status: "signed", integrity: "verified", data: check.data, signatures: check.signatures, sealedAt: check.sealedAt, contentHash: check.contentHash, progress: plan.progress, replacesVersion: plan.history.at(-1)?.version } };
  }
  const index = plan.history.findIndex((h) => String(h.version) === version);
  if (index < 0) return { ok: false, status: 404, message: "There is no such version of this plan." };
  const h = plan.history[index];
  const check = verifySeal(plan.id, h.sealed);
  if (!check.ok) return { ok: false, status: 409, message: check.problem };
  return { ok: true, value: { ...base, version: h.version, status: "signed", integrity: "verified", data: check.data, signatures: check.signatures, sealedAt: check.sealedAt, contentHash: check.contentHash, progress: h.progress, replacesVersion: plan.history[index - 1]?.version } };
}
