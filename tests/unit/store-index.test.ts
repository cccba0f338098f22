import { cpSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

/** Long enough for the OS to report a file change (inotify: well under a millisecond). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const open = (dataDir: string) => new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize });

describe("the saved plan index", () => {
  it("gives a restart the same summaries, and reads again a plan saved after the index was", async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    const a = await createPlan(first, { ...SETUP, clientName: "Siobhán Nguyễn 王芳" });
    const b = await createPlan(first, SETUP);
    await first.close();
    expect(readFileSync(join(dataDir, "plans-index.json"), "utf8")).toMatch(/^[\x00-\x7f]*$/);

    // A save the index never heard of (as after a crash): written by another store, no close().
    const other = open(dataDir);
    await sendEvent(other, b.id, b.rev, { type: "ADD", kind: "goals", input: { issue: "Income", clientWords: "Find work" } });

    const second = open(dataDir);
    const list = await second.list();
    expect(list.find((p) => p.id === a.id)?.clientName).toBe("Siobhán Nguyễn 王芳");
    expect(list.find((p) => p.id === b.id)?.rev).toBe(b.rev + 1);
  });

  it("is ignored when it cannot be read: every plan is read instead", async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    const a = await createPlan(first, SETUP);
    await first.close();
    writeFileSync(join(dataDir, "plans-index.json"), "{ not json");
    expect((await open(dataDir).list()).map((p) => p.id)).toEqual([a.id]);
  });

  it("does not hide a plan file damaged after it was saved: start-up stops and names it", async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    const a = await createPlan(first, SETUP);
    await first.close();
    const file = join(dataDir, "plans", `${a.id}.json`);
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 50));
    await expect(open(dataDir).init()).rejects.toThrow(file);
  });

  it("serves a plan changed on disk by hand as it now is, not as cached, once the OS reports the change", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    await store.checkpoint(); // the save reaches the plan's own file
    await settle();
    const cached = await store.get(a.id); // read, checked against the file, cached
    expect(await store.get(a.id)).toBe(cached); // from memory while the file is unchanged
    const file = join(dataDir, "plans", `${a.id}.json`);
    writeFileSync(file, readFileSync(file, "utf8").replace("Amira Haddad", "Someone Else"));
    await settle();
    expect(JSON.stringify((await store.get(a.id))!.snapshot)).toContain("Someone Else");
    await store.close();
  });

  it("goes on noticing hand edits after the plans folder itself is replaced (as by a restore)", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const a = await createPlan(store, SETUP);
    await store.checkpoint();
    await settle();
    await store.get(a.id); // checked and cached
    const plans = join(dataDir, "plans");
    cpSync(plans, `${plans}-restored`, { recursive: true });
    const file = join(`${plans}-restored`, `${a.id}.json`);
    writeFileSync(file, readFileSync(file, "utf8").replace("Amira Haddad", "Someone Else"));
    renameSync(plans, `${plans}-old`);
    renameSync(`${plans}-restored`, plans);
    await settle();
    expect(JSON.stringify((await store.get(a.id))!.snapshot)).toContain("Someone Else");
    await store.close();
  });
});
