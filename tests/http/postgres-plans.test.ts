/**
 * With COPLAN_DATABASE_URL set, plans are served from PostgreSQL: the same pages and the same 409
 * for a stale revision, and no plan in the data folder. (Accounts and sessions are in PostgreSQL
 * too: postgres-accounts.test.ts; so is the audit log: postgres-audit.test.ts.)
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createPlan, viewOf } from "../../src/plans/conversation.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import { SETUP } from "../fixtures.ts";
import { buildApp, type Built, post, text } from "../helpers/app.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

describePostgres("plans in PostgreSQL, through HTTP", () => {
  let schema: TestSchema;
  let built: Built | undefined;
  afterEach(async () => {
    await built?.store.close?.(); // its LISTEN connection
    await built?.deps.pool?.end();
    await schema?.drop();
  });

  it("serves the caseload and answers from PostgreSQL, gives a stale tab the 409 with its words kept, and writes no plan file", async () => {
    schema = await freshSchema();
    const url = new URL(schema.url());
    built = await buildApp(undefined, undefined, { COPLAN_DATABASE_URL: url.toString() });
    const { app, store, user, dataDir } = built;
    expect(store).toBeInstanceOf(PgPlanStore);

    const plan = await createPlan(store, { ...SETUP, clientName: "Zofia Kowalczyk" }, user.id);
    expect(text(await (await app.request("http://localhost/caseload")).text())).toContain("Zofia Kowalczyk");

    const answer = (words: string) => post(app, `/plans/${plan.id}/goals`, { rev: String(plan.rev), issue: "Housing at risk", clientWords: words }, { htmx: true });
    const first = await answer("Keep my flat");
    expect(first.status).toBe(200);
    const stale = await answer("Move nearer my sister");
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain("Move nearer my sister");

    const { rows } = await schema.pool({ max: 1 }).query("SELECT id, rev FROM plans");
    expect(rows).toEqual([{ id: plan.id, rev: plan.rev + 1 }]);
    expect(viewOf((await store.get(plan.id))!).data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat"]);
    const plansDir = join(dataDir, "plans");
    expect(existsSync(plansDir) ? readdirSync(plansDir) : []).toEqual([]);
  });
});
