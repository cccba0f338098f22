/** Builds plans through the real service (machine + store), quicker than clicking through HTTP. */
import { createPlan, sendEvent } from "../../src/plans/conversation.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";
import type { Setup } from "../../src/domain/plan.ts";
import { SETUP } from "../fixtures.ts";

export const WORDS = {
  arabic: "أريد أن أبقى في بيتي مع أطفالي",
  chinese: "我想找一份兼职工作",
  latin: "Je veux garder mon appartement, déjà payé à moitié",
};

/** `setup` overrides parts of the fixture's set-up (the client's language, say). */
export async function planAtReview(store: PlanStore, ownerId?: string, setup: Partial<Setup> = {}) {
  let plan = await createPlan(store, { ...SETUP, ...setup }, ownerId);
  const send = async (event: Parameters<typeof sendEvent>[3]) => (plan = await sendEvent(store, plan.id, plan.rev, event));
  await send({ type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: WORDS.arabic } });
  await send({ type: "ADD", kind: "goals", input: { issue: "Income", clientWords: WORDS.chinese, restatement: "Apply for two part-time jobs by 31 January" } });
  await send({ type: "ADD", kind: "goals", input: { issue: "Depression", clientWords: WORDS.latin } });
  await send({ type: "NEXT" });
  await send({ type: "ADD", kind: "barriers", input: { goalId: "g1", clientWords: "Rent went up", category: "financial-insecurity" } });
  await send({ type: "NEXT" });
  await send({ type: "ADD", kind: "strengths", input: { clientWords: "I never miss an appointment", role: "alone" } });
  await send({ type: "NEXT" });
  for (let i = 0; i < 8; i++) {
    await send({
      type: "ADD",
      kind: "actions",
      input: {
        goalId: ["g1", "g2", "g3"][i % 3],
        kind: "referral",
        description: `Step ${i + 1}: research options and make referrals if any are available`,
        responsible: { role: i % 2 ? "client" : "case-manager", name: i % 2 ? undefined : "Jo Smith" },
        targetDate: { kind: "date", date: `2027-0${(i % 8) + 1}-15` },
      },
    });
  }
  await send({ type: "NEXT" });
  await send({ type: "NEXT" });
  return plan;
}
