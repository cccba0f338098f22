/**
 * The seal as a file of its own: embedded in every retainer PDF (and the same record as an
 * export's `seal`), so `npm run seal:verify` can check a retainer with the public key alone.
 */
import type { Sealed } from "./seal.ts";

export const SEAL_ATTACHMENT_FORMAT = "coplan.seal-attachment";
export const SEAL_ATTACHMENT_NAME = "coplan-seal.json";

export function sealAttachment(planId: string, sealed: Sealed): string {
  return JSON.stringify({ format: SEAL_ATTACHMENT_FORMAT, planId, seal: sealed });
}
