/**
 * Group commit for plan saves in PostgreSQL (issue 21 (g), (a′)): the saves that reach one process
 * in the same turn of the event loop share one transaction: one UPDATE for all their rows, one
 * append of all their audit entries (the chain's head row locked once, signed once), one COMMIT.
 *
 * Before this, every save was a transaction of its own that held the head row's lock from its
 * audit append through its COMMIT's wait for the disk, so every save of every process took turns
 * on that one row: about 285 saves a second in all, however many processes or cores. Now a turn's
 * saves take one turn on it together. What issue 21 asks of each save still holds for every one:
 * its change and its audit entries commit in one transaction, with the head row locked, and it is
 * acknowledged only once that transaction has committed (synchronous_commit on).
 *
 * - Each row is updated only if it is still at the revision its save was computed from
 *   (`WHERE rev = expected`); a save whose row had moved on updates nothing, records nothing, and
 *   its caller gets StaleRevisionError, as before. Only the saves that updated their row have
 *   their entries appended.
 * - Two saves of one plan never share a batch (the second goes in the next one, and is refused
 *   there as stale if the first took its revision).
 * - One batch at a time per process: the saves arriving meanwhile gather for the next.
 * - A batch that fails for a reason of its own rows (bad data, a trigger, a constraint) is tried
 *   again one save at a time, so one save's failure is never another's. A database that cannot be
 *   reached fails the whole batch at once, and the saves waiting for the next batch with it: each
 *   caller gets the 503 then, not after a wait of its own behind the failed one (issue 21: no
 *   request waits more than 5 s on the database).
 */
import type pg from "pg";
import type { AuditInput } from "../audit/chain.ts";
import type { PgAuditLog } from "../audit/pg-audit-log.ts";
import { turnEnd } from "../turn-end.ts";
import { isDatabaseUnreachable } from "./db-unreachable.ts";
import { inTransaction } from "./pg-pool.ts";
import { PLAN_CHANNEL } from "./plan-events.ts";

/** One plan's save, computed from the revision `expectedRev`, and the entries that record it. */
export interface BatchedSave {
  id: string;
  expectedRev: number;
  rev: number;
  ownerId: string | null;
  practice: boolean;
  updatedAt: string;
  document: string;
  summary: string;
  summaryCode: string;
  entries: AuditInput[];
}

interface Waiting {
  save: BatchedSave;
  /** Whether the row was still at `expectedRev` and now holds the save (with its entries recorded). */
  resolve: (updated: boolean) => void;
  reject: (err: unknown) => void;
}

/** Saves per transaction at most: a batch's statement stays a few MB however busy the process. */
const MAX_BATCH = 64;

/** Every row of the batch in one statement; each row's NOTIFY goes with it, so only if it committed. */
const UPDATE_ROWS = `
  WITH v AS (
    SELECT * FROM unnest($1::text[], $2::integer[], $3::integer[], $4::text[], $5::boolean[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
      AS v(id, expected, rev, owner_id, practice, updated_at, document, summary, summary_code)
  ), saved AS (
    UPDATE plans p SET rev = v.rev, owner_id = v.owner_id, practice = v.practice, updated_at = v.updated_at,
      document = v.document, summary = v.summary, summary_code = v.summary_code
    FROM v WHERE p.id = v.id AND p.rev = v.expected
    RETURNING p.id, p.rev
  )
  SELECT id, pg_notify($10, id || ':' || rev) FROM saved`;

export class SaveBatcher {
  private queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly audit?: PgAuditLog,
  ) {}

  /**
   * Resolves once the save's batch has committed: true, or false if the row had moved on from
   * `expectedRev` (the save changed nothing). Rejects if the batch failed.
   */
  submit(save: BatchedSave): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ save, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    // Every save that reaches this process in this turn joins the first batch.
    await turnEnd();
    while (this.queue.length > 0) await this.run(this.take());
    this.running = false;
  }

  /** The next batch: saves in arrival order, at most one per plan, at most MAX_BATCH. */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const ids = new Set<string>();
    const left: Waiting[] = [];
    for (const w of this.queue) {
      if (batch.length < MAX_BATCH && !ids.has(w.save.id)) {
        ids.add(w.save.id);
        batch.push(w);
      } else left.push(w);
    }
    this.queue = left;
    // Rows are locked in id order, in every process: two batches with the same plans cannot deadlock.
    return batch.sort((a, b) => (a.save.id < b.save.id ? -1 : a.save.id > b.save.id ? 1 : 0));
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.commit(batch.map((w) => w.save));
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (err) {
      if (isDatabaseUnreachable(err)) {
        const waiting = this.queue;
        this.queue = [];
        for (const w of [...batch, ...waiting]) w.reject(err);
        return;
      }
      if (batch.length === 1) return batch[0].reject(err);
      for (const w of batch) await this.run([w]);
    }
  }

  /** One transaction: the rows, then the entries of those updated (the head row's lock last), COMMIT. */
  private async commit(saves: BatchedSave[]): Promise<boolean[]> {
    const column = <K extends keyof BatchedSave>(k: K) => saves.map((s) => s[k]);
    const done = await inTransaction(this.pool, async (client) => {
      const values = [
        ...(["id", "expectedRev", "rev", "ownerId", "practice", "updatedAt", "document", "summary", "summaryCode"] as const).map(column),
        PLAN_CHANNEL,
      ];
      // Named: prepared once per connection, not parsed and planned again for every batch.
      const { rows } = await client.query<{ id: string }>({ name: "coplan-save-batch", text: UPDATE_ROWS, values });
      const updated = new Set(rows.map((r) => r.id));
      const inputs = saves.flatMap((s) => (updated.has(s.id) ? s.entries : []));
      const appended = inputs.length ? await this.audit!.appendIn(client, inputs) : null;
      return { updated, appended };
    });
    done.appended?.committed();
    return saves.map((s) => done.updated.has(s.id));
  }
}
