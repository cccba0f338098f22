/**
 * What every PlanStore does, whichever it is: the same tests run against the embedded lowdb store
 * (in a temp folder) and the PostgreSQL store (in a fresh schema of COPLAN_TEST_DATABASE_URL), so
 * routes can rely on the one behaviour. Store-specific matters (files, journal, index, migrations)
 * are tested beside each store.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPlan, sendEvent, summarize, viewOf } from "../../src/plans/conversation.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { PgPlanStore } from "../../src/store/pg-store.ts";
import { PlanNotFoundError, type PlanStore, StaleRevisionError } from "../../src/store/plan-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";
import { describePostgres, freshSchema, TEST_DATABASE_URL } from "../helpers/postgres.ts";

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);
const START = "2026-11-24T10:00:00.000Z";

interface Opened {
  /** Opens a store on the one place the plans are kept (another process, or after a restart). */
  open(encryptionKey?: Buffer): PlanStore;
  /** Everything the store has written, as stored, to look for words that must not be in the clear. */
  stored(): Promise<string>;
  cleanup(): Promise<void>;
}

interface Factory {
  name: string;
  make(clock: { t: Date }): Promise<Opened>;
}

const lowdb: Factory = {
  name: "embedded (lowdb)",
  async make(clock) {
    const dataDir = tempDir();
    const opened: LowdbPlanStore[] = [];
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    return {
      open: (encryptionKey) => {
        const store = new LowdbPlanStore({ dataDir, now: () => clock.t, summarize, encryptionKey });
        opened.push(store);
        return store;
      },
      stored: async () => files(dataDir).map((f) => readFileSync(f, "utf8")).join("\n"),
      cleanup: async () => {
        for (const s of opened) await s.close().catch(() => {});
      },
    };
  },
};

const postgres: Factory = {
  name: "PostgreSQL",
  async make(clock) {
    const schema = await freshSchema();
    return {
      open: (encryptionKey) => new PgPlanStore({ pool: schema.pool({ max: 4 }), now: () => clock.t, summarize, encryptionKey }),
      stored: async () => {
        const { rows } = await schema.pool({ max: 1 }).query("SELECT document, summary FROM plans");
        return rows.map((r) => `${r.document}\n${r.summary}`).join("\n");
      },
      cleanup: () => schema.drop(),
    };
  },
};

const GOAL = { type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: "Keep my flat" } } as const;
const goalWords = (i: number) => ({ type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: `Tab ${i}: keep my flat` } }) as const;

