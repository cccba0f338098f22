/**
 * A plan not kept in memory is read from its file in two trips to libuv's thread pool (open, one
 * read), not the four of fs.readFile (open, fstat, read, close): under load every trip waits for a
 * turn of the event loop, behind the checkpoint's fsyncs, and in the bench's open load nearly every
 * answer reads its plan's file (durable-file.ts, readTextSized).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { DurableJsonFile } from "../../src/store/durable-file.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

const calls = vi.hoisted(() => ({ readFile: 0 }));
vi.mock("node:fs", async (original) => {
  const real = await original<typeof import("node:fs")>();
  const readFile = (...args: unknown[]) => {
    calls.readFile++;
    return (real.readFile as (...a: unknown[]) => void)(...args);
  };
  return { ...real, default: { ...real, readFile }, readFile };
});

const open = (dataDir: string) => new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize });

describe("reading a plan's file", () => {
  it("takes no four-trip fs.readFile for a plan the store does not keep in memory", async () => {
    const dataDir = tempDir();
    const first = open(dataDir);
    const plan = await createPlan(first, SETUP);
    await sendEvent(first, plan.id, plan.rev, { type: "ADD", kind: "goals", input: { issue: "Housing at risk", clientWords: "Stay in my flat, أريد أن أبقى" } });
    await first.close(); // checkpointed, and the index saved: the next store starts without reading the plan

    const second = open(dataDir);
    await second.init();
    calls.readFile = 0;
    const read = await second.get(plan.id);
    expect(JSON.stringify(read)).toContain("Stay in my flat, أريد أن أبقى");
    expect(calls.readFile).toBe(0);
    await second.close();
  });

  it("gives the whole text whatever size the stat before it said (the file may have been replaced since)", async () => {
    const file = join(tempDir(), "plan.json");
    const text = JSON.stringify({ words: "أريد أن أبقى في شقتي — 我想留在这里", more: "x".repeat(5000) });
    writeFileSync(file, text);
    const json = new DurableJsonFile(file, (raw) => raw);
    const bytes = Buffer.byteLength(text);
    for (const size of [0, 10, bytes - 1, bytes, bytes + 1, bytes * 2]) expect(await json.readTextSized(size)).toBe(text);
    expect(await new DurableJsonFile(join(tempDir(), "gone.json"), (raw) => raw).readTextSized(100)).toBeNull();
  });
});
