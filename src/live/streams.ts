/**
 * Open event streams, counted and capped: each holds a socket and a listener for as long as a page
 * is open, so their number must not grow without bound (one plan left open in many tabs, or a
 * script opening streams). A stream past either cap is refused (503) and the browser retries later.
 */
export const STREAM_LIMITS = { total: 500, perPlan: 20 };

export class StreamCounter {
  private total = 0;
  private readonly perPlan = new Map<string, number>();

  constructor(private readonly limits = STREAM_LIMITS) {}

  /** A release function (call it once the stream closes), or null when a cap is reached. */
  open(planId: string): (() => void) | null {
    const here = this.perPlan.get(planId) ?? 0;
    if (this.total >= this.limits.total || here >= this.limits.perPlan) return null;
    this.total++;
    this.perPlan.set(planId, here + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perPlan.get(planId) ?? 1) - 1;
      if (left > 0) this.perPlan.set(planId, left);
      else this.perPlan.delete(planId);
    };
  }

  count(): number {
    return this.total;
  }
}

export const streams = new StreamCounter();
