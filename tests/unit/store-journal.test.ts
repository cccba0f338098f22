import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createPlan, loadPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

const KEY = Buffer.alloc(32, 7);
const open = (dataDir: string, extra: Partial<ConstructorParameters<typeof LowdbPlanStore>[0]> = {}) =>
  new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize, ...extra });
const segments = (dataDir: string) => (existsSync(join(dataDir, "journal")) ? readdirSync(join(dataDir, "journal")).map((n) => join(dataDir, "journal", n)) : []);
const goal = (clientWords: string) => ({ type: "ADD" as const, kind: "goals" as const, input: { issue: "Housing at risk", clientWords } });

/** A plan with two answers saved, and the store left open: as a process killed right after them would leave it. */
async function crashedAfterTwoAnswers(dataDir: string, extra: Partial<ConstructorParameters<typeof LowdbPlanStore>[0]> = {}) {
  const store = open(dataDir, extra);
  const plan = await createPlan(store, SETUP);
  const first = await sendEvent(store, plan.id, plan.rev, goal("Stay in my flat"));
  await store.checkpoint(); // the plan's file now holds the first answer; the second is only journalled
  const file = join(dataDir, "plans", `${plan.id}.json`);
  const afterFirst = readFileSync(file, "utf8");
  const second = await sendEvent(store, plan.id, first.rev, goal("أريد عملاً قريباً من البيت"));
  return { id: plan.id, file, afterFirst, rev: second.rev };
}

describe("the plan store's journal", () => {
  it("acknowledges a save once journalled, writes the plan's file at the checkpoint, and leaves nothing to replay after a clean close", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const plan = await createPlan(store, SETUP);
    await sendEvent(store, plan.id, plan.rev, goal("Keep my flat"));
    const journalled = segments(dataDir).map((f) => readFileSync(f, "utf8")).join("");
    expect(journalled.split("\n").filter(Boolean)).toHaveLength(2);
    expect(journalled).toContain("Keep my flat");
    const file = join(dataDir, "plans", `${plan.id}.json`);
    expect(existsSync(file)).toBe(false);
    expect((await loadPlan(store, plan.id))?.data.goals).toHaveLength(1); // reads see it all the same
    await store.checkpoint();
    expect(readFileSync(file, "utf8")).toContain("Keep my flat");
    await store.close();
    expect(segments(dataDir)).toEqual([]);
    expect((await loadPlan(open(dataDir), plan.id))?.data.goals.map((g) => g.clientWords)).toEqual(["Keep my flat"]);
  });

  it("puts back a save whose plan file a power cut left at the version before", async () => {
    const dataDir = tempDir();
    const { id, file, afterFirst, rev } = await crashedAfterTwoAnswers(dataDir);
    expect(readFileSync(file, "utf8")).toBe(afterFirst); // the second answer is not in the file yet
    const restarted = open(dataDir);
    const plan = await loadPlan(restarted, id);
    expect(plan?.rev).toBe(rev);
    expect(plan?.data.goals.map((g) => g.clientWords)).toEqual(["Stay in my flat", "أريد عملاً قريباً من البيت"]);
    expect(JSON.parse(readFileSync(file, "utf8")).rev).toBe(rev);
    expect(segments(dataDir)).toHaveLength(1); // the replayed ones are gone; this run's own is open
  });

  it("puts back a plan file a power cut left empty or torn, encrypted as it was", async () => {
    const dataDir = tempDir();
    const { id, file, rev } = await crashedAfterTwoAnswers(dataDir, { encryptionKey: KEY });
    const journalled = segments(dataDir).map((f) => readFileSync(f, "utf8")).join("");
    expect(journalled).toContain('"coplan-aes-256-gcm"'); // the second answer is there, encrypted
    expect(journalled).not.toContain("أريد");
    writeFileSync(file, "");
    const plan = await loadPlan(open(dataDir, { encryptionKey: KEY }), id);
    expect(plan?.rev).toBe(rev);
    expect(readFileSync(file, "utf8")).toContain('"coplan-aes-256-gcm"');
  });

  it("drops a line the crash cut short: it was never acknowledged", async () => {
    const dataDir = tempDir();
    const { id, rev } = await crashedAfterTwoAnswers(dataDir);
    const [segment] = segments(dataDir);
    appendFileSync(segment, readFileSync(segment, "utf8").split("\n")[0].slice(0, 120));
    expect((await loadPlan(open(dataDir), id))?.rev).toBe(rev);
  });

  it("stops start-up, naming the journal, when a line with saves after it is damaged", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const plan = await createPlan(store, SETUP);
    const first = await sendEvent(store, plan.id, plan.rev, goal("Stay in my flat"));
    await sendEvent(store, plan.id, first.rev, goal("Find work"));
    const [segment] = segments(dataDir);
    const lines = readFileSync(segment, "utf8").split("\n");
    lines[1] = lines[1].replace("Stay in my flat", "Stay in my flaT");
    writeFileSync(segment, lines.join("\n"));
    await expect(open(dataDir).init()).rejects.toThrow(segment);
    expect(readFileSync(segment, "utf8")).toBe(lines.join("\n")); // left as it was, for a person to look at
  });

  it("checkpoints while saves go on: old segments go, every save stays", async () => {
    const dataDir = tempDir();
    const store = open(dataDir, { checkpoint: { checkpointMs: 5, maxBytes: 4096 } });
    const plans = await Promise.all(Array.from({ length: 8 }, () => createPlan(store, SETUP)));
    const revs = new Map(plans.map((p) => [p.id, p.rev]));
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        plans.map(async (p) => {
          const after = await sendEvent(store, p.id, revs.get(p.id)!, goal(`Answer ${round} 第${round}个`));
          revs.set(p.id, after.rev);
        }),
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    // Once the last checkpoint (5 ms after the last save) is done, every plan's own file holds its
    // last answer, and the journal holds nothing more to replay. Waited for, not slept on: on a
    // busy machine its last step (deleting the old segment) came after a fixed 100 ms.
    await vi.waitFor(
      () => {
        for (const p of plans) expect(JSON.parse(readFileSync(join(dataDir, "plans", `${p.id}.json`), "utf8")).rev).toBe(revs.get(p.id));
        expect(segments(dataDir).map((f) => readFileSync(f, "utf8")).join("")).toBe("");
      },
      { timeout: 5000, interval: 20 },
    );
    const fresh = open(dataDir);
    for (const p of plans) {
      const loaded = await loadPlan(fresh, p.id);
      expect(loaded?.rev).toBe(revs.get(p.id));
      expect(loaded?.data.goals).toHaveLength(6);
    }
  });
});
