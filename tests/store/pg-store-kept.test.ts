/**
 * A save in PostgreSQL mode starts from the copy of the plan this process keeps (while it hears
 * every change: pg-store.ts), instead of reading and parsing the whole document again inside its
 * transaction (issue 21 (g): one PostgreSQL worker cost about 2.5 times lowdb's CPU per answer).
 * The UPDATE's `WHERE rev = $2` still refuses a save whose copy another process overtook.
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

/** Counts the statements that read a plan's whole document, and its owner, on every connection of `pool`. */
function countDocumentReads(pool: pg.Pool): { reads: number; owners: number } {
  const count = { reads: 0, owners: 0 };
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].includes("SELECT id, rev, document FROM plans")) count.reads++;
      if (typeof args[0] === "string" && args[0].includes("SELECT owner_id, practice FROM plans")) count.owners++;
      return query(...args);
    };
  });
  return count;
}

async function hearing(store: PgPlanStore): Promise<void> {
  for (let i = 0; i < 500 && !store.hearingChanges; i++) await new Promise((r) => setTimeout(r, 10));
  expect(store.hearingChanges).toBe(true);
}

/**
 * Reads the plan until the store keeps it: a read that overlaps a change heard (here, the NOTIFY of
 * the plan's own creation, arriving a moment later) is not kept. As a page view does before an answer.
 */
async function kept(store: PgPlanStore, id: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await store.get(id)) === (await store.get(id))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("the store never kept the plan");
}

describePostgres("the PostgreSQL plan store's kept copy", () => {
  let schema: TestSchema;
  /** The store a test opened, closed after it. */
  let opened: PgPlanStore | undefined;
  afterEach(async () => {
    await opened?.close();
    await schema?.drop();
  });

  /** A fresh schema and a store on it that hears every change; counts the reads of its plans' documents. */
  async function listeningStore(): Promise<{ count: { reads: number; owners: number }; store: PgPlanStore }> {
    schema = await freshSchema();
    const pool = schema.pool();
    const count = countDocumentReads(pool);
    const store = (opened = new PgPlanStore({ pool, now, summarize, listen: true }));
    await store.init();
    await hearing(store);
    return { count, store };
  }

  it("saves an answer without reading the plan's document again while it hears every change", async () => {
    const { count, store } = await listeningStore();
    const view = await createPlan(store, SETUP);
    await kept(store, view.id); // as the answer's route reads it, to show and check the plan first
    const before = count.reads;
    const after = await sendEvent(store, view.id, view.rev, GOAL("Keep my flat"));
    expect(count.reads - before).toBe(0);
    const stored = JSON.parse((await schema.pool().query("SELECT document FROM plans WHERE id = $1", [view.id])).rows[0].document);
    expect(viewOf(stored).data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat"]);
    expect(after.rev).toBe(2);
  });

  it("keeps its copy of a plan while other plans change at the same time, as under any real load", async () => {
    const { count, store } = await listeningStore();
    const view = await createPlan(store, SETUP);
    const others = await Promise.all(Array.from({ length: 6 }, () => createPlan(store!, SETUP)));
    await kept(store, view.id);
    // Another process answers on six other plans while this one saves: their NOTIFYs arrive meanwhile.
    const elsewhere = new PgPlanStore({ pool: schema.pool(), now, summarize });
    const busy = async () => {
      for (const other of others) for (let rev = other.rev; rev < other.rev + 3; rev++) await elsewhere.update(other.id, rev, (plan) => plan);
    };
    let rev = view.rev;
    const answers = async () => {
      for (let i = 0; i < 6; i++) rev = (await sendEvent(store!, view.id, rev, GOAL(`Answer ${i}`))).rev;
    };
    const before = count.reads;
    await Promise.all([busy(), answers()]);
    // Each answer started from the copy its previous one kept: the plan was never read again.
    expect(count.reads - before).toBe(0);
    expect(rev).toBe(view.rev + 6);
  });

  it("refuses a save whose kept copy another process overtook before this one heard of it, and keeps the other's answer", async () => {
    const { store } = await listeningStore();
    const view = await createPlan(store, SETUP);
    await kept(store, view.id);
    // Another process's answer at revision 2, committed without a NOTIFY: as if this process had not
    // heard of it yet, so its kept copy is still revision 1.
    const admin = schema.pool();
    const doc = JSON.parse((await admin.query("SELECT document FROM plans WHERE id = $1", [view.id])).rows[0].document);
    doc.rev = 2;
    doc.snapshot.context.data.goals.push({ id: "g1", issue: "Housing at risk", clientWords: "The other process's answer" });
    await admin.query("UPDATE plans SET rev = 2, document = $2 WHERE id = $1", [view.id, JSON.stringify(doc)]);
    expect((await store.get(view.id))!.rev).toBe(1); // the copy kept, unheard-of change and all
    const err = await sendEvent(store, view.id, 1, GOAL("This process's answer")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleRevisionError);
    expect((err as StaleRevisionError).current.rev).toBe(2);
    const stored = (await admin.query("SELECT document FROM plans WHERE id = $1", [view.id])).rows[0].document as string;
    expect(stored).toContain("The other process's answer");
    expect(stored).not.toContain("This process's answer");
  });

  it("says who owns a kept plan without a query, and hears a handover made elsewhere", async () => {
    const { count, store } = await listeningStore();
    const view = await createPlan(store, SETUP, "owner-a");
    await kept(store, view.id);
    const before = count.owners;
    expect(await store.accessInfo(view.id)).toEqual({ ownerId: "owner-a", practice: false });
    expect(count.owners - before).toBe(0);
    // Another process hands the plan over: this one hears it, and answers with the new owner.
    const other = new PgPlanStore({ pool: schema.pool(), now, summarize });
    await other.update(view.id, view.rev, (plan) => ({ ...plan, ownerId: "owner-b" }));
    for (let i = 0; i < 200 && (await store.accessInfo(view.id))?.ownerId !== "owner-b"; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await store.accessInfo(view.id)).toEqual({ ownerId: "owner-b", practice: false });
  });
});
