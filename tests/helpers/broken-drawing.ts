/** A plan signed before drawings were checked, holding a drawn signature pdfkit cannot decode. */
import { contentHash, type SealSigner } from "../../src/signing/seal.ts";
import { sendEvent } from "../../src/plans/conversation.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";
import type { Signature } from "../../src/domain/signature.ts";
import { signaturePng } from "../../scripts/support/signature-png.ts";
import { planAtReview } from "./plans.ts";

/** A PNG whose header is sound and whose compressed pixels are not (pdfkit threw from zlib's callback). */
export function brokenDrawing(): string {
  const png = Buffer.from(signaturePng(3).split(",")[1], "base64");
  const idat = png.indexOf("IDAT");
  for (let i = idat + 20; i < idat + 60; i++) png[i] ^= 0x5a;
  return `data:image/png;base64,${png.toString("base64")}`;
}

export async function planWithBrokenDrawing(store: PlanStore, ownerId: string, signer: SealSigner) {
  let plan = await planAtReview(store, ownerId);
  plan = await sendEvent(store, plan.id, plan.rev, { type: "NEXT" });
  plan = await sendEvent(store, plan.id, plan.rev, { type: "CONSENT", consent: { noticeVersion: "test", at: "2026-11-24T10:00:00.000Z", parties: ["client", "case-manager"] } });
  const hash = contentHash(plan.id, plan.version, plan.data);
  const at = "2026-11-24T10:00:00.000Z";
  const client: Signature = { party: "client", name: "Amira Haddad", method: "drawn", image: brokenDrawing(), typedName: "Amira Haddad", agreed: true, at, ip: "127.0.0.1", userAgent: "test", contentHash: hash };
  const worker: Signature = { party: "case-manager", name: "Casey", method: "typed", typedName: "Casey", agreed: true, at, ip: "127.0.0.1", userAgent: "test", contentHash: hash };
  plan = await sendEvent(store, plan.id, plan.rev, { type: "SIGN", signature: client });
  plan = await sendEvent(store, plan.id, plan.rev, { type: "SIGN", signature: worker }, signer);
  return plan;
}
