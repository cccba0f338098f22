/** A plan taken all the way to signed through the real service, for tests that need one. */
import { contentHash, type SealSigner } from "../../src/signing/seal.ts";
import { sendEvent } from "../../src/plans/conversation.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";
import type { Signature } from "../../src/domain/signature.ts";
import type { Setup } from "../../src/domain/plan.ts";
import { planAtReview } from "./plans.ts";

/**
 * The installation key each test app's store seals with (buildApp registers it), so a plan signed
 * here verifies on that app's pages as one signed over HTTP would.
 */
const signers = new WeakMap<PlanStore, SealSigner>();
export function registerSigner(store: PlanStore, signer: SealSigner): void {
  signers.set(store, signer);
}

export async function signedPlan(store: PlanStore, ownerId: string, signer = signers.get(store), setup: Partial<Setup> = {}) {
  let plan = await planAtReview(store, ownerId, setup);
  plan = await sendEvent(store, plan.id, plan.rev, { type: "NEXT" });
  plan = await sendEvent(store, plan.id, plan.rev, { type: "CONSENT", consent: { noticeVersion: "test", at: "2026-11-24T10:00:00.000Z", parties: ["client", "case-manager"] } });
  const hash = contentHash(plan.id, plan.version, plan.data);
  const sig = (party: Signature["party"], name: string): Signature => ({ party, name, method: "typed", typedName: name, agreed: true, at: "2026-11-24T10:00:00.000Z", ip: "127.0.0.1", userAgent: "test", contentHash: hash });
  plan = await sendEvent(store, plan.id, plan.rev, { type: "SIGN", signature: sig("client", "Amira Haddad") });
  plan = await sendEvent(store, plan.id, plan.rev, { type: "SIGN", signature: sig("case-manager", "Casey") }, signer);
  return plan;
}
