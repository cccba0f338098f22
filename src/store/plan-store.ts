/**
 * The storage interface routes and services depend on. The embedded lowdb store implements it; a
 * PostgreSQL store can implement it later without touching routes or the machine.
 */
import { z } from "zod";
import type { AuditInput } from "../audit/chain.ts";

export const PLAN_FORMAT = "coplan.plan";
export const PLAN_FORMAT_VERSION = 1;

const PLAN_ID = /^[A-Za-z0-9_-]{16}$/;
export const planIdSchema = z.string().regex(PLAN_ID);
/**
 * The same check as planIdSchema, for the store's hot paths (every read, every file name at
 * start-up): a plain regex test costs a fraction of a schema parse, 10,000 times at start-up.
 */
export const isPlanId = (id: string): boolean => PLAN_ID.test(id);

const SealedSchema = z.object({
  version: z.number().int().positive(),
  sealedAt: z.string(),
  canonical: z.string(),
  contentHash: z.string(),
  consent: z.unknown(),
  signatures: z.array(z.record(z.string(), z.unknown())),
  /** The installation key's id and its Ed25519 signature over the seal (absent on older seals). */
  keyId: z.string().optional(),
  keySignature: z.string().optional(),
});

export const ACTION_PROGRESS = ["not-started", "in-progress", "done", "not-done"] as const;
export const GOAL_PROGRESS = ["in-progress", "achieved", "not-achieved", "no-longer-relevant"] as const;

/**
 * Progress recorded after signing, beside the sealed version (which never changes): each action's
 * and goal's current status, every change with who and when, and dated notes.
 */
export const ProgressSchema = z.object({
  actions: z.record(z.string(), z.object({ status: z.enum(ACTION_PROGRESS), reason: z.string().optional(), at: z.string(), by: z.string() })).default({}),
  goals: z.record(z.string(), z.object({ status: z.enum(GOAL_PROGRESS), at: z.string(), by: z.string() })).default({}),
  log: z
    .array(z.object({ at: z.string(), by: z.string(), target: z.object({ kind: z.enum(["action", "goal"]), id: z.string() }), status: z.string(), reason: z.string().optional(), version: z.number().int() }))
    .default([]),
  notes: z
    .array(
      z.object({
        id: z.string(),
        at: z.string(),
        by: z.string(),
        target: z.object({ kind: z.enum(["action", "goal"]), id: z.string() }),
        kind: z.enum(["progress", "lack-of-progress", "change"]),
        text: z.string().max(4000),
        version: z.number().int(),
      }),
    )
    .default([]),
});
export type Progress = z.infer<typeof ProgressSchema>;
export const emptyProgress = (): Progress => ({ actions: {}, goals: {}, log: [], notes: [] });

/** A stored plan document: the machine's persisted snapshot plus bookkeeping. */
export const StoredPlanSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  id: planIdSchema,
  rev: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  machineVersion: z.number().int(),
  /** The case manager whose caseload holds this plan (a user id). */
  ownerId: z.string().optional(),
  /** Supervisors' comments and handover notes, beside the plan (never inside the signed version). */
  notes: z
    .array(z.object({ id: z.string(), at: z.string(), by: z.string(), kind: z.enum(["comment", "handover"]), text: z.string().max(4000) }))
    .default([]),
  /** XState's getPersistedSnapshot(); its context is parsed separately with PlanDataSchema. */
  snapshot: z.record(z.string(), z.unknown()),
  /**
   * The signed version, written once with the second signature and never changed: the canonical
   * content, its SHA-256, and the signatures. Parsed loosely here on purpose: an altered file must
   * still load so every page can say it no longer matches its signatures (src/signing/seal.ts).
   */
  sealed: SealedSchema.optional(),
  /** The version now in progress (a draft) or signed; reassessment starts the next one. */
  version: z.number().int().positive().default(1),
  progress: ProgressSchema.default(emptyProgress),
  /** Practice plans (training mode) never count as real work: not in caseloads, exports or counts. */
  practice: z.object({ scenarioId: z.string() }).optional(),
  /** Coaching findings the worker dismissed at the review, each with the reason, kept. */
  coaching: z
    .object({ dismissed: z.array(z.object({ key: z.string(), rule: z.string(), reason: z.string().max(500), by: z.string(), at: z.string() })) })
    .default({ dismissed: [] }),
  /** Earlier signed versions, read-only, each with the progress recorded against it. */
  history: z.array(z.object({ version: z.number().int().positive(), sealed: SealedSchema, progress: ProgressSchema })).default([]),
  /** Private links for the client to read the signed plan; only each token's hash is kept. */
  reviewLinks: z
    .array(
      z.object({
        id: z.string(),
        tokenHash: z.string(),
        createdAt: z.string(),
        expiresAt: z.string(),
        revokedAt: z.string().optional(),
        lastUsedAt: z.string().optional(),
      }),
    )
    .default([]),
  /** Companion links: the client's phone follows this plan for two hours at most; only each token's hash is kept. */
  companionLinks: z
    .array(z.object({ id: z.string(), tokenHash: z.string(), by: z.string(), createdAt: z.string(), expiresAt: z.string(), endedAt: z.string().optional() }))
    .default([]),
});
export type StoredPlan = z.infer<typeof StoredPlanSchema>;

