/**
 * `npm run user:reset -- --username NAME`: the way back for an administrator who forgot their
 * password. It prints a one-time link, whether Coplan is stopped or running on the same folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Run, runScript } from "../helpers/cli.ts";
import { buildApp, ORIGIN, post, signIn, tempDir } from "../helpers/app.ts";

const SITE = "https://coplan.example.org";

function run(args: string[], dataDir: string): Promise<Run> {
  return runScript("user-reset.ts", args, { COPLAN_DATA_DIR: dataDir, COPLAN_ORIGIN: SITE });
}

const tokenIn = (stdout: string) => stdout.match(new RegExp(`${SITE}/reset/([A-Za-z0-9_-]{43})\\b`))?.[1];
const auditLines = (dataDir: string) => readFileSync(join(dataDir, "audit.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l));

describe("resetting a password from the command line", () => {
  it("prints a one-time link to the address people use, keeps only its hash, and records it, while Coplan is stopped", async () => {
    const built = await buildApp(); // makes casey, then is left alone: the server is "stopped"
    await built.deps.audit.close();
    const res = await run(["--username", "casey"], built.dataDir);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const token = tokenIn(res.stdout);
    expect(token).toBeDefined();
    expect(res.stdout).toContain("1 hour");
    const files = readdirSync(join(built.dataDir, "password-resets"));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(built.dataDir, "password-resets", files[0]), "utf8")).not.toContain(token!);
    expect(auditLines(built.dataDir).at(-1)).toMatchObject({ actor: "command-line", action: "password-reset-issued", record: built.user.id });
    expect(existsSync(join(built.dataDir, "coplan.lock"))).toBe(false);
  }, 60_000);

  it("works while Coplan runs on the folder: the running server takes the new link", async () => {
    const built = await buildApp();
    // The running server holds the folder's lock (this process stands in for it).
    writeFileSync(join(built.dataDir, "coplan.lock"), String(process.pid), { mode: 0o600 });
    const res = await run(["--username", "casey"], built.dataDir);
    expect(res.code).toBe(0);
    const token = tokenIn(res.stdout);
    expect(token).toBeDefined();
    const used = await post(built.raw, `/reset/${token}`, { password: "a brand new passphrase", confirm: "a brand new passphrase" });
    expect(used.status).toBe(303);
    await signIn(built.raw, "casey", "a brand new passphrase", ORIGIN);
    const actions = (await built.deps.audit.lines()).map((l) => JSON.parse(l));
    expect(actions.find((e) => e.action === "password-reset-issued")).toMatchObject({ actor: "command-line", record: built.user.id });
    expect(actions.find((e) => e.action === "password-reset-used")).toMatchObject({ actor: built.user.id });
  }, 60_000);

  it("says so, and makes no link, for an account that does not exist", async () => {
    const dataDir = tempDir("coplan-cli-");
    const res = await run(["--username", "nobody"], dataDir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("There is no account called nobody");
    expect(existsSync(join(dataDir, "password-resets")) ? readdirSync(join(dataDir, "password-resets")) : []).toEqual([]);
  }, 30_000);
});
