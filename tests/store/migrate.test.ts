import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../src/store/migrate.ts";
import { tempDir } from "../helpers/app.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

/** A migrations folder with these files. */
function folder(files: Record<string, string>): string {
  const dir = join(tempDir(), "migrations");
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe("the migrations folder", () => {
  it("holds Coplan's migrations, numbered and in order", () => {
    const names = readMigrations().map((m) => m.name);
    expect(names[0]).toBe("001-plans.sql");
    expect(readMigrations().map((m) => m.version)).toEqual(names.map((_, i) => i + 1));
  });

  it("refuses a file not named NNN-what.sql, and two files with one number", () => {
    expect(() => readMigrations(folder({ "plans.sql": "" }))).toThrow(/NNN-what\.sql/);
    expect(() => readMigrations(folder({ "001-a.sql": "", "001-b.sql": "" }))).toThrow(/Two migrations are numbered 1/);
  });
});

describePostgres("migrations on PostgreSQL", () => {
  let schema: TestSchema;
  afterEach(async () => schema?.drop());

  it("applies each migration once when two processes start at once on an empty database", async () => {
    schema = await freshSchema();
    // Two pools: two processes, each with its own connections. A slow first migration widens the window.
    const dir = folder({
      "001-first.sql": "SELECT pg_sleep(0.3); CREATE TABLE first_table (id integer);",
      "002-second.sql": "CREATE TABLE second_table (id integer); INSERT INTO second_table VALUES (1);",
    });
    const [a, b] = await Promise.all([migrate(schema.pool(), dir), migrate(schema.pool(), dir)]);
    expect([...a, ...b].sort()).toEqual(["001-first.sql", "002-second.sql"]);
    const check = schema.pool();
    const { rows } = await check.query("SELECT version, name FROM schema_migrations ORDER BY version");
    expect(rows).toEqual([
      { version: 1, name: "001-first.sql" },
      { version: 2, name: "002-second.sql" },
    ]);
    expect((await check.query("SELECT count(*)::int AS n FROM second_table")).rows[0].n).toBe(1);
    // A later start applies nothing.
    expect(await migrate(check, dir)).toEqual([]);
  });

  it("applies Coplan's own migrations, after which the plans table is there", async () => {
    schema = await freshSchema();
    const pool = schema.pool();
    expect(await migrate(pool)).toContain("001-plans.sql");
    expect((await pool.query("SELECT count(*)::int AS n FROM plans")).rows[0].n).toBe(0);
  });

  it("leaves the schema as it was when a migration fails, naming it", async () => {
    schema = await freshSchema();
    const pool = schema.pool();
    const dir = folder({ "001-good.sql": "CREATE TABLE good (id integer);", "002-bad.sql": "CREATE TABLE bad (id nosuchtype);" });
    await expect(migrate(pool, dir)).rejects.toThrow(/002-bad\.sql failed/);
    const { rows } = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema.name]);
    expect(rows).toEqual([]);
  });

  it("refuses a database migrated by a newer Coplan", async () => {
    schema = await freshSchema();
    const pool = schema.pool();
    await migrate(pool, folder({ "001-a.sql": "SELECT 1;", "002-b.sql": "SELECT 1;" }));
    await expect(migrate(pool, folder({ "001-a.sql": "SELECT 1;" }))).rejects.toThrow(/migration 2, newer than this Coplan knows/);
  });
});
