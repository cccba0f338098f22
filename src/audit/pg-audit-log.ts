/**
 * The audit log in PostgreSQL (migrations/005, issue 21): the same entries, chain and signed head
 * as the data folder's file (audit-log.ts), shared by every Coplan process on the database.
 *
 * - Every append runs in one transaction that first locks the one `audit_head` row FOR UPDATE,
 *   then reads the chain's end, chains each entry off it, inserts them, and writes the head newly
 *   signed over the last (once per batch). Appends from all processes queue on that row, so the
 *   chain never forks, and the entries and their head commit together or not at all.
 * - A change to a plan carries its entries into the plan's own transaction (appendIn, called by
 *   PgPlanStore): the change and its record commit together. The head row is locked last, just
 *   before COMMIT, so the lock is held for as short a time as can be.
 * - Entries not tied to a change (views, sign-ins, refusals) are gathered per turn of the event
 *   loop and appended in one transaction per batch, one batch at a time per process, so a
 *   process's entries take their place in call order. Like the file log's lines, which reach the
 *   OS but are not fsynced, these commit without waiting for the disk (synchronous_commit off for
 *   that transaction alone): a crash of PostgreSQL may lose the last of them, whole and with
 *   their head, never half. A plan change's entries commit as durably as the change.
 * - A head that does not match the chain's end, or does not carry the installation's signature,
 *   is not signed over (that would hide a cut or an edit): entries are still recorded, and check()
 *   reports the log as broken, as the file log does.
 */
import type pg from "pg";
import type { Signer } from "../signing/keys.ts";
import { inTransaction } from "../store/pg-pool.ts";
import { schemaReady } from "../store/pg-schema.ts";
import { turnEnd } from "../turn-end.ts";
import type { Audit } from "./audit.ts";
import { type AuditEntry, type AuditInput, chainEntry, entryHash, GENESIS, parseLine } from "./chain.ts";
import { type AuditHead, type HeadRead, parseHead, signHead } from "./head.ts";
import { RepeatRecorder } from "./repeats.ts";
import { type LogVerdict, scanEntries } from "./scan.ts";

/** Rows read per query while checking the log: a page's worth of memory, whatever the log's length. */
const CHECK_PAGE = 1_000;

/** Entries appended in a transaction not yet committed; `committed()` once it has. */
export interface Appended {
  entries: AuditEntry[];
  committed: () => void;
}

interface Settle {
  input: AuditInput;
  resolve: (entry: AuditEntry) => void;
  reject: (err: unknown) => void;
}

