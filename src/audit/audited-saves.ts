/**
 * A change to a plan and its audit entry, recorded together (issue 21): where the store keeps the
 * audit log beside the plans (PostgreSQL, PlanStore.audited), the entry goes into the save's own
 * transaction, so a change is never committed unrecorded, nor recorded uncommitted. With the
 * embedded store the entry is written after the save, as it always was: the file log cannot
 * share a transaction with a plan file.
 */
import type { AuditInput } from "./chain.ts";
import type { Audit } from "./audit.ts";
import type { AuditedPlanSaves, NewPlan, PlanStore, StoredPlan } from "../store/plan-store.ts";

type Entry = (saved: StoredPlan) => AuditInput;

export function hasAuditedSaves(store: PlanStore): store is PlanStore & { audited: AuditedPlanSaves } {
  return store.audited !== undefined;
}

/**
 * The store with every create and update recording `entry` for the plan saved: in the save's
 * transaction where the store can, else just after it.
 */
export function savingWith(deps: { store: PlanStore; audit: Audit }, entry: Entry): Pick<PlanStore, "create" | "update"> {
  const { store, audit } = deps;
  const audited = store.audited;
  if (audited) {
    return {
      create: (plan) => audited.create(plan, (saved) => [entry(saved)]),
      update: (id, rev, change) => audited.update(id, rev, change, (saved) => [entry(saved)]),
    };
  }
  return {
    create: async (plan) => {
      const saved = await store.create(plan);
      await audit.record(entry(saved));
      return saved;
    },
    update: async (id, rev, change) => {
      const saved = await store.update(id, rev, change);
      await audit.record(entry(saved));
      return saved;
    },
  };
}

/**
 * The store a request for one plan sees where saves can carry their entries (audit/plan-requests.ts
 * puts it in the request's deps): its first save of that plan records the request's entry in the
 * same transaction, and says so (`recorded`), so the entry is not written again after the answer.
 * A route that records an entry of its own with its save (savingWith) records that one instead.
 */
export class RequestSaves implements PlanStore {
  recorded = false;
  readonly audited: AuditedPlanSaves;

  constructor(
    private readonly inner: PlanStore & { audited: AuditedPlanSaves },
    private readonly planId: string,
    /** Made at the save, when the route that saves is known (its pattern names the change). */
    private readonly entry: () => AuditInput,
  ) {
    this.audited = {
      create: (plan, audit) => inner.audited.create(plan, audit),
      update: async (id, rev, change, audit) => {
        const saved = await inner.audited.update(id, rev, change, audit);
        if (id === planId) this.recorded = true;
        return saved;
      },
    };
  }

  async update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan> {
    if (this.recorded || id !== this.planId) return this.inner.update(id, expectedRev, change);
    const saved = await this.inner.audited.update(id, expectedRev, change, () => [this.entry()]);
    this.recorded = true;
    return saved;
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  create(plan: NewPlan): Promise<StoredPlan> {
    return this.inner.create(plan);
  }

  get(id: string): Promise<StoredPlan | null> {
    return this.inner.get(id);
  }

  list() {
    return this.inner.list();
  }

  accessInfo(id: string) {
    return this.inner.accessInfo(id);
  }
}
