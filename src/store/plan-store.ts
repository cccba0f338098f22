/**
 * The storage interface routes and services depend on. The embedded lowdb store implements it; a
 * PostgreSQL store can implement it later without touching routes or the machine.
 */
import { z } from "zod";

export const PLAN_FORMAT = "coplan.plan";
export const PLAN_FORMAT_VERSION = 1;

export const planIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/);

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
  sealed: z
    .object({
      version: z.number().int().positive(),
      sealedAt: z.string(),
      canonical: z.string(),
      contentHash: z.string(),
      consent: z.unknown(),
      signatures: z.array(z.record(z.string(), z.unknown())),
    })
    .optional(),
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
});
export type StoredPlan = z.infer<typeof StoredPlanSchema>;

export interface PlanSummary {
  id: string;
  clientName: string;
  step: string;
  updatedAt: string;
  rev: number;
  ownerId?: string;
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

export class PlanNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No plan ${id}.`);
    this.name = "PlanNotFoundError";
  }
}

export interface PlanStore {
  /** Reads every stored plan once; refuses to start on a corrupt file rather than hide it. */
  init(): Promise<void>;
  create(plan: Omit<StoredPlan, "rev" | "createdAt" | "updatedAt" | "notes"> & { notes?: StoredPlan["notes"] }): Promise<StoredPlan>;
  get(id: string): Promise<StoredPlan | null>;
  /**
   * Applies `change` to the plan if it is still at `expectedRev`, writes it durably, and resolves
   * only once it is on disk. A stale revision throws StaleRevisionError and writes nothing.
   */
  update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan>;
  list(): Promise<PlanSummary[]>;
  /** The owner of a plan from the index, without reading its file: undefined if unowned, null if no such plan. */
  ownerOf(id: string): Promise<string | undefined | null>;
}
