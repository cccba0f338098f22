/** `npm run user:add` with COPLAN_DATABASE_URL set: it opens the PostgreSQL pool, and must still end. */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describePostgres("npm run user:add with plans in PostgreSQL", () => {
  let schema: TestSchema;
  afterEach(async () => schema?.drop());

  it("adds the user and ends at once: idle database connections do not hold the command open", async () => {
    schema = await freshSchema();
    const url = new URL(TEST_DATABASE_URL!);
    url.searchParams.set("options", `-c search_path=${schema.name}`);
    // A fresh data folder: the command makes the signing key, so it opens the plan store (and the pool).
    const dataDir = mkdtempSync(join(tmpdir(), "coplan-cli-"));
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-add.ts", "--username", "kim", "--name", "Kim Lee", "--role", "case-manager", "--password-stdin"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", COPLAN_DATA_DIR: dataDir, COPLAN_DATABASE_URL: url.toString() },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.stdin.end("a long enough password for kim\n");
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(out).toContain("Added kim");
    expect(code).toBe(0);
    // node-postgres keeps idle connections 10 s by default, and they kept the process alive.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect((await schema.pool({ max: 1 }).query("SELECT count(*)::int AS n FROM schema_migrations")).rows[0].n).toBeGreaterThan(0);
  }, 30_000);
});
