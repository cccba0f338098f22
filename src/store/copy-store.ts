/**
 * `npm run store:migrate`'s copy: an embedded store, as read by embedded-source.ts, into an empty
 * PostgreSQL database. Everything goes in one transaction, so the database ends up with all of the
 * store or none of it:
 *   - plans, each row encoded exactly as a save encodes it (PgPlanStore.insertCopy), revision and
 *     times kept; their earlier versions, progress, notes, review and companion links are inside
 *     the plan document, as in the plan files;
 *   - accounts in users.json's order, with their password hashes, disabled flags, calendar
 *     token hashes and chosen languages;
 *   - password-reset links not yet used (only their tokens' hashes, as on disk);
 *   - the audit log line by line, line N at seq N whatever it holds, so its chain verifies (or
 *     breaks) exactly as the file did (migrations/005), and its signed head as it was signed.
 * Sessions and the sign-in throttle's counts live in memory in embedded mode: there are none to copy.
 *
 * A database that already holds any of Coplan's data is refused before anything is written, the
 * migrations included; the check is made again inside the transaction, with the tables locked, in
 * case a process wrote between the two.
 */
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type pg from "pg";
import { isDatabaseUnreachable } from "./db-unreachable.ts";
import type { EmbeddedSource } from "./embedded-source.ts";
import { migrate } from "./migrate.ts";
import { inTransaction } from "./pg-pool.ts";
import type { PgPlanStore } from "./pg-store.ts";
import type { StoredPlan } from "./plan-store.ts";

/** Coplan's tables whose rows are a store's data (the throttle's counts are not: they only expire). */
const DATA_TABLES = ["plans", "users", "reset_links", "sessions", "audit_log"] as const;

/** Audit lines per INSERT: few round trips, and no statement near the pool's 5 s limit. */
const AUDIT_BATCH = 500;

export class DatabaseHoldsDataError extends Error {}
/** The database's tables could not be made (a newer Coplan's schema, a role without the right). */
export class SchemaError extends Error {}

export interface CopyCounts {
  plans: number;
  practicePlans: number;
  /** Earlier signed versions kept with their plans (reassessments). */
  earlierVersions: number;
  signedVersions: number;
  /** Plans whose last save was taken from the journal a crash or kill left. */
  fromJournal: number;
  accounts: number;
  reviewLinks: number;
  calendarTokens: number;
  resetLinks: number;
  auditEntries: number;
  auditHead: boolean;
}

/** The tables that hold data already (and "audit_head" for a signed head); none for an empty or new database. */
export async function dataIn(db: pg.Pool | pg.ClientBase): Promise<string[]> {
  const found: string[] = [];
  for (const table of [...DATA_TABLES, "audit_head"]) {
    const { rows } = await db.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [table]);
    if (!rows[0].present) continue;
    // The table's name comes from the list above, never from input; audit_head always has its one row.
    const where = table === "audit_head" ? " WHERE head IS NOT NULL" : "";
    const { rows: any } = await db.query<{ some: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}${where}) AS some`);
    if (any[0].some) found.push(table);
  }
  return found;
}

async function refuseIfHoldsData(db: pg.Pool | pg.ClientBase): Promise<void> {
  const tables = await dataIn(db);
  if (tables.length === 0) return;
  throw new DatabaseHoldsDataError(
    `The database already holds Coplan data (rows in ${tables.join(", ")}). store:migrate copies only into an empty database, ` +
      "and changed nothing in this one. Give COPLAN_DATABASE_URL a new, empty database (createdb), " +
      "or, if what is there is an earlier attempt you do not need, drop that database and create it again.",
  );
}

/** The counts of what the folder holds, plan by plan as they are copied. */
class Counter {
  readonly counts: CopyCounts;

  constructor(source: EmbeddedSource) {
    this.counts = {
      plans: 0,
      practicePlans: 0,
      earlierVersions: 0,
      signedVersions: 0,
      fromJournal: 0,
      accounts: source.users.length,
      reviewLinks: 0,
      calendarTokens: source.users.filter((u) => u.calendarTokenHash).length,
      resetLinks: source.resetLinks.length,
      auditEntries: 0,
      auditHead: source.headText !== null,
    };
  }

  plan(plan: StoredPlan, fromJournal: boolean): void {
    const c = this.counts;
    c.plans++;
    if (plan.practice) c.practicePlans++;
    c.earlierVersions += plan.history.length;
    c.signedVersions += plan.history.length + (plan.sealed ? 1 : 0);
    c.reviewLinks += plan.reviewLinks.length;
    if (fromJournal) c.fromJournal++;
  }
}

/**
 * Copies the store into the database (migrated first) in one transaction; resolves once it has
 * committed. `plans` is the PostgreSQL plan store that will serve them, for its row encoding.
 */
export async function copyStore(source: EmbeddedSource, pool: pg.Pool, plans: PgPlanStore): Promise<CopyCounts> {
  await refuseIfHoldsData(pool);
  try {
    await migrate(pool);
  } catch (err) {
    if (isDatabaseUnreachable(err)) throw err; // said as such by the caller
    throw new SchemaError(`Coplan's tables could not be made in the database: ${(err as Error).message}`, { cause: err });
  }
  const counter = new Counter(source);
  await inTransaction(pool, async (client) => {
    // A large store takes longer than a request may (pg-pool.ts); a lock held by a running process is not waited for long.
    await client.query("SET LOCAL statement_timeout = '10min'");
    await client.query("SET LOCAL idle_in_transaction_session_timeout = '10min'");
    await client.query("SET LOCAL lock_timeout = '4s'");
    await client.query(`LOCK TABLE ${[...DATA_TABLES, "audit_head"].join(", ")} IN EXCLUSIVE MODE`);
    await refuseIfHoldsData(client);
    for (const u of source.users) {
      await client.query(
        `INSERT INTO users (id, username, display_name, role, password_hash, disabled, created_at, calendar_token_hash, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [u.id, u.username, u.displayName, u.role, u.passwordHash, u.disabled, u.createdAt, u.calendarTokenHash ?? null, u.language ?? null],
      );
    }
    for (const { tokenHash, record: r } of source.resetLinks) {
      await client.query("INSERT INTO reset_links (token_hash, user_id, issued_by, issued_at, expires_at, audit_pending) VALUES ($1, $2, $3, $4, $5, $6)", [
        tokenHash,
        r.userId,
        r.issuedBy,
        r.issuedAt,
        r.expiresAt,
        r.auditPending,
      ]);
    }
    // Read one at a time, so memory does not grow with the store; one the store would refuse rolls it all back.
    for (const id of source.planIds) {
      const { plan, fromJournal } = source.readPlan(id);
      await plans.insertCopy(client, plan);
      counter.plan(plan, fromJournal);
    }
    counter.counts.auditEntries = await copyAuditLines(client, source.auditFile);
    if (source.headText !== null) await client.query("UPDATE audit_head SET head = $1", [source.headText]);
  });
  return counter.counts;
}

/** The log's lines as the file log reads them (blank ones skipped), line N at seq N; returns how many. */
async function copyAuditLines(client: pg.ClientBase, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  let seq = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const first = seq - batch.length + 1;
    await client.query("INSERT INTO audit_log (seq, entry) SELECT * FROM unnest($1::bigint[], $2::text[])", [batch.map((_, i) => first + i), batch]);
    batch = [];
  };
  const input = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      seq++;
      batch.push(line);
      if (batch.length >= AUDIT_BATCH) await flush();
    }
    await flush();
  } finally {
    lines.close();
    input.destroy();
  }
  return seq;
}
