/**
 * In-process news of saved plans: who is watching a plan (an open event stream) hears that it is
 * now at revision `rev`, and reads it from the store itself. Same shape as the PostgreSQL helper's
 * planned src/store/plan-events.ts (onPlanChanged / emitPlanChanged), so that module can replace
 * this one, or feed it from LISTEN/NOTIFY, without touching the streams.
 */
export type PlanChangeListener = (planId: string, rev: number) => void;

const listeners = new Set<PlanChangeListener>();

/** Returns the function that stops listening; call it as soon as the stream closes. */
export function onPlanChanged(listener: PlanChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitPlanChanged(planId: string, rev: number): void {
  for (const listener of listeners) {
    try {
      listener(planId, rev);
    } catch {
      // One broken stream must not keep the news from the others.
    }
  }
}

export function listenerCount(): number {
  return listeners.size;
}
