/**
 * `npm run user:reset` with PostgreSQL: the account is found in the database and the link is kept
 * there, so the running server (any of several) takes it at once; the command records the issue in
 * the database's audit log itself, once, and using the link records only its use.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { buildApp, type Built, ORIGIN, post } from "../helpers/app.ts";
import { runScript } from "../helpers/cli.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

const SITE = "https://coplan.example.org";

describePostgres("resetting a password from the command line, on PostgreSQL", () => {
  let schema: TestSchema | undefined;
  let built: Built | undefined;
  afterEach(async () => {
    await built?.store.close?.();
    await built?.deps.pool?.end();
    await schema?.drop();
  });

  it("finds the account in the database and makes a link the running server takes", async () => {
    schema = await freshSchema();
    const url = new URL(schema.url());
    built = await buildApp(undefined, undefined, { COPLAN_DATABASE_URL: url.toString() }); // the running server, with casey
    const res = await runScript("user-reset.ts", ["--username", "casey"], { COPLAN_DATA_DIR: built.dataDir, COPLAN_ORIGIN: SITE, COPLAN_DATABASE_URL: url.toString() });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain("when it is used");
    const token = res.stdout.match(new RegExp(`${SITE}/reset/([A-Za-z0-9_-]{43})\\b`))?.[1];
    expect(token).toBeDefined();
    expect(existsSync(join(built.dataDir, "password-resets"))).toBe(false);
    const issued = async () => (await built!.deps.audit.lines()).filter((l) => l.includes('"password-reset-issued"')).map((l) => JSON.parse(l));
    expect(await issued()).toEqual([expect.objectContaining({ actor: "command-line", record: built.user.id })]);
    const page = await built.raw.request(`${ORIGIN}/reset/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("casey");
    const form = { password: "a new long password", confirm: "a new long password" };
    const used = await post(built.raw, `/reset/${token}`, form);
    expect(used.status).toBe(303);
    expect(await issued()).toHaveLength(1);
    expect((await built.deps.audit.lines()).filter((l) => l.includes('"password-reset-used"'))).toHaveLength(1);
    expect(await built.deps.audit.check()).toMatchObject({ ok: true, head: "signed" });
    expect(existsSync(join(built.dataDir, "audit.log"))).toBe(false);
  }, 60_000);
});
