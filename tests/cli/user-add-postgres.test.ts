/**
 * `npm run user:add` while Coplan runs on PostgreSQL: the account goes into the database the
 * running server reads, works at once, and the command writes its audit entry into the database's
 * log, on the one chain every process appends to (nothing goes to the data folder).
 * With the embedded store the command still refuses while Coplan holds the data folder.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
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

  it("adds the account to the database the server reads: it signs in at once, recorded once in the database's audit log", async () => {
    schema = await freshSchema();
    const url = new URL(schema.url());
    // The running server: with PostgreSQL it does not lock the data folder (several may share it).
    const dataDir = mkdtempSync(join(tmpdir(), "coplan-cli-"));
    built = await buildApp(dataDir, undefined, { COPLAN_DATABASE_URL: url.toString() }); // the running server

    const res = await runScript("user-add.ts", ADD, { COPLAN_DATA_DIR: dataDir, COPLAN_DATABASE_URL: url.toString() }, "a long enough password\n");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Added robin (case-manager). The account works now, also while Coplan runs.");
    expect(res.stdout).not.toContain("next sign-in");
    expect(existsSync(join(dataDir, "users.json"))).toBe(false);

    expect((await built.deps.users.byUsername("robin"))?.displayName).toBe("Robin Hale");
    const robin = (await built.deps.users.byUsername("robin"))!;
    const added = async () => (await built!.deps.audit.lines()).filter((l) => l.includes('"user-added"')).map((l) => JSON.parse(l));
    expect(await added()).toEqual([expect.objectContaining({ actor: "command-line", action: "user-added", record: robin.id, detail: "case-manager" })]);
    // The server carries the same chain on: its next entries chain after the command's, and the head holds.
    await signIn(built.raw, "robin", "a long enough password");
    expect(await added()).toHaveLength(1);
    expect(await built.deps.audit.check()).toMatchObject({ ok: true, head: "signed" });
    expect(existsSync(join(dataDir, "audit.log"))).toBe(false);
  }, 60_000);
});
