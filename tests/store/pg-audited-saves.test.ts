/**
 * In PostgreSQL a change to a plan and its audit entry commit in one transaction (issue 21): a
 * save that fails at its COMMIT leaves no entry, and an entry that cannot be written leaves the
 * plan as it was. The failures are made by the database itself (triggers), where a crash or a
 * broken connection would make them.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { verifyChain } from "../../src/audit/chain.ts";
import { createPlan, summarize } from "../../src/plans/conversation.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import type { AuditedPlanSaves, StoredPlan } from "../../src/store/plan-store.ts";
import { signerFrom } from "../../src/signing/keys.ts";
import { SETUP } from "../fixtures.ts";
import { auditedSchema, describePostgres } from "../helpers/postgres.ts";

const clock = () => new Date("2026-11-24T10:00:00.000Z");
const signer = signerFrom(generateKeyPairSync("ed25519").privateKey);

describePostgres("a plan's change and its audit entry in one PostgreSQL transaction", () => {
  let db: Awaited<ReturnType<typeof auditedSchema>>;
  let store: PgPlanStore;
  let saves: AuditedPlanSaves;
  const entries = () => db.entries();
  const changed = (p: StoredPlan) => ({ ...p, notes: [...p.notes, { id: "n1", at: clock().toISOString(), by: "u1", kind: "comment" as const, text: "A note" }] });
  const entry = (p: StoredPlan) => [{ actor: "u1", action: "plan-commented" as const, record: p.id, ip: "127.0.0.1" }];
  const created = (p: StoredPlan) => [{ actor: "u1", action: "plan-created" as const, record: p.id, ip: "127.0.0.1" }];
  /** A new plan, saved through `saves` with its entry, or plainly. */
  const newPlan = (audited = false) => createPlan(audited ? { create: (p) => saves.create(p, created) } : store, SETUP);

  beforeEach(async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    db = await auditedSchema(clock, signer);
    store = new PgPlanStore({ pool: db.pool, now: clock, summarize, audit: db.audit });
    saves = store.audited!;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
    await db.schema.drop();
  });

  it("records the change and its entry together, chained and signed", async () => {
    const plan = await newPlan(true);
    const saved = await saves.update(plan.id, plan.rev, changed, entry);
    expect(saved.rev).toBe(2);
    const lines = await entries();
    expect(lines.map((l) => JSON.parse(l).action)).toEqual(["plan-created", "plan-commented"]);
    expect(verifyChain(lines).ok).toBe(true);
    expect(await db.audit.check()).toMatchObject({ ok: true, count: 2, head: "signed", headSeq: 2 });
  });

  it("leaves no audit entry when the save's transaction fails at its commit", async () => {
    const plan = await newPlan();
    // Checked at COMMIT, after the entry is in: the whole transaction must go, entry and all.
    await db.pool.query(`
      CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$;
      CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER UPDATE ON plans DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();`);
    await expect(saves.update(plan.id, plan.rev, changed, entry)).rejects.toThrow(/refused at commit/);
    expect((await store.get(plan.id))!.rev).toBe(1);
    expect(await entries()).toEqual([]);
    expect(await db.audit.check()).toMatchObject({ ok: true, count: 0 });
  });

  it("leaves the plan as it was when its audit entry cannot be written", async () => {
    const plan = await newPlan();
    await db.refuseEntries();
    await expect(saves.update(plan.id, plan.rev, changed, entry)).rejects.toThrow(/no entry/);
    expect((await store.get(plan.id))!.rev).toBe(1);
    await expect(newPlan(true)).rejects.toThrow(/no entry/);
    expect((await store.list()).length).toBe(1);
  });

  it("records nothing for a save refused as stale", async () => {
    const plan = await newPlan();
    await store.update(plan.id, plan.rev, changed);
    await expect(saves.update(plan.id, plan.rev, changed, entry)).rejects.toThrow(/revision/i);
    expect(await entries()).toEqual([]);
  });

  it("saves a turn's answers together in one transaction, each with its own entry, and one save's failure is only its own", async () => {
    const plans = await Promise.all(Array.from({ length: 8 }, () => newPlan()));
    // One plan refuses every change, from inside the database (as a bad row would).
    await db.pool.query(`
      CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = '${plans[0].id}' THEN RAISE EXCEPTION 'this plan refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_one BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION refuse_one();`);
    let commits = 0;
    const pool = (store as unknown as { pool: import("pg").Pool }).pool;
    const counted = new WeakSet<object>();
    pool.on("acquire", (client) => {
      if (counted.has(client)) return;
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (args[0] === "COMMIT") commits++;
        return query(...args);
      };
    });
    // Seven answers arrive together, with one stale (already overtaken) and one refused.
    await store.update(plans[1].id, plans[1].rev, changed);
    const results = await Promise.allSettled(plans.map((p) => saves.update(p.id, p.rev, changed, entry)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", ...Array(6).fill("fulfilled")]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/this plan refused/);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/revision/i);
    // The six saved, each recorded once, in one chain that verifies.
    const lines = await entries();
    expect(lines.map((l) => JSON.parse(l).record).sort()).toEqual(plans.slice(2).map((p) => p.id).sort());
    expect(verifyChain(lines).ok).toBe(true);
    expect(await db.audit.check()).toMatchObject({ ok: true, count: 6, head: "signed" });
    for (const p of plans.slice(2)) expect((await store.get(p.id))!.rev).toBe(2);
    expect((await store.get(plans[0].id))!.rev).toBe(1);
    // Without a refusal they share COMMITs: one per turn in which reads of the plans came back (this
    // store does not listen, so keeps no copies: each save reads its plan first, on 4 connections).
    commits = 0;
    const more = await Promise.all(plans.slice(2).map((p) => saves.update(p.id, 2, changed, entry)));
    expect(more.map((p) => p.rev)).toEqual(Array(6).fill(3));
    expect(commits).toBeLessThan(4);
    expect(await db.audit.check()).toMatchObject({ ok: true, count: 12, head: "signed" });
  });

  it("never puts two saves of one plan in one batch: of two at once from the same revision, one saves and the other is refused as stale", async () => {
    // A store that hears every change keeps its copy of the plan, so both saves reach the batch in one turn.
    const listening = new PgPlanStore({ pool: db.schema.pool({ max: 4 }), now: clock, summarize, audit: db.audit, listen: true });
    for (let i = 0; i < 500 && !listening.hearingChanges; i++) await new Promise((r) => setTimeout(r, 10));
    const plan = await createPlan(listening, SETUP);
    while ((await listening.get(plan.id)) !== (await listening.get(plan.id))) await new Promise((r) => setTimeout(r, 10));
    const both = [listening.audited!.update(plan.id, plan.rev, changed, entry), listening.audited!.update(plan.id, plan.rev, changed, entry)];
    const results = await Promise.allSettled(both);
    await listening.close();
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toMatch(/revision/i);
    expect((await store.get(plan.id))!.rev).toBe(2);
    expect((await entries()).length).toBe(1);
  });
});
