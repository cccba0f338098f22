/**
 * What only the PostgreSQL store has to show (its shared behaviour is in plan-store.contract.test.ts):
 * a save by another process that commits between this one's read and its write, and rows that do
 * not hold what they say.
 */
import { afterEach, expect, it } from "vitest";
import type pg from "pg";
import { createPlan, sendEvent, summarize, viewOf } from "../../src/plans/conversation.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import { StaleRevisionError } from "../../src/store/plan-store.ts";
import { SETUP } from "../fixtures.ts";
import { describePostgres, freshSchema, type TestSchema } from "../helpers/postgres.ts";

const now = () => new Date("2026-11-24T10:00:00.000Z");
const GOAL = (words: string) => ({ type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: words } }) as const;

/** Resolves once some connection waits for a lock the backend `holder` holds: the store's UPDATE has reached the row. */
async function untilBlockedBy(pool: pg.Pool, holder: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [holder]);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("no connection ever waited for the row lock");
}

describePostgres("the PostgreSQL plan store", () => {
  let schema: TestSchema;
  afterEach(async () => schema?.drop());

  it("refuses a save that another process's save overtook between its read and its write, and keeps the other's answer", async () => {
    schema = await freshSchema();
    const store = new PgPlanStore({ pool: schema.pool(), now, summarize });
    const view = await createPlan(store, SETUP);
    const admin = schema.pool();
    // The other process's save, at revision 2, made ready but not yet committed.
    const original = (await admin.query("SELECT rev, document, summary FROM plans WHERE id = $1", [view.id])).rows[0];
    await sendEvent(store, view.id, 1, GOAL("The other process's answer"));
    const theirs = (await admin.query("SELECT rev, document, summary FROM plans WHERE id = $1", [view.id])).rows[0];
    await admin.query("UPDATE plans SET rev = $2, document = $3, summary = $4 WHERE id = $1", [view.id, original.rev, original.document, original.summary]);

    const other = await admin.connect();
    try {
      const holder = (await other.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
      await other.query("BEGIN");
      await other.query("UPDATE plans SET rev = $2, document = $3, summary = $4 WHERE id = $1", [view.id, theirs.rev, theirs.document, theirs.summary]);
      // This process reads revision 1 (the other save is not committed), then its UPDATE waits on the row.
      const mine = sendEvent(store, view.id, 1, GOAL("This process's answer")).catch((e: unknown) => e);
      await untilBlockedBy(admin, holder);
      await other.query("COMMIT");
      const err = await mine;
      expect(err).toBeInstanceOf(StaleRevisionError);
      expect((err as StaleRevisionError).current.rev).toBe(2);
    } finally {
      other.release();
    }
    const stored = (await store.get(view.id))!;
    expect(stored.rev).toBe(2);
    expect(viewOf(stored).data.goals.map((g) => g.clientWords)).toEqual(["The other process's answer"]);
  });

  it("makes the caseload summaries again at start-up when the code that makes them changed", async () => {
    schema = await freshSchema();
    const old = new PgPlanStore({ pool: schema.pool(), now, summarize });
    const a = await createPlan(old, SETUP);
    const b = await createPlan(old, { ...SETUP, clientName: "Zofia Kowalczyk" });
    // A newer Coplan whose summaries say more (here: the client's name in capitals).
    const newer = new PgPlanStore({ pool: schema.pool(), now, summarize: (plan) => ({ ...summarize(plan), clientName: summarize(plan).clientName.toUpperCase() }) });
    const names = Object.fromEntries((await newer.list()).map((s) => [s.id, s.clientName]));
    expect(names).toEqual({ [a.id]: "AMIRA HADDAD", [b.id]: "ZOFIA KOWALCZYK" });
    expect((await newer.list()).map((s) => s.rev)).toEqual([1, 1]); // the plans themselves are untouched
  });

  it("refuses a row whose document is another plan's, naming the row", async () => {
    schema = await freshSchema();
    const store = new PgPlanStore({ pool: schema.pool(), now, summarize });
    const a = await createPlan(store, SETUP);
    const b = await createPlan(store, SETUP);
    const admin = schema.pool();
    await admin.query("UPDATE plans SET document = (SELECT document FROM plans WHERE id = $2) WHERE id = $1", [a.id, b.id]);
    await expect(store.get(a.id)).rejects.toThrow(`PostgreSQL plans row ${a.id}`);
    await expect(store.get(a.id)).rejects.toThrow(`it holds plan ${b.id}`);
  });

  it("refuses an encrypted row put back from an older revision", async () => {
    schema = await freshSchema();
    const key = Buffer.alloc(32, 7);
    const store = new PgPlanStore({ pool: schema.pool(), now, summarize, encryptionKey: key });
    const view = await createPlan(store, SETUP);
    const admin = schema.pool();
    const old = (await admin.query("SELECT document FROM plans WHERE id = $1", [view.id])).rows[0].document;
    await sendEvent(store, view.id, 1, GOAL("Keep my flat"));
    await admin.query("UPDATE plans SET document = $2 WHERE id = $1", [view.id, old]);
    await expect(store.get(view.id)).rejects.toThrow(/revision 1, not .* at 2/);
  });
});
