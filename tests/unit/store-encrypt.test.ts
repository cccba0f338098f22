import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Run, runScript } from "../helpers/cli.ts";
import { createPlan, loadPlan, sendEvent, summarize } from "../../src/plans/conversation.ts";
import { encryptStore } from "../../src/store/encrypt-store.ts";
import { decrypt, encrypt } from "../../src/store/encryption.ts";
import { lockDataDir } from "../../src/store/lock.ts";
import { LowdbPlanStore } from "../../src/store/lowdb-store.ts";
import { SETUP } from "../fixtures.ts";
import { tempDir } from "../helpers/app.ts";

const HEX = "5a".repeat(32);
const KEY = Buffer.from(HEX, "hex");
const WORDS = "أريد أن أبقى في شقتي — I want to keep my flat";
const open = (dataDir: string, encryptionKey?: Buffer) => new LowdbPlanStore({ dataDir, now: () => new Date("2026-11-24T10:00:00Z"), summarize, encryptionKey });
const goal = { type: "ADD" as const, kind: "goals" as const, input: { issue: "Housing at risk", clientWords: WORDS } };

/** Runs `npm run store:encrypt` as its own process, as an operator would. */
function run(env: Record<string, string>): Promise<Run> {
  return runScript("store-encrypt.ts", [], env);
}

/** A plain store as an earlier Coplan left it: two plans in their files, a third only in the journal (a crash), files 0644. */
async function plainStore(): Promise<{ dataDir: string; ids: string[] }> {
  const dataDir = tempDir();
  const store = open(dataDir);
  const a = await createPlan(store, SETUP);
  await sendEvent(store, a.id, a.rev, goal);
  const b = await createPlan(store, { ...SETUP, clientName: "Siobhán Nguyễn 王芳" });
  await store.close();
  for (const n of readdirSync(join(dataDir, "plans"))) chmodSync(join(dataDir, "plans", n), 0o644);
  chmodSync(join(dataDir, "plans"), 0o755); // as an older Coplan made them, under the usual umask
  // Never checkpointed (as if killed right after the save): only the journal holds it.
  const crashed = new LowdbPlanStore({ dataDir, now: () => new Date(), summarize, checkpoint: { checkpointMs: 3_600_000, maxBytes: 1 << 30 } });
  const c = await createPlan(crashed, SETUP);
  return { dataDir, ids: [a.id, b.id, c.id] };
}

/** Every stored file's text: plan files, the journal, the saved index. */
function storedText(dataDir: string): string {
  const texts: string[] = [];
  for (const sub of ["plans", "journal"]) for (const n of readdirSync(join(dataDir, sub))) texts.push(readFileSync(join(dataDir, sub, n), "utf8"));
  texts.push(readFileSync(join(dataDir, "plans-index.json"), "utf8"));
  return texts.join("\n");
}

describe("npm run store:encrypt", () => {
  it("encrypts a plain store in place: afterwards Coplan reads every plan with the key, and none without it", async () => {
    const { dataDir, ids } = await plainStore();
    await expect(open(dataDir, KEY).init()).rejects.toThrow(/not encrypted/); // why the command exists

    const first = await run({ COPLAN_DATA_DIR: dataDir, COPLAN_ENCRYPTION_KEY: HEX });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("3 encrypted, 0 rewritten in the bound format, 0 already encrypted");

    const text = storedText(dataDir);
    expect(text).not.toContain("keep my flat");
    expect(text).not.toContain("Amira");
    expect(text).not.toContain("Nguy");
    for (const n of readdirSync(join(dataDir, "plans"))) expect(statSync(join(dataDir, "plans", n)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, "plans")).mode & 0o777).toBe(0o700);

    const withKey = open(dataDir, KEY);
    const plans = await Promise.all(ids.map((id) => loadPlan(withKey, id)));
    expect(plans.map((p) => p?.id)).toEqual(ids);
    expect(plans[0]?.data.goals.map((g) => g.clientWords)).toEqual([WORDS]);
    await withKey.close();
    await expect(open(dataDir).init()).rejects.toThrow(/no COPLAN_ENCRYPTION_KEY is set/);

    // Run again (as after an interruption): nothing left to do, nothing damaged.
    const again = await run({ COPLAN_DATA_DIR: dataDir, COPLAN_ENCRYPTION_KEY: HEX });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 encrypted, 0 rewritten in the bound format, 3 already encrypted");
  });

  it("refuses while Coplan holds the data folder, and changes nothing", async () => {
    const { dataDir } = await plainStore();
    const unlock = lockDataDir(dataDir); // this test's process stands in for a running Coplan
    try {
      const before = storedText(dataDir);
      const res = await run({ COPLAN_DATA_DIR: dataDir, COPLAN_ENCRYPTION_KEY: HEX });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/already using the data folder/);
      expect(storedText(dataDir)).toBe(before);
    } finally {
      unlock();
    }
  });

  it("refuses without a key, saying which setting to give", async () => {
    const { dataDir } = await plainStore();
    const res = await run({ COPLAN_DATA_DIR: dataDir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("COPLAN_ENCRYPTION_KEY is not set");
  });

  it("finishes a run that was interrupted: skips what is encrypted, rewrites the older format bound", async () => {
    const dataDir = tempDir();
    const store = open(dataDir);
    const ids = [(await createPlan(store, SETUP)).id, (await createPlan(store, SETUP)).id, (await createPlan(store, SETUP)).id];
    await store.close();
    const file = (id: string) => join(dataDir, "plans", `${id}.json`);
    const plain = readFileSync(file(ids[0]), "utf8");
    writeFileSync(file(ids[0]), encrypt(plain, KEY, { kind: "plan", id: ids[0], rev: 1 })); // done before the interruption
    writeFileSync(file(ids[1]), encrypt(readFileSync(file(ids[1]), "utf8"), KEY)); // the format before bindings
    const counts = await encryptStore(dataDir, KEY, summarize);
    expect(counts).toMatchObject({ encrypted: 1, upgraded: 1, skipped: 1 });
    expect(decrypt(JSON.parse(readFileSync(file(ids[0]), "utf8")), KEY)).toBe(plain); // left as it was
    for (const id of ids) expect(JSON.parse(readFileSync(file(id), "utf8")).bind).toEqual({ kind: "plan", id, rev: 1 });
  });
});
