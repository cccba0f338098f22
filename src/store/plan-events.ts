/**
 * "This plan changed": an in-process bus that everything needing to follow a plan listens to (the
 * store's own cache, the phone companion's live updates). Every process hears every change: its own
 * saves are told at once, and in PostgreSQL mode other processes' saves arrive through LISTEN/NOTIFY
 * (pg-listener.ts), so a change made through one process is seen through all.
 *
 * Events carry only the plan's id and its new revision; a listener reads the rest from the store.
 * Each (id, rev) is told once, however many ways it arrives (a process's own save and its echo from
 * PostgreSQL), and never after a newer one.
 */

export type PlanChangedListener = (id: string, rev: number) => void;

/** The PostgreSQL channel, and its payload `<id>:<rev>`: ids hold no colon (plan-store.ts isPlanId). */
export const PLAN_CHANNEL = "coplan_plan";

export function planPayload(id: string, rev: number): string {
  return `${id}:${rev}`;
}

export function parsePlanPayload(payload: string | undefined): { id: string; rev: number } | null {
  const m = /^([^:]{1,200}):([1-9]\d{0,15})$/.exec(payload ?? "");
  return m ? { id: m[1], rev: Number(m[2]) } : null;
}

/** How many plans' last revisions are remembered to tell repeats apart: older ones may be told twice. */
const REMEMBERED = 10_000;

export class PlanEvents {
  private readonly listeners = new Set<PlanChangedListener>();
  private readonly told = new Map<string, number>();

  /** Calls `listener` for every change from now on; returns what stops it. */
  onPlanChanged(listener: PlanChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emitPlanChanged(id: string, rev: number): void {
    const last = this.told.get(id);
    if (last !== undefined && last >= rev) return;
    this.told.delete(id);
    this.told.set(id, rev);
    if (this.told.size > REMEMBERED) this.told.delete(this.told.keys().next().value!);
    for (const listener of this.listeners) {
      try {
        listener(id, rev);
      } catch (err) {
        // One listener's bug must not keep the change from the others, nor fail the save that told it.
        console.error(`A plan-change listener failed: ${(err as Error).message}`);
      }
    }
  }
}
