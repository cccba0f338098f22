/**
 * At sign-out every phone link the case manager made ends with their session: a phone must not go
 * on following a plan nobody is at the shared screen for. Their plans are found from the store's
 * summaries (a caseload, not every plan read); only plans holding a live link of theirs are written.
 */
import type { PlanStore } from "../store/plan-store.ts";
import { StaleRevisionError } from "../store/plan-store.ts";
import { endLinks } from "./links.ts";
import type { PlanEvents } from "../store/plan-events.ts";

export async function endCompanionLinksOf(store: PlanStore, events: PlanEvents, userId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  for (const summary of await store.list()) {
    if (summary.ownerId !== userId) continue;
    for (let attempt = 0; attempt < 4; attempt++) {
      const plan = await store.get(summary.id);
      if (!plan || !(plan.companionLinks ?? []).some((l) => !l.endedAt && l.by === userId && l.expiresAt > at)) break;
      try {
        const saved = await store.update(plan.id, plan.rev, (p) => ({ ...p, companionLinks: endLinks(p.companionLinks ?? [], at, userId) }));
        events.emitPlanChanged(saved.id, saved.rev); // the phone's open stream hears it and shows that the link has ended
        break;
      } catch (err) {
        if (!(err instanceof StaleRevisionError)) throw err;
      }
    }
  }
}
