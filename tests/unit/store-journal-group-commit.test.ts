import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal, type JournalAppend } from "../../src/store/journal.ts";
import { tempDir } from "../helpers/app.ts";

/** A disk whose appends finish only when the test says so, recording what each one was given. */
function heldDisk() {
  const calls: { text: string; finish: () => void }[] = [];
  const append: JournalAppend = async (handle, bytes) => {
    const held = new Promise<void>((resolve) => calls.push({ text: bytes.toString("utf8"), finish: resolve }));
    await handle.write(bytes); // really written, so the segment can be read afterwards
    await held;
  };
  return { calls, append };
}

const entry = (id: string, words: string) => ({ id, bytes: Buffer.from(JSON.stringify({ id, words }), "utf8") });
const turn = () => new Promise((resolve) => setImmediate(resolve));
async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
}

describe("the journal's group commit", () => {
  it("acknowledges a save only once the disk says its line is durable, and the event loop runs on meanwhile", async () => {
    const dir = tempDir();
    const disk = heldDisk();
    const journal = new Journal(dir, 1, async () => {}, { checkpointMs: 60_000, maxBytes: 1 << 24, append: disk.append });
    let acknowledged = false;
    const saved = journal.save(entry("aaaaaaaaaaaaaaaa", "Keep my flat"), () => (acknowledged = true));
    await until(() => disk.calls.length === 1);
    // The disk is still syncing: other work (timers, other requests) goes on, and nothing is acknowledged.
    let ticks = 0;
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 1)).then(() => ticks++);
    expect(ticks).toBe(5);
    expect(acknowledged).toBe(false);
    disk.calls[0].finish();
    await saved;
    expect(acknowledged).toBe(true);
  });

  it("gathers the saves that arrive while the disk syncs into one next append", async () => {
    const dir = tempDir();
    const disk = heldDisk();
    const journal = new Journal(dir, 1, async () => {}, { checkpointMs: 60_000, maxBytes: 1 << 24, append: disk.append });
    const done: string[] = [];
    const first = journal.save(entry("aaaaaaaaaaaaaaaa", "first"), () => done.push("first"));
    await until(() => disk.calls.length === 1);
    // Three more answers, each in a turn of its own, while the first one's sync is under way.
    const later = [];
    for (const words of ["second", "third", "fourth"]) {
      later.push(journal.save(entry(`${words}bbbbbbbbbbbbbbbb`.slice(0, 16), words), () => done.push(words)));
      await turn();
    }
    expect(disk.calls).toHaveLength(1); // one append at a time
    disk.calls[0].finish();
    await first;
    await until(() => disk.calls.length === 2);
    expect(done).toEqual(["first"]);
    // All three in the second append: one sync shared by every save that waited.
    expect(disk.calls[1].text.split("\n").filter(Boolean).map((l) => JSON.parse(l.slice(l.indexOf("{"))).words)).toEqual(["second", "third", "fourth"]);
    disk.calls[1].finish();
    await Promise.all(later);
    expect(done).toEqual(["first", "second", "third", "fourth"]);
    expect(readFileSync(join(dir, "00000001.log"), "utf8").split("\n").filter(Boolean)).toHaveLength(4);
  });
});
