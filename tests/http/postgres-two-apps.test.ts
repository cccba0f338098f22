/**
 * Two Coplan processes on one PostgreSQL database (issue 21), as two apps with their own pools in
 * one test process: each keeps the plans it reads in memory (and so its rendered pages), and a change
 * made through one is seen through the other at once, by LISTEN/NOTIFY. While one cannot hear the
 * other (its connection is cut), it keeps nothing, and once it hears again it serves the latest.
 */
import { afterEach, expect, it } from "vitest";
import { createPlan } from "../../src/plans/conversation.ts";
import type { PgPlanStore } from "../../src/store/pg-store.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, type Built, get, post, tempDir, text } from "../helpers/app.ts";
import { pgProxy, type PgProxy } from "../helpers/pg-proxy.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL, type TestSchema } from "../helpers/postgres.ts";

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describePostgres("two Coplan processes on one PostgreSQL database", () => {
  let schema: TestSchema | undefined;
  let proxy: PgProxy | undefined;
  const apps: Built[] = [];
  afterEach(async () => {
    for (const b of apps.splice(0)) {
      await b.store.close?.();
      await b.deps.pool?.end();
    }
    await proxy?.close();
    await schema?.drop();
  });

  const urlFor = (base: string, name: string) => {
    const url = new URL(base);
    url.searchParams.set("options", `-c search_path=${name}`);
    return url.toString();
  };

  it("a change through one is seen at once through the other's kept page, also after the other lost the database for a while", async () => {
    schema = await freshSchema();
    proxy = await pgProxy(TEST_DATABASE_URL!);
    // One data folder, so both know the same account (accounts are still there); plans are in PostgreSQL.
    const dataDir = tempDir();
    const a = await buildApp(dataDir, undefined, { COPLAN_DATABASE_URL: urlFor(TEST_DATABASE_URL!, schema.name) });
    apps.push(a);
    const b = await buildApp(dataDir, undefined, { COPLAN_DATABASE_URL: urlFor(proxy.url, schema.name) });
    apps.push(b);
    const storeA = a.store as PgPlanStore;
    const storeB = b.store as PgPlanStore;
    await Promise.all([storeA.init(), storeB.init()]);
    await until("both to hear changes", () => storeA.hearingChanges && storeB.hearingChanges);

    const plan = await createPlan(storeA, { ...SETUP, clientName: "Zofia Kowalczyk" }, a.user.id);
    const page = async (built: Built) => {
      const res = await get(built.app, `/plans/${plan.id}`);
      expect(res.status).toBe(200);
      return text(await res.text());
    };
    expect(await page(b)).toContain("Zofia Kowalczyk");
    // B keeps the plan it read: the same object again, so its rendered page is served from memory.
    expect(await storeB.get(plan.id)).toBe(await storeB.get(plan.id));

    const heardByB: number[] = [];
    b.deps.planEvents.onPlanChanged((id, rev) => id === plan.id && heardByB.push(rev));
    const answer = (built: Built, rev: number, words: string) => post(built.app, `/plans/${plan.id}/goals`, { rev: String(rev), issue: "Housing at risk", clientWords: words });
    expect((await answer(a, plan.rev, "Keep my flat")).status).toBe(303);
    await until("B to hear A's change", () => heardByB.includes(plan.rev + 1), 1_000);
    expect(await page(b)).toContain("Keep my flat");

    // B answers next, on the revision it now shows; A, which kept its own save, sees B's at once too.
    expect(await page(a)).toContain("Keep my flat");
    expect((await answer(b, plan.rev + 1, "See my kids on Sundays")).status).toBe(303);
    await until("A to hear B's change", async () => (await storeA.get(plan.id))!.rev === plan.rev + 2, 1_000);
    expect(await page(a)).toContain("See my kids on Sundays");

    // B loses the database; A changes the plan meanwhile (B cannot hear it); B comes back and shows it.
    await proxy.stop();
    await until("B to notice it no longer hears", () => !storeB.hearingChanges);
    expect((await answer(a, plan.rev + 2, "Find a job near home")).status).toBe(303);
    await proxy.start();
    expect(await page(b)).toContain("Find a job near home");
    await until("B to hear again", () => storeB.hearingChanges);
    expect(await page(b)).toContain("Find a job near home");
  });
});
