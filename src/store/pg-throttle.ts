/**
 * The sign-in throttle in PostgreSQL (migrations/003), with the same budgets and rules as the
 * in-memory SignInThrottle (throttle.ts: `refusal`, `settleFailures`), so that several Coplan
 * processes count one address's and one account's failures together.
 *
 * Each check is atomic: one transaction takes the three rows (pair, address, account) with
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which makes a missing row and locks an existing
 * one, always in the same order so that two checks cannot deadlock; it decides, and either
 * reserves the attempt on all three or rolls back, so a refused attempt adds no rows (as in
 * memory). Two processes checking at once therefore see each other's reservations: 40 parallel
 * guesses cannot all reach the password check.
 *
 * Differences from memory, both for several processes: an attempt's reservation counts for at
 * most PENDING_MS (a process killed mid-check cannot leave an address "busy" for ever), and
 * instead of a least-recently-used bound the table is kept small by expiry: a row untouched for
 * the throttle's window holds nothing that still counts and is deleted.
 */
import type pg from "pg";
import { type Attempt, type Begun, type Entry, keysFor, LIMITS, type Outcome, prune, type Refusal, refusal, settleFailures, type Throttle, WINDOW_MS } from "../auth/throttle.ts";
import { inTransaction } from "./pg-pool.ts";
import { schemaReady } from "./pg-schema.ts";

/** Longer than any password check may take (the hash queue answers 429 well before). */
export const PENDING_MS = 60_000;

interface Row {
  key: string;
  failures: string[];
  pending: string[];
  last_slowed: string | null;
}

/** A row as the rules see it, plus its reservation times. */
type Held = Entry & { key: string; reservations: number[] };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super("refused");
  }
}

export class PgThrottle implements Throttle {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly limits = LIMITS,
  ) {}

  /** Takes (making if need be) and locks the rows of `keys`, in key order. */
  private async hold(client: pg.PoolClient, keys: string[], t: number): Promise<Map<string, Held>> {
    const held = new Map<string, Held>();
    for (const key of [...keys].sort()) {
      const { rows } = await client.query<Row>(
        `INSERT INTO sign_in_throttle (key, updated_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET updated_at = GREATEST(sign_in_throttle.updated_at, EXCLUDED.updated_at)
         RETURNING key, failures, pending, last_slowed`,
        [key, t],
      );
      const r = rows[0];
      const failures = r.failures.map(Number);
      prune(failures, t);
      const reservations = r.pending.map(Number).filter((at) => t - at < PENDING_MS);
      held.set(key, { key, failures, reservations, pending: reservations.length, lastSlowed: r.last_slowed === null ? undefined : Number(r.last_slowed) });
    }
    return held;
  }

  private async write(client: pg.PoolClient, e: Held, t: number): Promise<void> {
    await client.query("UPDATE sign_in_throttle SET failures = $2, pending = $3, last_slowed = $4, updated_at = $5 WHERE key = $1", [
      e.key,
      e.failures,
      e.reservations,
      e.lastSlowed ?? null,
      t,
    ]);
  }

  async begin(username: string, address: string): Promise<Begun> {
    await schemaReady(this.pool);
    const t = this.now().getTime();
    const { pk, ak, uk } = keysFor(username, address);
    try {
      await inTransaction(this.pool, async (client) => {
        const held = await this.hold(client, [pk, ak, uk], t);
        const [pair, addr, account] = [held.get(pk)!, held.get(ak)!, held.get(uk)!];
        const refused = refusal(pair, addr, account, t, this.limits);
        if (refused) throw new Refused(refused); // rolled back: a refused attempt leaves no rows
        for (const e of [pair, addr, account]) {
          e.reservations.push(t);
          await this.write(client, e, t);
        }
      });
    } catch (err) {
      if (err instanceof Refused) return { ok: false, ...err.refusal };
      throw err;
    }
    let settled = false;
    const settle = async (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      await this.settle(pk, ak, uk, t, outcome);
    };
    const attempt: Attempt = { succeeded: () => settle("succeeded"), failed: () => settle("failed"), cancelled: () => settle("cancelled") };
    return { ok: true, attempt };
  }

  private async settle(pk: string, ak: string, uk: string, reservedAt: number, outcome: Outcome): Promise<void> {
    const at = this.now().getTime();
    await inTransaction(this.pool, async (client) => {
      const held = await this.hold(client, [pk, ak, uk], at);
      const budgets: [string, number][] = [
        [pk, this.limits.pair],
        [ak, this.limits.address],
        [uk, this.limits.account],
      ];
      for (const [k, budget] of budgets) {
        const e = held.get(k)!;
        const mine = e.reservations.indexOf(reservedAt);
        if (mine >= 0) e.reservations.splice(mine, 1);
        settleFailures(e, outcome, k === pk, at, budget);
        if (!e.failures.length && !e.reservations.length && e.lastSlowed === undefined) {
          await client.query("DELETE FROM sign_in_throttle WHERE key = $1", [k]); // holds nothing worth keeping
        } else {
          await this.write(client, e, at);
        }
      }
    });
    // Rows untouched for a whole window count for nothing any more.
    await this.pool.query("DELETE FROM sign_in_throttle WHERE updated_at <= $1", [at - WINDOW_MS]);
  }

  async forgive(username: string, address: string): Promise<void> {
    await schemaReady(this.pool);
    const { pk, uk } = keysFor(username, address);
    await this.pool.query("DELETE FROM sign_in_throttle WHERE key = ANY($1)", [[pk, uk]]);
  }

  /** How many keys are held, for tests. */
  async size(): Promise<number> {
    await schemaReady(this.pool);
    const { rows } = await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM sign_in_throttle");
    return Number(rows[0].n);
  }
}
