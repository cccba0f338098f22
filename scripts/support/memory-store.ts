/**
 * A PlanStore that keeps plans in memory, for generating benchmark stores: the real service and
 * machine run against it (restore, guards, seal), but nothing touches the disk until the
 * generator writes the finished documents out. It parses every document as the real store does.
 */
import { PlanNotFoundError, type PlanStore, type PlanSummary, StaleRevisionError, type StoredPlan, StoredPlanSchema } from "../../src/store/plan-store.ts";

export class MemoryPlanStore implements PlanStore {
  readonly plans = new Map<string, StoredPlan>();

  constructor(private readonly now: () => Date) {}

  async init(): Promise<void> {}

  async create(plan: Parameters<PlanStore["create"]>[0]): Promise<StoredPlan> {
    const at = this.now().toISOString();
    const doc = StoredPlanSchema.parse({ ...plan, rev: 1, createdAt: at, updatedAt: at });
    this.plans.set(doc.id, doc);
    return doc;
  }

  /** Puts a finished document in as it is (a copy of another plan under a new id). */
  put(plan: StoredPlan): void {
    this.plans.set(plan.id, StoredPlanSchema.parse(plan));
  }

  async get(id: string): Promise<StoredPlan | null> {
    return this.plans.get(id) ?? null;
  }

  async update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan> {
    const current = this.plans.get(id);
    if (!current) throw new PlanNotFoundError(id);
    if (current.rev !== expectedRev) throw new StaleRevisionError(current, expectedRev);
    const next = StoredPlanSchema.parse({ ...change(current), id, rev: current.rev + 1, createdAt: current.createdAt, updatedAt: this.now().toISOString() });
    this.plans.set(id, next);
    return next;
  }

  async list(): Promise<PlanSummary[]> {
    return [];
  }

  async accessInfo(id: string): Promise<{ ownerId?: string; practice: boolean } | null> {
    const plan = this.plans.get(id);
    return plan ? { ownerId: plan.ownerId, practice: !!plan.practice } : null;
  }
}