export class PgAuditLog implements Audit {
  private pending: Settle[] = [];
  private writing: Promise<void> | null = null;
  /** Settles after every earlier `record()` has: batches are appended one after another. */
  private latest: Promise<unknown> = Promise.resolve();
  private readonly repeats: RepeatRecorder;
  /** The newest head this process signed or found good: a head row put back to an older one still shows. */
  private signed: AuditHead | null = null;
  /** The head text last verified, so an unchanged head is not verified again for every batch. */
  private trusted: string | null = null;
  /** Said once per process: the log's head does not hold, so it is not signed again. */
  private warned = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly signer: Signer,
  ) {
    this.repeats = new RepeatRecorder(now, (input) => this.record(input));
  }

  /**
   * Appends one entry in a transaction of its own (with the others of this turn) and resolves
   * once it has committed. Entries take their place in the chain in call order.
   */
  record(input: AuditInput): Promise<AuditEntry> {
    const recorded = new Promise<AuditEntry>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.writing ??= this.writeAll();
    });
    this.latest = recorded.catch(() => {});
    return recorded;
  }

  private async writeAll(): Promise<void> {
    const previous = this.latest;
    // Every request finishing in this turn of the event loop joins this batch.
    await turnEnd();
    const batch = this.pending;
    this.pending = [];
    this.writing = null;
    // The batch before this one first: seq order is call order.
    await previous;
    try {
      await schemaReady(this.pool);
      const appended = await inTransaction(this.pool, async (client) => {
        await client.query("SET LOCAL synchronous_commit = off");
        return this.appendIn(client, batch.map((p) => p.input));
      });
      appended.committed();
      batch.forEach((p, i) => p.resolve(appended.entries[i]));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  /**
   * Appends entries inside the caller's transaction (a plan's save, or a batch of record()), so
   * they commit or roll back with it. Locks the head row until that transaction ends: call it as
   * the transaction's last step, on a schema already migrated, and call `committed()` once the
   * transaction has committed.
   */
  async appendIn(client: pg.ClientBase, inputs: AuditInput[]): Promise<Appended> {
    if (inputs.length === 0) return { entries: [], committed: () => {} };
    const { rows: heads } = await client.query<{ head: string | null }>({ name: "coplan-audit-lock", text: "SELECT head FROM audit_head WHERE id FOR UPDATE" });
    if (heads.length === 0) throw new Error("The audit log's head row (audit_head) is missing from the database.");
    // A statement of its own, after the lock: in READ COMMITTED it sees every append committed before
    // the lock was granted (a join in the locking statement would see the rows of before the wait).
    const { rows: lastRows } = await client.query<{ seq: string; entry: string }>({ name: "coplan-audit-last", text: "SELECT seq, entry FROM audit_log ORDER BY seq DESC LIMIT 1" });
    const last = endOf(lastRows[0]);
    const at = this.now();
    const entries: AuditEntry[] = [];
    let end = last;
    for (const input of inputs) {
      const entry = chainEntry(input, end, at);
      entries.push(entry);
      end = { seq: entry.seq, prev: entry.hash };
    }
    const rows = [entries.map((e) => e.seq), entries.map((e) => JSON.stringify(e))];
    const since = await this.sinceFor(client, heads[0].head, last);
    if (since === null) {
      await client.query("INSERT INTO audit_log (seq, entry) SELECT * FROM unnest($1::bigint[], $2::text[])", rows);
      return { entries, committed: () => {} };
    }
    const head = signHead(this.signer, { seq: end.seq, hash: end.prev }, since, at);
    const text = JSON.stringify(head);
    // The entries and their head in one statement (PostgreSQL runs a WITH's INSERT whether or not it
    // is read): one round trip fewer while every other append waits on the lock.
    await client.query({ name: "coplan-audit-append", text: "WITH added AS (INSERT INTO audit_log (seq, entry) SELECT * FROM unnest($1::bigint[], $2::text[])) UPDATE audit_head SET head = $3 WHERE id", values: [...rows, text] });
    this.trusted = text;
    return {
      entries,
      // Only once committed is it the log's head: a transaction rolled back leaves the one before.
      committed: () => {
        if (!this.signed || head.seq > this.signed.seq) this.signed = head;
      },
    };
  }

  /**
   * Whether the head row may be signed over the new end, and from which entry (`since`): yes when
   * it is the signed head of the chain's present end, or there is none yet. null when it does not
   * hold: then it is left as it is, for check() to report.
   */
  private async sinceFor(client: pg.ClientBase, text: string | null, last: { seq: number; prev: string }): Promise<number | null> {
    if (text === null) return last.seq; // a new log (0), or one copied in without a head: signed from here on
    const read: HeadRead = text === this.trusted ? { kind: "ok", head: JSON.parse(text) as AuditHead } : parseHead(text, this.signer);
    let why: string | null = null;
    if (read.kind === "none") return last.seq;
    if (read.kind === "bad") why = `its signed head ${read.why}`;
    else if (read.head.seq > last.seq) why = `its signed head names entry ${read.head.seq}, but the log ends at entry ${last.seq}`;
    else if (read.head.seq < last.seq && !(await chainsOnFrom(client, read.head, last))) why = `its entries after entry ${read.head.seq}, which its signed head names, do not chain on from it`;
    else if (read.head.seq === last.seq && read.head.hash !== last.prev) why = `its entry ${last.seq} is not the one its signed head names`;
    else if (this.signed && read.head.seq < this.signed.seq) why = `its signed head was put back to entry ${read.head.seq}, after Coplan signed entry ${this.signed.seq}`;
    if (why === null && read.kind === "ok") {
      this.trusted = text;
      return read.head.since;
    }
    if (!this.warned) {
      this.warned = true;
      console.error(
        `The audit log in PostgreSQL does not match its signed head: ${why}. Coplan keeps recording, but will not sign ` +
          "the log as it now is, and its audit page reports it as broken.",
      );
    }
    return null;
  }

  recordRepeat(input: AuditInput, username?: string): Promise<void> {
    return this.repeats.take(input, username);
  }

  flushRepeats(all = false): Promise<void> {
    return this.repeats.flush(all);
  }

  /**
   * Checks the whole log against its chain and signed head, in seq order, a page of rows at a
   * time, all read in one snapshot (REPEATABLE READ): the head and the rows are of one moment,
   * however many appends commit meanwhile.
   */
  async check(visit?: Parameters<typeof scanEntries>[2]): Promise<LogVerdict> {
    await this.latest;
    await schemaReady(this.pool);
    // Taken before the snapshot: a head this process signed after it began is not one the snapshot can show.
    const known = this.signed;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const { rows } = await client.query<{ head: string | null }>("SELECT head FROM audit_head WHERE id");
      let head: HeadRead = rows[0]?.head ? parseHead(rows[0].head, this.signer) : { kind: "none" };
      // A head row put back to an older head (with the rows after it deleted) still shows: this process signed further.
      if (known && (head.kind !== "ok" || head.head.seq < known.seq)) head = { kind: "ok", head: known };
      const verdict = await scanEntries(pages(client), head, visit);
      await client.query("COMMIT");
      return verdict;
    } catch (err) {
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** Every entry's stored text, in order: for tests and tools only; the audit page streams (check()). */
  async lines(): Promise<string[]> {
    await this.latest;
    await schemaReady(this.pool);
    const { rows } = await this.pool.query<{ entry: string }>("SELECT entry FROM audit_log ORDER BY seq");
    return rows.map((r) => r.entry);
  }

  /** Once every entry recorded so far (and every count still open) has committed. The pool is the caller's to end. */
  async close(): Promise<void> {
    await this.repeats.flush(true).catch(() => {});
    await this.latest;
  }
}

/** The chain's end as the last row gives it; a row that cannot be read leaves the chain broken there, and check() says so. */
function endOf(row: { seq: string; entry: string } | undefined): { seq: number; prev: string } {
  if (!row) return { seq: 0, prev: GENESIS };
  const entry = parseLine(row.entry) as { hash?: unknown } | undefined;
  return { seq: Number(row.seq), prev: typeof entry?.hash === "string" ? entry.hash : GENESIS };
}

/** The log's rows in seq order, a page at a time (keyset: each page after the last seq read). */
async function* pages(client: pg.ClientBase): AsyncGenerator<string> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{ seq: string; entry: string }>("SELECT seq, entry FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2", [after, CHECK_PAGE]);
    for (const row of rows) yield row.entry;
    if (rows.length < CHECK_PAGE) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

/** How far behind its log's end a head may be and still be carried on from (a batch or two, normally). */
const MAX_BEHIND = 10_000;

/**
 * A head behind the log's end is a legal state, not a cut: entries were written and the process
 * ended before it signed them (a file log copied in by store:migrate can end so, as resume.ts
 * allows at start-up). It is carried on from only if the row it names is the one it signed and
 * every row after it chains on to the end, so no edited or inserted entry is signed over.
 */
async function chainsOnFrom(client: pg.ClientBase, head: AuditHead, last: { seq: number; prev: string }): Promise<boolean> {
  if (last.seq - head.seq > MAX_BEHIND) return false;
  const { rows } = await client.query<{ seq: string; entry: string }>("SELECT seq, entry FROM audit_log WHERE seq >= $1 ORDER BY seq", [head.seq]);
  // A head at entry 0 names the empty log's start.
  if (head.seq === 0 && head.hash !== GENESIS) return false;
  let prev: { seq: number; hash: string } | null = head.seq === 0 ? { seq: 0, hash: GENESIS } : null;
  for (const row of rows) {
    const entry = parseLine(row.entry) as AuditEntry | undefined;
    if (!entry || typeof entry !== "object" || entry.seq !== Number(row.seq)) return false;
    const { hash, ...rest } = entry;
    if (entryHash(rest) !== hash) return false;
    if (prev === null) {
      if (entry.seq !== head.seq || hash !== head.hash) return false;
    } else if (entry.seq !== prev.seq + 1 || entry.prev !== prev.hash) return false;
    prev = { seq: entry.seq, hash };
  }
  return prev !== null && prev.seq === last.seq && prev.hash === last.prev;
}
