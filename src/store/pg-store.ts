/**
 * The PostgreSQL store (COPLAN_DATABASE_URL): one row per plan in `plans` (migrations/001), beside
 * the embedded LowdbPlanStore behind the same PlanStore interface, so routes never know which.
 *
 * - Each row holds the plan as the embedded store writes its file: JSON, or with a key the
 *   AES-256-GCM envelope bound to the plan's id and revision (encryption.ts), decoded by the same
 *   code (DurableJsonFile.decode). A row holding another plan or another revision is refused.
 * - Optimistic concurrency on `rev`: the change is computed from the revision read, and written by
 *   `UPDATE … WHERE id = $1 AND rev = $2`; if another process or request got there first, no row
 *   is updated and the caller gets StaleRevisionError (the user, the same 409 as ever). No lock is
 *   held while the change is computed; the row lock lasts from the UPDATE to the COMMIT.
 * - A save resolves only once its transaction has committed, with synchronous_commit on
 *   (pg-pool.ts): an acknowledged answer is durable.
 * - Every query takes parameters; no SQL is built from values.
 * - Given the PostgreSQL audit log (`audit`), `audited` saves append the change's
 *   audit entries in the save's own transaction, as its last step (the chain's head row is locked
 *   from there to the COMMIT): the change and its record commit together or not at all.
 * - The saves of one turn of the event loop share that transaction (pg-save-batch.ts): one
 *   statement for their rows, one append of their entries, one COMMIT.
 *
 * - Every change sends `NOTIFY coplan_plan, '<id>:<rev>'` in its own statement, so it is heard
 *   only if it committed. Each process LISTENs (pg-listener.ts, when `listen` is set) and, while it
 *   hears, keeps the plans it read in memory: a change from any process drops that plan at once,
 *   and the page cache (keyed by the plan object handed out) goes with it. While it cannot hear
 *   (the listening connection is down), nothing is kept and every read goes to the database.
 *
 * The schema is brought up to date by init() (migrate.ts), which every method awaits first.
 */
import type pg from "pg";
import type { AuditInput } from "../audit/chain.ts";
import type { Appended, PgAuditLog } from "../audit/pg-audit-log.ts";
import { deepFreeze } from "../freeze.ts";
import { DurableJsonFile } from "./durable-file.ts";
import { CorruptFileError } from "./file-errors.ts";
import type { LowdbStoreOptions } from "./lowdb-store.ts";
import { migrate } from "./migrate.ts";
import { PgPlanListener } from "./pg-listener.ts";
import { inTransaction } from "./pg-pool.ts";
import { HeardChanges, type ReadStart } from "./heard-changes.ts";
import { PlanCache, PLANS_KEPT } from "./plan-cache.ts";
import { SaveBatcher } from "./pg-save-batch.ts";
import { PLAN_CHANNEL, type PlanEvents } from "./plan-events.ts";
import { type AuditedPlanSaves, isPlanId, type NewPlan, nextRevision, PlanNotFoundError, type PlanStore, type PlanSummary, StaleRevisionError, type StoredPlan, StoredPlanSchema } from "./plan-store.ts";
import { encrypt } from "./encryption.ts";
import { summaryCodeKey } from "./saved-index.ts";

export interface PgStoreOptions {
  pool: pg.Pool;
  now: () => Date;
  summarize: LowdbStoreOptions["summarize"];
  /** AES-256-GCM key: plan documents and summaries are then stored encrypted, as the embedded store's files. */
  encryptionKey?: Buffer;
  /** Freeze the plans handed out, so code that would change one in place fails (on outside production). */
  freeze?: boolean;
  /** Told of every change to a plan, this process's and (with `listen`) every other's. */
  events?: PlanEvents;
  /** LISTEN for other processes' changes, and keep plans in memory while hearing them. */
  listen?: boolean;
  /** Memory for plans kept (their length as JSON): the embedded store's default. */
  cacheChars?: number;
  /** The audit log in the same database: saves given entries record them in their own transaction. */
  audit?: PgAuditLog;
}

interface PlanRow {
  id: string;
  rev: number;
  document: string;
}

interface SummaryRow {
  id: string;
  rev: number;
  owner_id: string | null;
  practice: boolean;
  summary: string;
}

/** Names a row in an error message the way the embedded store names a file. */
const rowName = (table: string, id: string) => `PostgreSQL ${table} row ${id}`;

