/**
 * The embedded store: one lowdb file per plan under `<dataDir>/plans/<id>.json`, so saving one
 * answer rewrites only that plan's file, however many plans the agency holds. A small in-memory
 * index of summaries (built at start-up, updated on each save) serves the list of plans.
 */
import { mkdir, readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import { DurableJsonFile } from "./durable-file.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import {
  planIdSchema,
  PlanNotFoundError,
  type PlanStore,
  type PlanSummary,
  StaleRevisionError,
  type NewPlan,
  type StoredPlan,
  StoredPlanSchema,
} from "./plan-store.ts";

export interface LowdbStoreOptions {
  dataDir: string;
  now: () => Date;
  summarize: (plan: StoredPlan) => Omit<PlanSummary, "id" | "updatedAt" | "rev" | "ownerId">;
  /** AES-256-GCM key for plan files at rest; without one they are plain JSON. */
  encryptionKey?: Buffer;
}

export class LowdbPlanStore implements PlanStore {
  private readonly dir: string;
  private readonly mutex = new KeyedMutex();
  private readonly index = new Map<string, PlanSummary>();
  private ready: Promise<void> | null = null;

  constructor(private readonly options: LowdbStoreOptions) {
    this.dir = join(options.dataDir, "plans");
  }

  init(): Promise<void> {
    this.ready ??= this.scan();
    return this.ready;
  }

  private async scan(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const names = await readdir(this.dir);
    // Temp files are writes that never reached their rename: the acknowledged copy is the target.
    await Promise.all(names.filter((n) => n.endsWith(".tmp")).map((n) => unlink(join(this.dir, n))));
    const files = names.filter((n) => n.endsWith(".json"));
    const BATCH = 64;
    for (let i = 0; i < files.length; i += BATCH) {
      await Promise.all(
        files.slice(i, i + BATCH).map(async (name) => {
          const plan = await this.db(name.slice(0, -5)).read();
          if (plan) this.remember(plan);
        }),
      );
    }
  }

  private file(id: string): string {
    // Ids reach here from URLs: only the strict shape may become a path, so "../" never does.
    if (!planIdSchema.safeParse(id).success) throw new PlanNotFoundError(id);
    return join(this.dir, `${id}.json`);
  }

  private db(id: string) {
    return new DurableJsonFile<StoredPlan>(this.file(id), (raw) => StoredPlanSchema.parse(raw), this.options.encryptionKey);
  }

  private remember(plan: StoredPlan): void {
    this.index.set(plan.id, {
      ...this.options.summarize(plan),
      id: plan.id,
      updatedAt: plan.updatedAt,
      rev: plan.rev,
      ownerId: plan.ownerId,
      practice: !!plan.practice,
    });
  }

  async create(plan: NewPlan): Promise<StoredPlan> {
    await this.init();
    const at = this.options.now().toISOString();
    const doc = StoredPlanSchema.parse({ ...plan, rev: 1, createdAt: at, updatedAt: at });
    return this.mutex.run(doc.id, async () => {
      const low = new Low(this.db(doc.id), doc);
      await low.write();
      this.remember(doc);
      return doc;
    });
  }

  async get(id: string): Promise<StoredPlan | null> {
    await this.init();
    if (!planIdSchema.safeParse(id).success) return null;
    return this.db(id).read();
  }

  async update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan> {
    await this.init();
    return this.mutex.run(id, async () => {
      const low = new Low<StoredPlan | null>(this.db(id) as DurableJsonFile<StoredPlan | null>, null);
      await low.read();
      const current = low.data;
      if (!current) throw new PlanNotFoundError(id);
      if (current.rev !== expectedRev) throw new StaleRevisionError(current, expectedRev);
      const next = StoredPlanSchema.parse({
        ...change(current),
        id: current.id,
        rev: current.rev + 1,
        createdAt: current.createdAt,
        updatedAt: this.options.now().toISOString(),
      });
      low.data = next;
      await low.write();
      this.remember(next);
      return next;
    });
  }

  async accessInfo(id: string): Promise<{ ownerId?: string; practice: boolean } | null> {
    await this.init();
    const summary = this.index.get(id);
    return summary ? { ownerId: summary.ownerId, practice: !!summary.practice } : null;
  }

  async list(): Promise<PlanSummary[]> {
    await this.init();
    return [...this.index.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
}

