/**
 * PostgreSQL for tests: COPLAN_TEST_DATABASE_URL names a database the tests may write to (.ci/run
 * makes one). Each test gets a schema of its own, made fresh and dropped after, so test files
 * running in parallel never see each other's rows.
 *
 * Without the URL, the PostgreSQL tests cannot run. Locally they say so loudly (a banner, and test
 * names that say NOT RUN); with CI=true they fail instead, so CI never passes without them.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, it } from "vitest";
import type pg from "pg";
import { PgAuditLog } from "../../src/audit/pg-audit-log.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createPool, type PoolOptions } from "../../src/store/pg-pool.ts";
import type { Signer } from "../../src/signing/keys.ts";
import { buildApp, type Built } from "./app.ts";

// Tests read their own environment directly: settings.ts is the app's, and this is not a setting of it.
export const TEST_DATABASE_URL = process.env.COPLAN_TEST_DATABASE_URL?.trim() || undefined;
const IN_CI = process.env.CI === "true";

export const NOT_RUN_REASON = "COPLAN_TEST_DATABASE_URL is not set";

/** `describe` for tests that need PostgreSQL: runs them, or says loudly why not (fails in CI). */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, body);
  } else if (IN_CI) {
    describe(name, () => {
      it(`cannot run: ${NOT_RUN_REASON}, and CI must run the PostgreSQL tests`, () => {
        throw new Error(`${NOT_RUN_REASON}: .ci/run starts PostgreSQL and sets it; CI does not pass without the PostgreSQL tests.`);
      });
    });
  } else {
    const banner = "#".repeat(78);
    console.warn(`\n${banner}\n#  PostgreSQL tests NOT RUN (${name}): ${NOT_RUN_REASON}.\n#  Set it to a postgres:// URL of a scratch database to run them (see README.md).\n${banner}\n`);
    describe(`${name}: NOT RUN (${NOT_RUN_REASON})`, () => {
      it(`did NOT run: set COPLAN_TEST_DATABASE_URL to run it against PostgreSQL`, () => {});
    });
  }
}

export interface TestSchema {
  name: string;
  /** The database address (the test database's, or `base`) whose connections use this schema, as COPLAN_DATABASE_URL takes it. */
  url(base?: string): string;
  /** A pool whose connections use this schema (as a separate process would make its own). */
  pool(options?: Omit<PoolOptions, "schema">): pg.Pool;
  /** Ends every pool made here and drops the schema. */
  drop(): Promise<void>;
}

/** A new, empty schema in the test database. */
export async function freshSchema(): Promise<TestSchema> {
  const url = TEST_DATABASE_URL!;
  const name = `coplan_test_${randomBytes(6).toString("hex")}`;
  const admin = createPool(url, { max: 1 });
  await admin.query(`CREATE SCHEMA ${name}`);
  const pools: pg.Pool[] = [];
  return {
    name,
    url: (base = url) => {
      const address = new URL(base);
      address.searchParams.set("options", `-c search_path=${name}`);
      return address.toString();
    },
    pool: (options = {}) => {
      const pool = createPool(url, { ...options, schema: name });
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      await Promise.all(pools.map((p) => p.end()));
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * A fresh schema with Coplan's tables and an audit log on it, for the tests of changes recorded in
 * one transaction with their entries: `entries()` reads the log's entries behind its back, and
 * `refuseEntries()` makes the database refuse every entry from then on.
 */
export async function auditedSchema(now: () => Date, signer: Signer) {
  const schema = await freshSchema();
  const pool = schema.pool({ max: 4 });
  await migrate(pool);
  return {
    schema,
    pool,
    audit: new PgAuditLog(pool, now, signer),
    entries: async () => (await pool.query<{ entry: string }>("SELECT entry FROM audit_log ORDER BY seq")).rows.map((r) => r.entry),
    refuseEntries: () =>
      pool.query(`
        CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no entry'; END $$;
        CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_entry();`),
  };
}

/**
 * Coplan processes sharing one PostgreSQL schema, as apps with pools of their own (call it inside a
 * describePostgres). Each test gets a fresh schema the first time it asks; after the test every
 * app's store and pool are closed and the schema is dropped.
 */
export function processesOnPostgres() {
  let schema: TestSchema | undefined;
  const apps: Built[] = [];
  afterEach(async () => {
    for (const b of apps.splice(0)) {
      await b.store.close?.();
      await b.deps.pool?.end();
    }
    await schema?.drop();
    schema = undefined;
  });
  const schemaNow = async () => (schema ??= await freshSchema());
  return {
    schema: schemaNow,
    /** A process on the schema, with `dataDir` for its key (and `base` for another road to the database, a proxy say). */
    async app(dataDir: string, base?: string): Promise<Built> {
      const s = await schemaNow();
      const built = await buildApp(dataDir, undefined, { COPLAN_DATABASE_URL: s.url(base) });
      apps.push(built);
      return built;
    },
  };
}
