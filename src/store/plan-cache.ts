/**
 * The plans read or saved most recently, kept parsed beside the fingerprint of the file each one
 * matches. A conversation reads its plan on every answer and every page view; this spares the
 * open, read, JSON parse and schema parse each time, while the fingerprint check (one stat, or
 * none while the folder is watched: see lowdb-store.ts) still notices any other change to the
 * file. Every reader gets the same object, so plans handed out are never changed in place (a change
 * makes a new object); outside production they are frozen, so a test fails loudly where code would
 * break that rule. Bounded by the plans' size as JSON and by their number, least recently used
 * first out. The number matters as much as the size: a plan held here keeps alive what is derived
 * from its object (conversation.ts: the running machine, the view; page-cache.ts: rendered pages),
 * tens of KB for a plan of one or two KB of JSON. Bounded by size alone, the cache held some 1,500
 * small plans after the bench's loads, with an xstate actor each: about 20 MB of live heap.
 */
import { deepFreeze } from "../freeze.ts";
import type { StoredPlan } from "./plan-store.ts";

interface Entry {
  fp: string;
  plan: StoredPlan;
  size: number;
}

/**
 * Plans kept parsed at most, by either store. Several times the plans in conversation at once in a
 * large agency (each of the bench's loads works on 20 to 50 plans at a time); each costs tens of KB
 * with what is derived from it (its running machine, its view, its rendered pages, all keyed by the
 * plan object). Tried after the bench's loads: 256 against no count limit (about 1,500 plans).
 */
export const PLANS_KEPT = 256;

export class PlanCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(
    private readonly maxChars: number,
    private readonly freeze: boolean,
    private readonly maxPlans = Infinity,
  ) {}

  /** The cached plan if it matches the file's fingerprint `fp`; one that does not is dropped. */
  get(id: string, fp: string): StoredPlan | undefined {
    if (this.entries.get(id)?.fp === fp) return this.peek(id);
    this.delete(id);
    return undefined;
  }

  /** The cached plan whatever its fingerprint, for a caller that knows its file is unchanged. */
  peek(id: string): StoredPlan | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry); // most recently used goes last
    return entry.plan;
  }

  /** A plan about to be handed out from memory: frozen if this cache freezes what it holds. */
  hold(plan: StoredPlan): StoredPlan {
    return this.freeze ? deepFreeze(plan) : plan;
  }

  /** `size`: the plan's length as JSON text, a stand-in for the memory it holds. */
  set(id: string, fp: string, plan: StoredPlan, size: number): StoredPlan {
    this.delete(id);
    this.hold(plan);
    if (size > this.maxChars) return plan;
    this.entries.set(id, { fp, plan, size });
    this.chars += size;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars && this.entries.size <= this.maxPlans) break;
      this.entries.delete(oldest);
      this.chars -= entry.size;
    }
    return plan;
  }

  /**
   * The cached plan now matches `fp`, if it matched `was`: the same version now in another place
   * (a save's version, cached from the journal, once the checkpoint has written it to its file).
   */
  refresh(id: string, was: string, fp: string): void {
    const entry = this.entries.get(id);
    if (entry?.fp === was) entry.fp = fp;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.chars -= entry.size;
  }
}
