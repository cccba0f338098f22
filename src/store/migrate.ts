/**
 * Brings a PostgreSQL database's schema up to date at start-up: the numbered `.sql` files in
 * migrations/ (NNN-what.sql), each applied once, in order, and recorded in schema_migrations.
 *
 * All of it runs in one transaction that first takes a transaction-level advisory lock, so two
 * processes starting at once never race: the second waits, then finds everything applied. A
 * failing migration rolls back with all the others of that run, leaving the schema as it was.
 * The files are read at run time from the repository (ROOT/migrations), from source and from the
 * bundle (dist/server.js) alike, so the build need not copy them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { ROOT } from "../paths.ts";
import { inTransaction } from "./pg-pool.ts";

export const MIGRATIONS_DIR = join(ROOT, "migrations");

/** Coplan's advisory lock key: "coplan" in ASCII, so another application's lock is unlikely to clash. */
const LOCK_KEY = 0x636f706c616en;

/**
 * Schema changes may take longer than a request may wait (pg-pool.ts); nobody waits on them at
 * start-up but the process itself, and a second process waits on the lock for as long.
 */
const MIGRATION_TIMEOUT = "5min";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in `dir`, in order; a file name that breaks the pattern or a repeated number is refused. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".sql")) continue;
    const m = name.match(/^(\d{3,})-[a-z0-9-]+\.sql$/);
    if (!m) throw new Error(`Migration ${join(dir, name)} is not named NNN-what.sql.`);
    migrations.push({ version: Number(m[1]), name, sql: readFileSync(join(dir, name), "utf8") });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1].version === m.version) throw new Error(`Two migrations are numbered ${m.version}: ${migrations[i - 1].name} and ${m.name}.`);
  });
  return migrations;
}

/** Applies every migration not yet applied; returns the names of those it applied. */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  return inTransaction(pool, async (client) => {
    await client.query(`SET LOCAL statement_timeout = '${MIGRATION_TIMEOUT}'`);
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY.toString()]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => v > newest);
    // A newer Coplan changed this schema: this one would misread it.
    if (unknown.length) throw new Error(`The database has migration ${Math.max(...unknown)}, newer than this Coplan knows (${newest}). Run the newer Coplan.`);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      try {
        await client.query(m.sql); // a file of several statements: the simple protocol, no parameters
      } catch (err) {
        throw new Error(`Migration ${m.name} failed, so none of this start-up's migrations were applied: ${(err as Error).message}`);
      }
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      done.push(m.name);
    }
    return done;
  });
}