export class PgPlanStore implements PlanStore {
  private ready: Promise<void> | null = null;
  private readonly pool: pg.Pool;
  /** The code that makes summaries (see refreshSummaries). */
  private readonly summaryCode: string;
  private readonly cache: PlanCache;
  private listener: PgPlanListener | null = null;
  /** Whether every change is being heard now: only then may a plan read earlier be handed out again. */
  private hearing = false;
  /** The changes heard, by plan: a read that overlapped a change to its plan (or a gap in hearing) is not kept. */
  private readonly changes = new HeardChanges();

  readonly audited?: AuditedPlanSaves;
  private readonly batch: SaveBatcher;

  constructor(private readonly options: PgStoreOptions) {
    this.pool = options.pool;
    if (options.audit) {
      this.audited = {
        create: (plan, audit) => this.createAudited(plan, audit),
        update: (id, expectedRev, change, audit) => this.updateAudited(id, expectedRev, change, audit),
      };
    }
    this.batch = new SaveBatcher(options.pool, options.audit);
    this.summaryCode = summaryCodeKey(options.summarize, PgPlanStore.prototype.summaryOf);
    this.cache = new PlanCache(options.cacheChars ?? 1_500_000, options.freeze ?? true, PLANS_KEPT);
  }

  /** Migrates the schema once; if the database could not be reached, the next call tries again. */
  init(): Promise<void> {
    this.ready ??= migrate(this.pool).then(
      () => {
        this.startListening();
        return this.refreshSummaries();
      },
      (err: Error) => {
        this.ready = null;
        throw new Error(`PostgreSQL (COPLAN_DATABASE_URL) could not be used: ${err.message}`, { cause: err });
      },
    );
    return this.ready;
  }

  /**
   * Summaries written by other summary code than this process's are made again from their plans,
   * as the embedded store reads every plan when its saved index was made by other code. A row
   * saved meanwhile (its rev moved on) already has a summary by current code and is left alone.
   */
  private async refreshSummaries(): Promise<void> {
    // Each row once, in id order: a process running other code (the bundle and tsx differ) may be
    // writing its own summaries at the same time, and neither must chase the other's.
    let after = "";
    for (;;) {
      const { rows } = await this.pool.query<PlanRow>("SELECT id, rev, document FROM plans WHERE summary_code <> $1 AND id > $2 ORDER BY id LIMIT 500", [this.summaryCode, after]);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      const summaries = rows.map((row) => {
        const plan = this.decodePlan(row);
        return this.encode(this.summaryOf(plan), { kind: "plan-summary", id: plan.id, rev: plan.rev });
      });
      // The page's rows in one statement: one at a time, 10,000 plans took some 10 s of start-up.
      await this.pool.query(
        "UPDATE plans p SET summary = v.summary, summary_code = $4 FROM unnest($1::text[], $2::integer[], $3::text[]) AS v(id, rev, summary) WHERE p.id = v.id AND p.rev = v.rev",
        [rows.map((r) => r.id), rows.map((r) => r.rev), summaries, this.summaryCode],
      );
    }
  }

  private startListening(): void {
    if (!this.options.listen || this.listener) return;
    // The pool's own settings: the same database, user, and 5 s connection limit.
    this.listener = new PgPlanListener(this.pool.options as pg.ClientConfig, {
      onChange: (id, rev) => this.heard(id, rev),
      onListening: () => this.setHearing(true),
      onLost: () => this.setHearing(false),
    });
    this.listener.start();
  }

  /** Whether other processes' changes are heard now (and plans are kept in memory). */
  get hearingChanges(): boolean {
    return this.hearing;
  }

  /** Whatever was kept may have changed unheard: drop it all, whether hearing stopped or started again. */
  private setHearing(hearing: boolean): void {
    this.changes.gap();
    this.hearing = hearing;
    this.cache.clear();
  }

  /** A change committed (by this process or another): the plan kept, if older, is dropped. */
  private heard(id: string, rev: number): void {
    this.changes.heard(id, rev);
    const kept = this.cache.peek(id);
    if (kept && kept.rev < rev) this.cache.delete(id);
    this.options.events?.emitPlanChanged(id, rev);
  }

  /** Keeps a plan just read or saved, unless a change was heard meanwhile or a newer one is kept. */
  private keep(plan: StoredPlan, size: number, start: ReadStart): void {
    if (!this.hearing || !this.changes.quiet(plan.id, plan.rev, start)) return;
    const kept = this.cache.peek(plan.id);
    if (kept && kept.rev >= plan.rev) return;
    this.cache.set(plan.id, "", plan, size);
  }