export interface PlanSummary {
  id: string;
  clientName: string;
  step: string;
  updatedAt: string;
  rev: number;
  ownerId?: string;
  practice?: boolean;
  annualReviewDate?: string;
  /** Target dates (YYYY-MM-DD) of actions not yet done, for the caseload's due and overdue lists. */
  openTargets?: string[];
}

export class StaleRevisionError extends Error {
  constructor(
    readonly current: StoredPlan,
    readonly expectedRev: number,
  ) {
    super(`Plan ${current.id} is at revision ${current.rev}, not ${expectedRev}.`);
    this.name = "StaleRevisionError";
  }
}

/**
 * The next revision of a stored plan, as every store makes it: `change` applied to the plan at the
 * revision the caller expected (a StaleRevisionError otherwise), its identity, revision and times
 * set by the store, and the whole checked against the schema before anything is written.
 */
export function nextRevision(current: StoredPlan, expectedRev: number, change: (plan: StoredPlan) => StoredPlan, now: Date): StoredPlan {
  if (current.rev !== expectedRev) throw new StaleRevisionError(current, expectedRev);
  return StoredPlanSchema.parse({
    ...change(current),
    id: current.id,
    rev: current.rev + 1,
    createdAt: current.createdAt,
    updatedAt: now.toISOString(),
  });
}

export class PlanNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No plan ${id}.`);
    this.name = "PlanNotFoundError";
  }
}

/** What a caller gives to create a plan; the store fills in the revision, times and defaults. */
export type NewPlan = Omit<StoredPlan, "rev" | "createdAt" | "updatedAt" | "notes" | "version" | "progress" | "history" | "coaching" | "companionLinks"> &
  Partial<Pick<StoredPlan, "notes" | "version" | "progress" | "history" | "coaching" | "companionLinks">>;

/** Saves that carry their audit entries (PlanStore.audited). */
export interface AuditedPlanSaves {
  create(plan: NewPlan, audit: (saved: StoredPlan) => AuditInput[]): Promise<StoredPlan>;
  update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan, audit: (saved: StoredPlan) => AuditInput[]): Promise<StoredPlan>;
}

export interface PlanStore {
  /** Reads every stored plan once; refuses to start on a corrupt file rather than hide it. */
  init(): Promise<void>;
  create(plan: NewPlan): Promise<StoredPlan>;
  get(id: string): Promise<StoredPlan | null>;
  /**
   * Applies `change` to the plan if it is still at `expectedRev`, writes it durably, and resolves
   * only once it is on disk. A stale revision throws StaleRevisionError and writes nothing.
   */
  update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan>;
  list(): Promise<PlanSummary[]>;
  /** Who owns a plan and whether it is practice, from the index without reading its file; null if no such plan. */
  accessInfo(id: string): Promise<{ ownerId?: string; practice: boolean } | null>;
  /**
   * Only where the store keeps the audit log beside the plans (PostgreSQL): create() and update()
   * that record `audit`'s entries for the saved plan in the save's own transaction, so the change
   * and its record commit together or not at all. Callers go through src/audit/audited-saves.ts,
   * which records after the save where a store has none.
   */
  readonly audited?: AuditedPlanSaves;
  /** Brings every plan's own file up to date now, where saves reach them later (optional). */
  checkpoint?(): Promise<void>;
  /** On shutdown: write down what start-up would otherwise work out again (optional). */
  close?(): Promise<void>;
}
