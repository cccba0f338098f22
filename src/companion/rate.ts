/**
 * A budget of requests per key per minute, for the public companion endpoints: a phone opens its
 * page, its stream and sends answers at a person's pace, so a key far past that is a script. Keys
 * are kept in one bounded map (least recently used dropped), so guessing many keys cannot fill
 * memory; an entry older than its window starts afresh.
 */
export class Budget {
  private readonly map = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** True if this request fits; false, with nothing counted, once the minute's budget is spent. */
  take(key: string, now: number): boolean {
    let e = this.map.get(key);
    if (e) this.map.delete(key); // re-inserted last: the most recently used
    if (!e || now - e.start >= 60_000) e = { start: now, used: 0 };
    this.map.set(key, e);
    if (this.map.size > this.maxKeys) this.map.delete(this.map.keys().next().value!);
    if (e.used >= this.perMinute) return false;
    e.used++;
    return true;
  }

  /** Seconds until the key's minute is over. */
  retryAfter(key: string, now: number): number {
    const e = this.map.get(key);
    return e ? Math.max(1, Math.ceil((e.start + 60_000 - now) / 1000)) : 1;
  }
}