  /** Stops listening (the pool is the caller's to end). */
  async close(): Promise<void> {
    this.setHearing(false);
    await this.listener?.close();
    this.listener = null;
  }

  /** Nothing waits to be written: every save is in its row once acknowledged. */
  async checkpoint(): Promise<void> {
    await this.init();
  }

  private hold(plan: StoredPlan): StoredPlan {
    return (this.options.freeze ?? true) ? deepFreeze(plan) : plan;
  }

  private encode(data: unknown, bind: { kind: string; id: string; rev: number }): string {
    const text = JSON.stringify(data);
    return this.options.encryptionKey ? encrypt(text, this.options.encryptionKey, bind) : text;
  }

  private decodePlan(row: PlanRow): StoredPlan {
    const source = rowName("plans", row.id);
    const bind = (plan: StoredPlan) => ({ kind: "plan", id: plan.id, rev: plan.rev });
    const plan = new DurableJsonFile<StoredPlan>(source, (raw) => StoredPlanSchema.parse(raw), { key: this.options.encryptionKey, bind }).decode(row.document, source);
    // The row's own id and rev are what queries and the concurrency check trust: the document must agree.
    if (plan.id !== row.id || plan.rev !== row.rev) {
      throw new CorruptFileError(source, new Error(`it holds plan ${plan.id} at revision ${plan.rev}, not ${row.id} at ${row.rev}`));
    }
    return this.hold(plan);
  }

  private summaryOf(plan: StoredPlan): PlanSummary {
    return { ...this.options.summarize(plan), id: plan.id, updatedAt: plan.updatedAt, rev: plan.rev, ownerId: plan.ownerId, practice: !!plan.practice };
  }

  private decodeSummary(row: SummaryRow): PlanSummary {
    const source = rowName("plans", row.id);
    const parse = (raw: unknown) => {
      if (typeof raw !== "object" || raw === null) throw new Error("its summary is not an object");
      return raw as PlanSummary;
    };
    const bind = (s: PlanSummary) => ({ kind: "plan-summary", id: s.id, rev: s.rev });
    const summary = new DurableJsonFile<PlanSummary>(source, parse, { key: this.options.encryptionKey, bind }).decode(row.summary, source);
    if (summary.id !== row.id || summary.rev !== row.rev) throw new CorruptFileError(source, new Error(`its summary is of plan ${summary.id} at revision ${summary.rev}`));
    return { ...summary, ownerId: row.owner_id ?? undefined, practice: row.practice };
  }

  /** The columns a save writes, in the order of the $3… parameters below. */
  private columns(plan: StoredPlan): unknown[] {
    const bind = { id: plan.id, rev: plan.rev };
    return [
      plan.ownerId ?? null,
      !!plan.practice,
      plan.updatedAt,
      this.encode(plan, { kind: "plan", ...bind }),
      this.encode(this.summaryOf(plan), { kind: "plan-summary", ...bind }),
      this.summaryCode,
    ];
  }

  create(plan: NewPlan): Promise<StoredPlan> {
    return this.createAudited(plan, () => []);
  }

  private async createAudited(plan: NewPlan, audit: (saved: StoredPlan) => AuditInput[]): Promise<StoredPlan> {
    await this.init();
    const at = this.options.now().toISOString();
    const doc = StoredPlanSchema.parse({ ...plan, rev: 1, createdAt: at, updatedAt: at });
    const insert = [
      "WITH saved AS (INSERT INTO plans (id, rev, owner_id, practice, updated_at, document, summary, summary_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, rev) SELECT pg_notify($10, id || ':' || rev) FROM saved",
      [doc.id, doc.rev, ...this.columns(doc), doc.createdAt, PLAN_CHANNEL],
    ] as const;
    const entries = audit(doc);
    if (entries.length === 0) {
      // One statement is its own transaction, NOTIFY included: acknowledged once committed.
      await this.pool.query(insert[0], [...insert[1]]);
    } else {
      const appended = await inTransaction(this.pool, async (client) => {
        await client.query(insert[0], [...insert[1]]);
        return this.appendAudit(client, entries);
      });
      appended.committed();
    }
    this.options.events?.emitPlanChanged(doc.id, doc.rev);
    return this.hold(doc);
  }

  /** The change's audit entries, in its transaction, as its last step (pg-audit-log.ts locks the head row there). */
  private appendAudit(client: pg.ClientBase, entries: AuditInput[]): Promise<Appended> {
    return this.options.audit!.appendIn(client, entries);
  }