describe.each(TEST_DATABASE_URL ? [lowdb, postgres] : [lowdb])("the $name plan store", (factory) => {
  let opened: Opened;
  const clock = { t: new Date(START) };
  const setUp = async (encryptionKey?: Buffer) => {
    clock.t = new Date(START);
    opened = await factory.make(clock);
    const store = opened.open(encryptionKey);
    await store.init();
    return store;
  };
  afterEach(async () => opened?.cleanup());

  it("creates a plan at revision 1 with the store's defaults, and gives it back as created", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP, "user-1");
    const plan = (await store.get(view.id))!;
    expect(plan).toMatchObject({ id: view.id, rev: 1, createdAt: START, updatedAt: START, ownerId: "user-1", version: 1, notes: [], history: [], reviewLinks: [] });
    expect(plan.progress).toEqual({ actions: {}, goals: {}, log: [], notes: [] });
    expect(viewOf(plan).data.setup.clientName).toBe(SETUP.clientName);
  });

  it("has no plan for an unknown id, nor for one that is not an id at all", async () => {
    const store = await setUp();
    expect(await store.get("AAAAAAAAAAAAAAAA")).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    expect(await store.accessInfo("AAAAAAAAAAAAAAAA")).toBeNull();
    await expect(store.update("AAAAAAAAAAAAAAAA", 1, (p) => p)).rejects.toBeInstanceOf(PlanNotFoundError);
    await expect(store.update("../x", 1, (p) => p)).rejects.toBeInstanceOf(PlanNotFoundError);
  });

  it("saves a change at the revision it was read at: the next revision, the new time, the same id and creation time", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP);
    clock.t = new Date("2026-11-24T10:05:00.000Z");
    const saved = await store.update(view.id, 1, (p) => ({ ...p, id: "BBBBBBBBBBBBBBBB", createdAt: "1999-01-01T00:00:00.000Z", notes: [{ id: "n1", at: START, by: "u", kind: "comment", text: "Call back" }] }));
    expect(saved).toMatchObject({ id: view.id, rev: 2, createdAt: START, updatedAt: "2026-11-24T10:05:00.000Z" });
    const read = (await store.get(view.id))!;
    expect(read).toEqual(saved);
    expect(read.notes.map((n) => n.text)).toEqual(["Call back"]);
    expect(await store.get("BBBBBBBBBBBBBBBB")).toBeNull();
  });

  it("refuses a change made from a stale revision, says what the plan now is, and writes nothing", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP);
    await sendEvent(store, view.id, 1, GOAL);
    const stale = store.update(view.id, 1, (p) => ({ ...p, notes: [{ id: "n1", at: START, by: "u", kind: "comment", text: "lost?" }] }));
    const err = await stale.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleRevisionError);
    expect((err as StaleRevisionError).expectedRev).toBe(1);
    expect((err as StaleRevisionError).current.rev).toBe(2);
    const read = (await store.get(view.id))!;
    expect(read.rev).toBe(2);
    expect(read.notes).toEqual([]);
  });

  it("lets exactly one of many simultaneous changes at one revision win; the others are stale", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP);
    const tabs = Array.from({ length: 8 }, (_, i) => i);
    const results = await Promise.allSettled(tabs.map((i) => sendEvent(store, view.id, 1, goalWords(i))));
    const won = tabs.filter((i) => results[i].status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(StaleRevisionError);
    const read = (await store.get(view.id))!;
    expect(read.rev).toBe(2);
    expect(viewOf(read).data.goals.map((g) => g.clientWords)).toEqual([`Tab ${won[0]}: keep my flat`]);
  });

  it("writes nothing when the change itself fails", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP);
    await expect(
      store.update(view.id, 1, () => {
        throw new Error("refused by the machine");
      }),
    ).rejects.toThrow("refused by the machine");
    expect((await store.get(view.id))!.rev).toBe(1);
    await sendEvent(store, view.id, 1, GOAL); // and the plan is not left locked
  });

  it("hands out plans that cannot be changed in place, so every change goes through update", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP);
    const plan = (await store.get(view.id))!;
    expect(() => plan.notes.push({ id: "n", at: START, by: "u", kind: "comment", text: "x" })).toThrow();
    await store.update(view.id, 1, (p) => {
      expect(Object.isFrozen(p)).toBe(true);
      return p;
    });
  });

  it("lists every plan's summary, most recently changed first, with owner and practice flag", async () => {
    const store = await setUp();
    const a = await createPlan(store, { ...SETUP, clientName: "Siobhán Nguyễn 王芳" }, "user-1");
    clock.t = new Date("2026-11-24T11:00:00.000Z");
    const b = await createPlan(store, SETUP, "user-2", { scenarioId: "housing" });
    clock.t = new Date("2026-11-24T12:00:00.000Z");
    await sendEvent(store, a.id, 1, GOAL);
    const more = [];
    for (const hour of [13, 14, 15]) {
      clock.t = new Date(`2026-11-24T${hour}:00:00.000Z`);
      more.push(await createPlan(store, SETUP, "user-1"));
    }
    clock.t = new Date("2026-11-24T16:00:00.000Z");
    await sendEvent(store, more[0].id, 1, GOAL);
    const all = await store.list();
    expect(all.map((s) => s.id)).toEqual([more[0].id, more[2].id, more[1].id, a.id, b.id]);
    const list = all.slice(3);
    expect(list[0]).toMatchObject({ id: a.id, clientName: "Siobhán Nguyễn 王芳", rev: 2, ownerId: "user-1", practice: false, updatedAt: "2026-11-24T12:00:00.000Z", annualReviewDate: SETUP.annualReviewDate });
    expect(list[1]).toMatchObject({ id: b.id, clientName: SETUP.clientName, rev: 1, ownerId: "user-2", practice: true, step: b.step });
    expect(await store.accessInfo(a.id)).toEqual({ ownerId: "user-1", practice: false });
    expect(await store.accessInfo(b.id)).toEqual({ ownerId: "user-2", practice: true });
  });

  it("follows a plan to its new owner (a handover) in the list and the access check", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP, "user-1");
    await store.update(view.id, 1, (p) => ({ ...p, ownerId: "user-2" }));
    expect(await store.accessInfo(view.id)).toEqual({ ownerId: "user-2", practice: false });
    expect((await store.list()).map((s) => s.ownerId)).toEqual(["user-2"]);
  });

  it("gives another store opened on the same plans (a restart, another process) every saved answer", async () => {
    const store = await setUp();
    const view = await createPlan(store, SETUP, "user-1");
    await sendEvent(store, view.id, 1, GOAL);
    await store.close?.();
    const again = opened.open();
    const read = (await again.get(view.id))!;
    expect(read.rev).toBe(2);
    expect(viewOf(read).data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat"]);
    expect((await again.list()).map((s) => [s.id, s.rev])).toEqual([[view.id, 2]]);
  });

  it("with a key, keeps no client's words in the clear, and reads them back only with that key", async () => {
    const store = await setUp(KEY);
    const view = await createPlan(store, { ...SETUP, clientName: "Zofia Kowalczyk" }, "user-1");
    await sendEvent(store, view.id, 1, { type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: "Keep my flat on Elm Street" } });
    await store.close?.();
    const stored = await opened.stored();
    expect(stored).not.toContain("Kowalczyk");
    expect(stored).not.toContain("Elm Street");

    const again = opened.open(KEY);
    expect(viewOf((await again.get(view.id))!).data.goals[0].clientWords).toBe("Keep my flat on Elm Street");
    expect((await again.list())[0].clientName).toBe("Zofia Kowalczyk");

    const readAll = async (s: PlanStore) => {
      await s.init();
      return s.get(view.id);
    };
    await expect(readAll(opened.open())).rejects.toThrow(/no COPLAN_ENCRYPTION_KEY is set/);
    await expect(readAll(opened.open(OTHER_KEY))).rejects.toThrow(/cannot be decrypted with the configured key/);
  });
});

// Without a database the PostgreSQL half cannot run: said loudly here, and a failure in CI.
if (!TEST_DATABASE_URL) describePostgres("the PostgreSQL plan store", () => {});
