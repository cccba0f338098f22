/**
 * `npm run user:add` while Coplan runs on PostgreSQL: the account goes into the database the
 * running server reads, works at once, and the server writes its audit entry at the next sign-in.
 * With the embedded store the command still refuses while Coplan holds the data folder.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp, type Built, signIn } from "../helpers/app.ts";
import { runScript } from "../helpers/cli.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

/** The data folder as a running Coplan leaves it: locked by a live process (this test's). */
function lockedDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), "coplan-cli-"));
  writeFileSync(join(dataDir, "coplan.lock"), String(process.pid));
  return dataDir;
}

const ADD = ["--username", "robin", "--name", "Robin Hale", "--role", "case-manager", "--password-stdin"];

describe("adding a user while Coplan runs on the embedded store", () => {
  it("is refused, names the running process, and adds no one", async () => {
    const dataDir = lockedDataDir();
    const res = await runScript("user-add.ts", ADD, { COPLAN_DATA_DIR: dataDir }, "a long enough password\n");
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`Another Coplan (process ${process.pid}) is already using the data folder`);
    expect(existsSync(join(dataDir, "users.json"))).toBe(false);
  }, 30_000);
});

describePostgres("adding a user while Coplan runs on PostgreSQL", () => {
  let schema: TestSchema | undefined;
  let built: Built | undefined;
  afterEach(async () => {
    await built?.store.close?.();
    await built?.deps.pool?.end();
    await schema?.drop();
  });

  it("adds the account to the database the server reads: it signs in at once, and the server audits it then", async () => {
    schema = await freshSchema();
    const url = new URL(schema.url());
    // The running server: with PostgreSQL it does not lock the data folder (several may share it).
    const dataDir = mkdtempSync(join(tmpdir(), "coplan-cli-"));
    built = await buildApp(dataDir, undefined, { COPLAN_DATABASE_URL: url.toString() }); // the running server

    const res = await runScript("user-add.ts", ADD, { COPLAN_DATA_DIR: dataDir, COPLAN_DATABASE_URL: url.toString() }, "a long enough password\n");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Added robin (case-manager). The account works now, also while Coplan runs.");
    expect(res.stdout).toContain("Coplan records it in the audit log at the next sign-in.");
    expect(existsSync(join(dataDir, "users.json"))).toBe(false);

    expect((await built.deps.users.byUsername("robin"))?.displayName).toBe("Robin Hale");
    // The command leaves the audit log to the server: two writers would fork its chain.
    expect(readFileSync(join(dataDir, "audit.log"), "utf8")).not.toContain('"user-added"');
    await signIn(built.raw, "robin", "a long enough password");
    const log = readFileSync(join(dataDir, "audit.log"), "utf8");
    const added = log.split("\n").filter((l) => l.includes('"user-added"'));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('"actor":"command-line"');
    await signIn(built.raw, "robin", "a long enough password");
    expect(readFileSync(join(dataDir, "audit.log"), "utf8").split("\n").filter((l) => l.includes('"user-added"'))).toHaveLength(1);
  }, 60_000);
});