  /**
   * A plan copied in as it is, its revision and times kept (npm run store:migrate), on the caller's
   * transaction: the row is encoded exactly as a save encodes it. No NOTIFY: it goes into a
   * database no process serves from yet.
   */
  async insertCopy(client: pg.ClientBase, plan: StoredPlan): Promise<void> {
    await client.query(
      "INSERT INTO plans (id, rev, owner_id, practice, updated_at, document, summary, summary_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      [plan.id, plan.rev, ...this.columns(plan), plan.createdAt],
    );
  }

  async get(id: string): Promise<StoredPlan | null> {
    await this.init();
    if (!isPlanId(id)) return null;
    if (this.hearing) {
      const kept = this.cache.peek(id);
      if (kept) return kept;
    }
    const start = this.changes.begin();
    const { rows } = await this.pool.query<PlanRow>({ name: "coplan-plan-read", text: "SELECT id, rev, document FROM plans WHERE id = $1", values: [id] });
    if (!rows[0]) return null;
    const plan = this.decodePlan(rows[0]);
    this.keep(plan, rows[0].document.length, start);
    return plan;
  }

  update(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan): Promise<StoredPlan> {
    return this.updateAudited(id, expectedRev, change, () => []);
  }

  /**
   * A save: the change computed from the copy kept (or the row read), then written with its audit
   * entries in the batch of this turn's saves (pg-save-batch.ts), acknowledged once that commits.
   */
  private async updateAudited(id: string, expectedRev: number, change: (plan: StoredPlan) => StoredPlan, audit: (saved: StoredPlan) => AuditInput[]): Promise<StoredPlan> {
    await this.init();
    if (!isPlanId(id)) throw new PlanNotFoundError(id);
    const start = this.changes.begin();
    // While every change is heard, the copy kept at the expected revision is the row as last
    // committed, or the batch's UPDATE finds a newer rev and refuses: no need to read and parse the
    // whole document again (a round trip and a schema parse of every answer, issue 21 (g)).
    const kept = this.hearing ? this.cache.peek(id) : undefined;
    const current = kept?.rev === expectedRev ? kept : await this.read(id);
    const next = nextRevision(current, expectedRev, change, this.options.now());
    const [ownerId, practice, updatedAt, document, summary, summaryCode] = this.columns(next) as [string | null, boolean, string, string, string, string];
    const entries = audit(next);
    if (entries.length > 0 && !this.options.audit) throw new Error("A save with audit entries needs the PostgreSQL audit log.");
    const updated = await this.batch.submit({ id, expectedRev, rev: next.rev, ownerId, practice, updatedAt, document, summary, summaryCode, entries });
    // Another save committed since the read: its row has moved on, and this one changed nothing.
    if (!updated) throw new StaleRevisionError(await this.read(id), expectedRev);
    const plan = this.hold(next);
    this.keep(plan, document.length, start);
    this.options.events?.emitPlanChanged(id, plan.rev);
    return plan;
  }

  /** The plan's row as committed now, decoded. */
  private async read(id: string): Promise<StoredPlan> {
    const { rows } = await this.pool.query<PlanRow>({ name: "coplan-plan-read", text: "SELECT id, rev, document FROM plans WHERE id = $1", values: [id] });
    if (!rows[0]) throw new PlanNotFoundError(id);
    return this.decodePlan(rows[0]);
  }

  async accessInfo(id: string): Promise<{ ownerId?: string; practice: boolean } | null> {
    await this.init();
    if (!isPlanId(id)) return null;
    // Asked by every request on a plan: the copy kept while every change is heard is current (a
    // handover is a save, and drops it), so no query.
    const kept = this.hearing ? this.cache.peek(id) : undefined;
    if (kept) return { ownerId: kept.ownerId, practice: !!kept.practice };
    const { rows } = await this.pool.query<{ owner_id: string | null; practice: boolean }>({ name: "coplan-plan-access", text: "SELECT owner_id, practice FROM plans WHERE id = $1", values: [id] });
    return rows[0] ? { ownerId: rows[0].owner_id ?? undefined, practice: rows[0].practice } : null;
  }

  /** Every plan's summary, most recently changed first, as the embedded store lists them. */
  async list(): Promise<PlanSummary[]> {
    await this.init();
    const { rows } = await this.pool.query<SummaryRow>("SELECT id, rev, owner_id, practice, summary FROM plans ORDER BY updated_at DESC, id");
    return rows.map((row) => this.decodeSummary(row));
  }
}
