/**
 * Accounts and sessions in PostgreSQL, through HTTP (issue 21): two Coplan processes (two apps
 * with their own pools and their own data folders) on one database know the same accounts, a
 * session made by one is valid on the other, and disabling an account through one ends its
 * sessions on both. Nothing of the accounts is written to the data folder.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { addUser, get, post, signIn, tempDir } from "../helpers/app.ts";
import { describePostgres, processesOnPostgres } from "../helpers/postgres.ts";

describePostgres("accounts and sessions shared by two processes on PostgreSQL", () => {
  const processes = processesOnPostgres();

  it("signs in through one, is signed in on the other, and disabling through the other ends it on both", async () => {
    const a = await processes.app(tempDir());
    const b = await processes.app(tempDir()); // finds casey, made by a
    expect(b.user.id).toBe(a.user.id);

    await addUser(a.deps, "admin", "ada");
    const adminOnB = await signIn(b.raw, "ada");
    expect((await get(a.raw, "/caseload", { cookie: a.cookie })).status).toBe(200);
    expect((await get(b.raw, "/caseload", { cookie: a.cookie })).status).toBe(200); // a's session, on b

    const disabled = await post(b.raw, `/users/${a.user.id}/disable`, {}, { cookie: adminOnB });
    expect(disabled.status).toBe(303);
    for (const app of [a.raw, b.raw]) {
      const res = await get(app, "/caseload", { cookie: a.cookie });
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toContain("/signin");
    }
    for (const dir of [a.dataDir, b.dataDir]) expect(existsSync(join(dir, "users.json"))).toBe(false);
  }, 60_000);
});
