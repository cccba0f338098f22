/**
 * The sealed, signed version of a plan: written once, with the second signature, and checked every
 * time it is shown. If the stored record is altered, the hash no longer matches and every page that
 * shows it says so plainly.
 */
import type { PlanData } from "../domain/plan.ts";
import { PlanDataSchema } from "../domain/plan.ts";
import { type Consent, type Signature, SignatureSchema } from "../domain/signature.ts";
import type { StoredPlan } from "../store/plan-store.ts";
import { canonicalJson, sha256Hex } from "./canonical.ts";

export const SEALED_FORMAT = "coplan.signed-plan";

/** What both people sign: the plan's content, bound to this plan and version. */
export function signedContent(planId: string, version: number, data: PlanData) {
  return { format: SEALED_FORMAT, planId, version, data };
}

export function contentHash(planId: string, version: number, data: PlanData): string {
  return sha256Hex(canonicalJson(signedContent(planId, version, data)));
}

export function seal(planId: string, version: number, data: PlanData, consent: Consent, signatures: Signature[], at: string): NonNullable<StoredPlan["sealed"]> {
  const canonical = canonicalJson(signedContent(planId, version, data));
  return { version, sealedAt: at, canonical, contentHash: sha256Hex(canonical), consent, signatures };
}

export type SealCheck =
  | { ok: true; data: PlanData; signatures: Signature[]; consent: Consent; contentHash: string; sealedAt: string; version: number }
  | { ok: false; problem: string };

/** Re-reads a sealed version from what is stored, trusting nothing: hash, signatures, shape. */
export function verifySeal(planId: string, sealed: StoredPlan["sealed"]): SealCheck {
  const broken = (why: string): SealCheck => ({
    ok: false,
    problem: `This record no longer matches its signatures: ${why} It may have been changed after signing. Do not rely on it; tell your supervisor.`,
  });
  if (!sealed) return { ok: false, problem: "This plan has not been signed yet." };
  if (sha256Hex(sealed.canonical) !== sealed.contentHash) return broken("its content differs from what was signed.");
  const signatures = SignatureSchema.array().safeParse(sealed.signatures);
  if (!signatures.success || signatures.data.length !== 2) return broken("its signatures are damaged.");
  if (signatures.data.some((s) => s.contentHash !== sealed.contentHash)) return broken("a signature was made over different content.");
  let content: { format?: unknown; planId?: unknown; version?: unknown; data?: unknown };
  try {
    content = JSON.parse(sealed.canonical);
  } catch {
    return broken("its content cannot be read.");
  }
  if (content.format !== SEALED_FORMAT || content.planId !== planId || content.version !== sealed.version) {
    return broken("it belongs to another plan or version.");
  }
  const data = PlanDataSchema.safeParse(content.data);
  if (!data.success) return broken("its content cannot be read.");
  return {
    ok: true,
    data: data.data,
    signatures: signatures.data,
    consent: sealed.consent as Consent,
    contentHash: sealed.contentHash,
    sealedAt: sealed.sealedAt,
    version: sealed.version,
  };
}
