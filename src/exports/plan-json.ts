/**
 * A plan version as JSON, in Coplan's documented export format (README.md, "Exports"): the plan's
 * content, its signatures and seal if signed, and the progress recorded since. Pure.
 *
 * A signed version carries its sealed record whole (`seal`), so whoever holds the installation's
 * public key can check it without Coplan: `npm run seal:verify -- <file>`.
 */
import { msgText } from "../i18n/translator.ts";
import type { PlanData } from "../domain/plan.ts";
import type { Signature } from "../domain/signature.ts";
import type { PlanView } from "../plans/conversation.ts";
import { LIVE_DATA_DIFFERS, liveDataMatches, type Sealed, type SealKey, UNKEYED_NOTICE, verifySeal } from "../signing/seal.ts";
import type { Progress } from "../store/plan-store.ts";

export const EXPORT_FORMAT = "coplan.plan-export";

export interface VersionExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  planId: string;
  version: number;
  status: "draft" | "signed";
  /**
   * "verified": the seal's key signature and hash check out. "sealed-before-keyed-seals": an
   * older seal, checked by its hash only. A broken seal is never exported (409).
   */
  integrity: "verified" | "sealed-before-keyed-seals" | "draft" | "broken";
  /**
   * For the current signed version: whether the plan as stored still matches what was signed.
   * "differs-from-seal" means it was changed after signing; `data` is always the sealed content.
   */
  liveData?: "matches-seal" | "differs-from-seal";
  /** Plain words for anything above a reader should know. */
  warnings?: string[];
  data: PlanData;
  signatures: Signature[];
  sealedAt?: string;
  contentHash?: string;
  /** The sealed record as stored: canonical content, consent, signatures, key id and key signature. */
  seal?: Sealed;
  progress: Progress;
  replacesVersion?: number;
}

export type VersionPick = { ok: true; value: VersionExport } | { ok: false; status: 404 | 409; message: string };

function signedExport(planId: string, sealed: Sealed, key: SealKey, live: { version: number; data: PlanData } | null): VersionPick | { ok: true; value: Omit<VersionExport, "format" | "formatVersion" | "planId" | "progress" | "replacesVersion"> } {
  const check = verifySeal(planId, sealed, key);
  if (!check.ok) return { ok: false, status: 409, message: check.problem };
  const matches = live ? liveDataMatches(planId, live.version, live.data, check) : true;
  const warnings = [...(check.scheme === "unkeyed" ? [UNKEYED_NOTICE] : []), ...(matches ? [] : [LIVE_DATA_DIFFERS])];
  return {
    ok: true,
    value: {
      version: check.version,
      status: "signed",
      integrity: check.scheme === "keyed" ? "verified" : "sealed-before-keyed-seals",
      ...(live ? { liveData: matches ? "matches-seal" : "differs-from-seal" } : {}),
      ...(warnings.length ? { warnings } : {}),
      data: check.data,
      signatures: check.signatures,
      sealedAt: check.sealedAt,
      contentHash: check.contentHash,
      seal: sealed,
    },
  };
}

/** The version asked for (a number), or the current one. `key` checks the seal (deps.signer). */
export function pickVersion(plan: PlanView, version: string | undefined, key: SealKey): VersionPick {
  const current = String(plan.version);
  const base = { format: EXPORT_FORMAT as typeof EXPORT_FORMAT, formatVersion: 1 as const, planId: plan.id };
  if (version === undefined || version === current) {
    if (!plan.sealed) {
      return { ok: true, value: { ...base, version: plan.version, status: "draft", integrity: "draft", data: plan.data, signatures: [], progress: plan.progress, replacesVersion: plan.history.at(-1)?.version } };
    }
    const signed = signedExport(plan.id, plan.sealed, key, { version: plan.version, data: plan.data });
    if (!signed.ok) return signed;
    return { ok: true, value: { ...base, ...signed.value, progress: plan.progress, replacesVersion: plan.history.at(-1)?.version } };
  }
  const index = plan.history.findIndex((h) => String(h.version) === version);
  if (index < 0) return { ok: false, status: 404, message: msgText("exports.noSuchVersion") };
  const h = plan.history[index];
  const signed = signedExport(plan.id, h.sealed, key, null);
  if (!signed.ok) return signed;
  return { ok: true, value: { ...base, ...signed.value, progress: h.progress, replacesVersion: plan.history[index - 1]?.version } };
}
